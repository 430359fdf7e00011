"""Mobility embeddings: Transformer + BiLSTM next-location model and its readouts."""
