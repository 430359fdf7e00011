"""Processing adapters of road-segment units and MetaTRL: map matching (map_match.py), MetaTRL training (train.py),
embedding (embed.py) and downstream tasks (task.py), the road layers as road units (road_io.py) and the MetaTRL
algorithms' shared reading and writing (io.py)."""
