"""E2DTC deep trajectory clustering (t2vec pre-training, self-training) with its classic baselines."""
