"""Streaming readers of trajectory files (no qgis), one module per format: :mod:`.generic` (point CSV),
:mod:`.porto` (Porto taxi CSV), :mod:`.geolife` (GeoLife .plt trees) and :mod:`.lymob` (LYMob-4Cities / YJMob100K
grid CSV); the shared machinery is in :mod:`.common` (FormatError, Chunk, ReadStats), :mod:`.files`, :mod:`.columns`
and :mod:`.base` (ChunkReader); :mod:`.tally` holds ImportTally and :mod:`.wkb` the WKB point decoder.

Every ``read_*`` function checks the file at once (missing path, 0-byte file, missing columns, bad header: a
:class:`~.common.FormatError` naming what is wrong) and returns a :class:`~.base.ChunkReader`. Iterating the reader
yields :class:`~.common.Chunk` objects (flat numpy columns of at most about ``chunksize`` points), so a file of any
size is read without holding Python objects per point. The reader keeps the counters of what it skipped in
``reader.stats`` (:class:`~.common.ReadStats`), the output columns and their kinds in ``reader.schema`` (fixed by the
first chunk) and the share of the file read so far in ``reader.fraction()`` (file position; compressed bytes for
``.gz`` and ``.xz``).

:class:`~.tally.ImportTally` then keeps per-trajectory aggregates over the chunks (ids, point counts, whether time
goes backwards) and, only when asked, the point arrays needed to build lines with ``Trajectories.from_points``
(about 28 bytes per point).

Rules shared by all readers: a point without a usable coordinate is skipped and counted; a point without a
trajectory id is skipped and counted; a point whose time cannot be read keeps a missing time (``NAT``) and is
counted; the order of points is the file order.
"""
