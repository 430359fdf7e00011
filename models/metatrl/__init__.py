"""MetaTRL cross-city trajectory representation learning and its downstream tasks."""
