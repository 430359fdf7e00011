"""ECO evolutionary clustering of streaming trajectories, with per-snapshot baselines."""
