"""Substrate shared by every method: trajectories, CRS and time, trip segmentation, H3 and grid cells,
discretization, units and road graphs, map matching, file readers, progress, model files, reports and metrics.

Import rule (tests/models/test_import_rules.py): core imports nothing outside core.
"""
