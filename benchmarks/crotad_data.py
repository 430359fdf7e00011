"""The datasets of ``crotad_eval.py``: loaders (trajectories, an OD per trajectory, the CroTad graph inputs, a note)
and the train / validation / test splits (per OD at random, or by whole days for San Francisco)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _qgis import DATA

from deeptraj.models.core.readers.porto import read_porto_csv
from deeptraj.models.core.trajectories import Trajectories
from deeptraj.models.synthetic.od import assign_od

WMATA = DATA / "wmata_bus_avl" / "wmata_gtfsrt_2026-02-16.csv.gz"
PORTO = DATA / "porto_taxi" / "porto_train_first1999_points.csv.gz"
PORTO_ROADS = DATA / "porto_roads_osm" / "porto_roads.gpkg"


# ---------------------------------------------------------------------------- datasets
def load_wmata(args):
    df = pd.read_csv(WMATA)
    route = df["vehicle.trip.route_id"].astype(str)
    direction = df["vehicle.trip.direction_id"].astype("Int64").astype(str)
    od = (route + "_" + direction).to_numpy()
    key = (df["vehicle.trip.trip_id"].astype(str) + "|" + df["id"].astype(str)).to_numpy()
    tr, _ = Trajectories.from_points(
        key,
        df["vehicle.position.longitude"],
        df["vehicle.position.latitude"],
        df["vehicle.timestamp"].astype(np.int64),
        crs="EPSG:4326",
    )
    first = pd.Series(od, index=key).groupby(level=0).first()
    ods = [str(first[k]) for k in tr.ids]
    # stops: median position of the "stopped at" fixes per route direction and stop sequence
    st = df[df["vehicle.current_status"] == 1].assign(od=od[df["vehicle.current_status"].to_numpy() == 1])
    stops = (
        st.groupby(["od", "vehicle.current_stop_sequence"])[["vehicle.position.longitude", "vehicle.position.latitude"]]
        .median()
        .reset_index()
    )
    graph = None
    if not args.no_graph:
        from deeptraj.models.crotad.graph import context_edges

        graph = {
            "context_edges": context_edges(
                stops["od"].to_numpy(),
                stops["vehicle.current_stop_sequence"],
                stops["vehicle.position.longitude"],
                stops["vehicle.position.latitude"],
                9,
            )
        }
    note = f"{len(stops)} stops of {stops['od'].nunique()} route directions for the context graph"
    return tr, ods, graph, note


def _road_lines(path):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    lines = []
    for f in ds.GetLayerByName("edges"):
        g = f.GetGeometryRef()
        if g is not None and g.GetPointCount() >= 2:
            lines.append(np.array(g.GetPoints())[:, :2])
    return lines


def load_porto(args):
    p = pd.read_csv(PORTO)
    tr, _ = Trajectories.from_points(p.trip_id.astype(str).to_numpy(), p.lon, p.lat, p.t_unix, crs="EPSG:4326")
    a = assign_od(tr, resolution=args.porto_od_res, min_trips=args.porto_min_trips)
    n_keep = min(args.max_ods, a.n_pairs)
    ods = [str(int(v)) if 0 <= v < n_keep else None for v in a.od_id]
    same = sum(int(a.pairs[i, 0] == a.pairs[i, 1]) for i in range(n_keep))
    note = (
        f"OD pairs at H3 resolution {args.porto_od_res} with >= {args.porto_min_trips} trips: {a.n_pairs}; "
        f"kept the {n_keep} largest (supports {', '.join(str(int(s)) for s in a.pairs[:n_keep, 2])}; "
        f"{same} with origin cell = destination cell)"
    )
    graph = None
    if not args.no_graph and PORTO_ROADS.exists():
        from deeptraj.models.crotad.graph import road_edges

        graph = {"road_edges": road_edges(_road_lines(PORTO_ROADS), 10)}
    return tr, ods, graph, note


# ---------------------------------------------------------------------------- protocol
def split_per_od(ods, rng):
    """'train' / 'val' / 'test' per trajectory (None = not used), 70 / 10 / 20 within every OD."""
    part = np.full(len(ods), None, dtype=object)
    groups = {}
    for i, o in enumerate(ods):
        if o is not None:
            groups.setdefault(o, []).append(i)
    for o in sorted(groups):
        m = np.array(groups[o])[rng.permutation(len(groups[o]))]
        if m.size < 4:
            continue
        n_test = max(1, int(round(0.2 * m.size)))
        n_val = int(round(0.1 * m.size))
        part[m[:n_test]] = "test"
        part[m[n_test : n_test + n_val]] = "val"
        part[m[n_test + n_val :]] = "train"
    return part


SF = DATA / "cabspotting_sf" / "cabspotting_sf_trips_occupied.csv.gz"
SF_UTC_OFFSET_H = -7  # Pacific daylight time (May-June 2008): days are cut at local midnight


def load_sf(args):
    """Cabspotting passenger trips (the Porto layout with TIME_OFFSETS) read with the engine's Porto reader; the
    ``--max-ods`` most frequent OD pairs with origin cell != destination cell at H3 resolution ``--sf-od-res``."""
    ids, x, y, t = read_porto_csv(str(SF), chunksize=10000).point_columns(max_rows=args.sf_max_trips)
    tr, _ = Trajectories.from_points(ids, x, y, t, crs="EPSG:4326")
    a = assign_od(tr, resolution=args.sf_od_res, min_trips=args.sf_min_trips)
    distinct = [i for i in range(a.n_pairs) if a.pairs[i, 0] != a.pairs[i, 1]][: args.max_ods]
    keep = {i: str(r) for r, i in enumerate(distinct)}
    ods = [keep.get(int(v)) for v in a.od_id]
    note = (
        f"{a.n_pairs} OD pairs at H3 resolution {args.sf_od_res} with >= {args.sf_min_trips} trips; kept the "
        f"{len(distinct)} largest with origin cell != destination cell (supports "
        f"{', '.join(str(int(a.pairs[i, 2])) for i in distinct)})"
    )
    return tr, ods, None, note


def split_by_day(tr, ods, train_frac=0.7, val_frac=0.1, utc_offset_h=SF_UTC_OFFSET_H):
    """'train' / 'val' / 'test' per trajectory by the local day of its first fix: the first days (``train_frac``
    of the days) train, the next ``val_frac`` validate, the last days test, so no test trip's day is seen in
    training. Returns the parts and the (first, last) day index of each part."""
    start = np.asarray(tr.t)[np.asarray(tr.offsets)[:-1]].astype(np.int64)
    day = (start + int(utc_offset_h) * 3600) // 86400
    days = np.unique(day[[o is not None for o in ods]])
    n_train = int(round(train_frac * days.size))
    n_val = max(1, int(round(val_frac * days.size)))
    train_days, val_days = days[:n_train], days[n_train : n_train + n_val]
    part = np.full(len(ods), None, dtype=object)
    for i, o in enumerate(ods):
        if o is None:
            continue
        d = day[i]
        part[i] = "train" if d <= train_days[-1] else ("val" if d <= val_days[-1] else "test")
    spans = {"train": train_days, "val": val_days, "test": days[n_train + n_val :]}
    return part, {k: (_date(v[0]), _date(v[-1])) for k, v in spans.items() if v.size}


def _date(day: int) -> str:
    return str(pd.Timestamp(int(day) * 86400, unit="s").date())


# name -> (title, loader, path, H3 resolution, window L, split "od" (random 70/10/20 per OD) or "day")
DATASETS = {
    "wmata": ("WMATA bus AVL (Washington DC, 2026-02-16)", load_wmata, WMATA, 9, 10, "od"),
    "porto": ("Porto taxi (first 1,999 trips)", load_porto, PORTO, 10, 5, "od"),
    "sf": ("San Francisco cabs (Cabspotting, 25 days)", load_sf, SF, 10, 5, "day"),
}
