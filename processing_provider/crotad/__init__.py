"""Processing adapters of online sub-trajectory anomaly detection with CroTad: train (train.py), detect
(detect.py), their shared reading and writing (io.py) and the segments layer contract with the plugin's "Flagged
segments" dock (layers.py)."""
