"""CroTad online sub-trajectory anomaly detection: hierarchical graph, the detector, baselines and evaluation."""
