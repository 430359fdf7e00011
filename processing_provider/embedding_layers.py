"""Layer contract between the embedding algorithms and the plugin's embedding explorer (no imports on purpose).

``deeptraj:mobilityembed`` and ``deeptraj:metatrlembed`` mark their output layer with
``layer.setCustomProperty(EMBEDDING_PROPERTY, "1")``; when such a layer is added to the project the plugin opens the
embedding explorer on it. An embedding layer has one feature per embedded sequence with the 2-D projection fields
:data:`PCA_FIELDS` (optionally :data:`UMAP_FIELDS`), mobilityembed's :data:`USER_FIELD`, and the embedding either
as one numeric field per value (:func:`embedding_field_name`: e000, e001, ...) or as one JSON text field
(:data:`EMBEDDING_JSON_FIELD`).
"""

#: layer custom property (value "1") of an embedding output
EMBEDDING_PROPERTY = "deeptraj/embedding"
#: the property values (lower-cased, stripped) that count as set
MARKED_VALUES = ("1", "true", "yes")

#: the PCA projection of the embeddings (both fields are always written)
PCA_FIELDS = ("PCA_1", "PCA_2")
#: the optional UMAP projection
UMAP_FIELDS = ("UMAP_1", "UMAP_2")
#: (x, y) projection field pairs, in order of preference
PROJECTION_FIELDS = (PCA_FIELDS, UMAP_FIELDS)

#: the user of a user-day (mobilityembed); the explorer colours the points by it by default
USER_FIELD = "user"
#: preferred "colour by" fields, in order
COLOR_FIELDS = (USER_FIELD,)

#: prefix of the numeric embedding fields (followed by the 0-based dimension, three digits)
EMBEDDING_FIELD_PREFIX = "e"
#: the text field holding the embedding as a JSON list (the "one JSON text field" output format)
EMBEDDING_JSON_FIELD = "embedding"


def embedding_field_name(dimension: int) -> str:
    """Name of the numeric field of embedding dimension ``dimension`` (0 -> "e000")."""
    return f"{EMBEDDING_FIELD_PREFIX}{dimension:03d}"


def is_marked(value) -> bool:
    """True when a value of the :data:`EMBEDDING_PROPERTY` custom property marks an embedding layer."""
    return str(value).strip().lower() in MARKED_VALUES


def projection_pair(numeric_names):
    """The first (x, y) pair of :data:`PROJECTION_FIELDS` among ``numeric_names``; (None, None) without one."""
    names = set(numeric_names)
    for x, y in PROJECTION_FIELDS:
        if x in names and y in names:
            return x, y
    return None, None
