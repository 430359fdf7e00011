"""Processing adapters of trajectory clustering with E2DTC: train (train.py), apply (apply.py), the paper's classic
baselines (classic.py) and their shared reading and writing (io.py)."""
