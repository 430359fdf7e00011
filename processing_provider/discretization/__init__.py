"""Discretization algorithms: square grid (discretizegrid) and H3 hexagons (discretizeh3), with their shared outputs."""
