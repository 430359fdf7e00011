"""Processing adapters of the mobility embeddings: train the Transformer + BiLSTM model (train.py), embed sequences
for the embedding explorer (embed.py) and their shared reading and writing (io.py)."""
