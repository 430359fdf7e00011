"""Ground-truth algorithms: cluster labels around centres, OD pairs on the H3 grid, synthetic anomalies."""
