"""Processing adapter of evolutionary clustering of streaming trajectories (ECO): the algorithm (cluster.py) and
its output layers (io.py)."""
