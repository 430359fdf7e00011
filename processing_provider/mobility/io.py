"""Reading and writing shared by the mobility-embedding algorithms: points grouped into user-day (or trajectory)
sequences, the embedded-sequences layer of the embedding explorer (:mod:`..embedding_layers`) and the .npy/.csv
export of the embeddings."""

from __future__ import annotations

import json

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsProcessingException, QgsWkbTypes

from .. import styles
from ..base import translate
from ..embedding_layers import (
    EMBEDDING_JSON_FIELD,
    EMBEDDING_PROPERTY,
    PCA_FIELDS,
    UMAP_FIELDS,
    USER_FIELD,
    embedding_field_name,
)
from ..layer_io import epoch_to_qdatetime, line_geometry, make_fields, py_value

#: the fields of a LYMob / YJMob100K import (its days and slots are in UTC)
LYMOB_FIELDS = ("uid", "d", "t", "x", "y")


def _grouping(alg, parameters, context, feedback, group_by):
    """(the field grouping the points, the user field read as an extra attribute or None)."""
    user_field = alg.parameterAsString(parameters, "USER_FIELD", context) or None
    traj_field = alg.parameterAsString(parameters, "TRAJ_ID_FIELD", context) or None
    if group_by == "user-day":
        group_field = user_field or traj_field
        if not group_field:
            raise QgsProcessingException(
                "USER_FIELD: grouping by user-day needs the field that identifies the user (uid for a LYMob "
                "import); or group by trajectory with a TRAJ_ID_FIELD."
            )
        if not user_field:
            feedback.pushWarning(f"No USER_FIELD: every value of '{traj_field}' is taken as one user.")
    else:
        if not traj_field:
            raise QgsProcessingException("TRAJ_ID_FIELD: grouping by trajectory needs the trajectory ID field.")
        group_field = traj_field
    return group_field, (user_field if user_field and user_field != group_field else None)


def _time_zone_offset(source, trajs, feedback) -> int:
    """Seconds from UTC of the local day: 0 for a LYMob import, else the solar offset of the data's longitude."""
    from ...models.core.crs import transform_xy
    from ...models.core.timeparse import solar_offset_s

    names = [n.lower() for n in source.fields().names()]
    if all(f in names for f in LYMOB_FIELDS):
        feedback.pushInfo("LYMob import detected: days and slots in UTC from the import's start date.")
        return 0
    lon, _ = transform_xy([float(np.mean(trajs.x))], [float(np.mean(trajs.y))], trajs.crs, "EPSG:4326")
    tz_offset_s = solar_offset_s(lon[0])
    feedback.pushInfo(
        f"Days and times of day in UTC{tz_offset_s / 3600:+g} h (from the data's longitude; "
        "set TIME_ZONE to change it)."
    )
    return tz_offset_s


def read_mobility_sequences(alg, parameters, context, feedback, group_by, resample_s=None, tz_offset_s=None, crs=None):
    """(MobilitySequences in a metric CRS, trajectories read, settings dict, cleaning report).

    ``resample_s``/``tz_offset_s`` None: the defaults (30 min for user-days, 1 min for trajectories; the solar
    offset of the data's longitude, or UTC for a LYMob import). ``crs``: the metric CRS to use (a model's)."""
    from ...models.mobility.sequences import MobilityDataError, build_sequences
    from ..layer_io import read_trajectories

    source = alg.parameterAsSource(parameters, "INPUT", context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, "INPUT"))
    group_field, user_field = _grouping(alg, parameters, context, feedback, group_by)
    trajs, report = read_trajectories(
        source,
        group_field,
        alg.parameterAsString(parameters, "TIME_FIELD", context),  # a required parameter
        feedback,
        min_points=1,
        layer=alg.parameterAsVectorLayer(parameters, "INPUT", context),
        parameter_value=parameters.get("INPUT"),
        extra_fields=(user_field,) if user_field else (),
        progress=alg.plan(feedback).reading(),
    )
    if tz_offset_s is None:
        tz_offset_s = _time_zone_offset(source, trajs, feedback)
    if resample_s is None:
        resample_s = 1800 if group_by == "user-day" else 60
    metric = trajs.to_metric(crs) if crs else alg.metric_trajectories(trajs, parameters, "CRS", context, feedback)
    try:
        seqs = build_sequences(
            np.repeat(trajs.ids, trajs.lengths),
            trajs.attrs[user_field] if user_field else None,
            metric.x,
            metric.y,
            trajs.t,
            group_by=group_by,
            resample_s=resample_s,
            tz_offset_s=tz_offset_s,
        )
    except MobilityDataError as e:
        raise QgsProcessingException(f"INPUT: {e}")
    if seqs.n_short:
        feedback.pushWarning(
            f"{seqs.n_short} of {seqs.n_groups} {group_by} group(s) have fewer than 2 records "
            f"(one per {resample_s / 60:g} min) and were left out."
        )
    feedback.pushInfo(
        f"{len(seqs)} sequences ({group_by}) of {seqs.n_records} records, {len(set(map(str, seqs.users)))} users."
    )
    settings = {"group_by": group_by, "resample_s": float(resample_s), "tz_offset_s": int(tz_offset_s)}
    settings["crs"] = metric.crs
    return seqs, trajs, settings, report


