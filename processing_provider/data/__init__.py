"""Data algorithms: import trajectory files, simulate a labelled synthetic sample."""
