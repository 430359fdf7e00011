"""Layer contract between deeptraj:crotaddetect and the plugin's "Flagged segments" dock (no imports on purpose).

The algorithm marks its OUTPUT_SEGMENTS layer with ``layer.setCustomProperty(SEGMENTS_PROPERTY, "1")``; when such a
layer is added to the project the plugin opens the dock on it. The segments layer is a LineString (or LineStringM)
layer with one feature per run of equally labelled consecutive points of a trajectory and the fields of
:data:`SEGMENT_FIELDS`, in the ``[(name, kind)]`` form of ``layer_io.make_fields``.

A run of one point at the end of a trajectory (or a one-point trajectory) is written as a zero-length line (its one
point twice) with n_points 1, so that the segments cover every labelled point; the dock does not list such segments.
"""

#: layer custom property (value "1") of a CroTad segments layer
SEGMENTS_PROPERTY = "deeptraj/crotad_segments"

#: the segments layer's fields, in order. traj_id may also be "int" (the input's id type); start_time may be NULL;
#: label: 0 normal, 1 anomalous; anomaly_type: the ground-truth type when the input came from syntheticanomalies,
#: else NULL; reviewed: NULL = not reviewed, 1 = confirmed anomaly, 0 = false positive (written by the dock).
SEGMENT_FIELDS = (
    ("traj_id", "string"),
    ("od", "string"),
    ("start_time", "datetime"),
    ("end_time", "datetime"),
    ("n_points", "int"),
    ("label", "int"),
    ("mean_votes", "double"),
    ("anomaly_type", "string"),
    ("reviewed", "int"),
)

#: the anomaly_type values of syntheticanomalies (models.synthetic.anomalies.ANOMALY_TYPES; the dock shows them as
#: the words of its TYPES options) and the value of its untouched, normal trajectories
ANOMALY_TYPES = ("head_detour", "rear_detour", "midway_detour", "random_trajectory", "route_switching")
NORMAL_TYPE = "normal"