# ---------------------------------------------------------------------------------------------- embeddings
def style_embeddings(layer):
    """Categorized by user (up to 40 users) and marked for the embedding explorer."""
    idx = layer.fields().lookupField(USER_FIELD)
    if idx >= 0 and len(layer.uniqueValues(idx, 41)) <= 40:
        styles.categorized(layer, USER_FIELD, width=0.5)
    layer.setCustomProperty(EMBEDDING_PROPERTY, "1")


def save_embeddings(path, keys, emb):
    """.npy (the matrix) or .csv (group_id then the e000... columns of the embedding layers), written atomically."""
    from ...models.core.embeddings import save_embeddings as save

    save(path, keys, emb, [embedding_field_name(i) for i in range(emb.shape[1])])


def _embedding_fields(size, with_umap, fmt):
    """The fields of the embedded-sequences layer (``fmt``: "fields", "json" or "none")."""
    spec = [
        ("group_id", "string"),
        (USER_FIELD, "string"),
        ("day", "string"),
        ("dow", "int"),
        ("n_points", "int"),
        ("n_records", "int"),
        ("start_time", "datetime"),
        ("end_time", "datetime"),
        *((name, "double") for name in PCA_FIELDS),
    ]
    if with_umap:
        spec += [(name, "double") for name in UMAP_FIELDS]
    if fmt == "fields":
        spec += [(embedding_field_name(i), "double") for i in range(size)]
    elif fmt == "json":
        spec.append((EMBEDDING_JSON_FIELD, "string"))
    return make_fields(spec)


def write_embedded_sequences(alg, parameters, context, feedback, trajs, seqs, emb, pca, umap_xy, fmt):
    """Write OUTPUT: one line per sequence (its input points in time order) with its summary, projections and
    embedding; styled and marked for the embedding explorer. Returns the destination id."""
    from ...models.mobility.results import sequence_points, sequence_summary

    fields = _embedding_fields(emb.shape[1], umap_xy is not None, fmt)
    sink, dest = alg.parameterAsSink(
        parameters, "OUTPUT", context, fields, QgsWkbTypes.LineStringM, QgsCoordinateReferenceSystem(trajs.crs)
    )
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, "OUTPUT"))
    points, s = sequence_points(seqs), sequence_summary(seqs)
    plan = alg.plan(feedback)
    plan.text(translate("DeepTraj", "Writing the embeddings"))
    written = plan.writing()
    for i, p in enumerate(points):
        if i % 500 == 0 and feedback.isCanceled():
            raise QgsProcessingException(translate("DeepTraj", "Cancelled by the user: no output was written."))
        f = QgsFeature(fields)
        f.setGeometry(line_geometry(trajs.x[p], trajs.y[p], trajs.t[p]))
        row = [str(s["key"][i]), str(py_value(s["user"][i])), str(s["day"][i]), int(s["dow"][i]), int(p.size)]
        row += [int(s["n_records"][i]), epoch_to_qdatetime(s["start"][i]), epoch_to_qdatetime(s["end"][i])]
        row += [float(pca[i, 0]), float(pca[i, 1])]
        if umap_xy is not None:
            row += [float(umap_xy[i, 0]), float(umap_xy[i, 1])]
        if fmt == "fields":
            row += [float(v) for v in emb[i]]
        elif fmt == "json":
            row.append(json.dumps([round(float(v), 6) for v in emb[i]]))
        f.setAttributes(row)
        sink.addFeature(f)
        written(100.0 * i / max(len(seqs), 1))
    del sink
    alg.style_output(context, dest, style_embeddings)
    return dest
