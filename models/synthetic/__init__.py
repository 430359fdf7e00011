"""Synthetic data and labels: the trajectory simulators, CroTad's synthetic anomalies, E2DTC's ground-truth
clusters and OD pairs. Methods never import this package.
"""
