"""Grid / H3 discretization engine and the E2DTC ground-truth engine (no QGIS)."""

import numpy as np
import pytest

from deeptraj.models.core.discretize import (
    UNK,
    GridDiscretizer,
    GridSpec,
    H3Discretizer,
    Vocabulary,
    discretizer_from_vocabulary,
)
from deeptraj.models.core.trajectories import Trajectories, TrajectoryDataError
from deeptraj.models.synthetic.groundtruth import assign_to_centers, auto_centers


def _metric(seqs):
    return Trajectories.from_arrays([np.asarray(s, float) for s in seqs], crs="EPSG:3857")


def test_grid_cell_ids_follow_the_t2vec_convention():
    g = GridSpec.from_extent(0, 0, 1000, 600, 300, "EPSG:3857")
    assert (g.n_cols, g.n_rows) == (4, 2)
    assert (g.xmax, g.ymax) == (1200, 600)  # whole cells cover the extent
    ids = g.cell_ids(np.array([0, 299.9, 300, 1200, 1200.1, -1, 650]), np.array([0, 0, 0, 600, 10, 5, 350]))
    assert ids.tolist() == [0, 0, 1, 7, -1, -1, 6]  # row*n_cols+col; the outer edge belongs to the last cell


def test_hot_cells_tokens_and_cold_mapping():
    # cell 0 visited 3x, cell 1 (x 300..600) 2x, cell 3 (x 900..1200) once -> cold with min_freq 2
    tr = _metric([[(10, 10), (20, 10), (310, 10)], [(30, 20), (320, 20), (950, 20)]])
    d = GridDiscretizer(cell_size=300, extent=(0, 0, 1200, 300), min_freq=2, k_nearest=2)
    seq = d.fit_transform(tr)
    v = d.vocab_
    assert v.cells.tolist() == [0, 1] and v.visits.tolist() == [3, 2]
    assert v.extra_cells.tolist() == [3] and v.extra_tokens.tolist() == [5]  # nearest hot cell is cell 1
    assert seq.sequence(0).tolist() == [4, 5] and seq.sequence(1).tolist() == [4, 5]  # cold maps then collapses
    assert v.knn_tokens.tolist() == [[4, 5], [5, 4]]


def test_unknown_cells_outside_extent_are_unk_and_roundtrip(tmp_path):
    tr = _metric([[(10, 10), (310, 10), (5000, 10)]])
    d = GridDiscretizer(cell_size=300, extent=(0, 0, 900, 300))
    seq = d.fit_transform(tr)
    assert seq.sequence(0).tolist() == [4, 5, UNK] or seq.sequence(0).tolist() == [5, 4, UNK]
    p = tmp_path / "v.json"
    d.vocab_.save(str(p))
    d2 = discretizer_from_vocabulary(Vocabulary.load(str(p)))
    assert d2.transform(tr).tokens.tolist() == seq.tokens.tolist()


def test_vocabulary_file_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    with pytest.raises(TrajectoryDataError, match="not a DeepTraj vocabulary"):
        Vocabulary.load(str(bad))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(TrajectoryDataError, match="cannot read"):
        Vocabulary.load(str(tmp_path / "broken.json"))


def test_bad_parameters():
    with pytest.raises(TrajectoryDataError, match="CELL_SIZE"):
        GridDiscretizer(cell_size=0)
    with pytest.raises(TrajectoryDataError, match="geographic"):
        GridDiscretizer(crs="EPSG:4326")
    with pytest.raises(TrajectoryDataError, match="RESOLUTION"):
        H3Discretizer(resolution=16)


def test_h3_tokens_cancel_and_progress():
    lon = -8.61 + np.arange(200) * 1e-4
    tr = Trajectories.from_arrays([np.column_stack([lon, np.full(200, 41.15)])], crs="EPSG:4326")
    seen = []
    d = H3Discretizer(resolution=10)
    seq = d.fit_transform(tr, progress=seen.append)
    assert seen[-1] == 100 and len(seq.sequence(0)) == d.vocab_.cells.size
    from deeptraj.models.core.progress import Cancelled

    with pytest.raises(Cancelled):
        H3Discretizer(resolution=10).fit_transform(tr, cancel=lambda: True)


def test_ground_truth_algorithm2():
    # centres 1000 m apart -> radius 600 m with sigma 0.6
    centers = np.array([[0.0, 0.0], [1000.0, 0.0], [0.0, 1000.0]])
    inside_a = [(50, 0), (100, 50), (-100, 0), (0, 120)]
    mostly_b = [(1000, 0), (1050, 0), (980, 30), (3000, 3000)]  # 3/4 = 0.75 >= 0.7
    half_c = [(0, 1000), (0, 1100), (5000, 0), (6000, 0)]  # 0.5 < 0.7
    both = [(500, 0), (520, 0), (480, 0), (500, 10)]  # inside A and B: first centre wins
    gt = assign_to_centers(_metric([inside_a, mostly_b, half_c, both]), centers, 0.6, 0.7)
    assert gt.radius == pytest.approx(600.0)
    assert gt.labels.tolist() == [0, 1, -1, 0]
    assert gt.fallen_rate[1] == pytest.approx(0.75) and gt.fallen_rate[2] == pytest.approx(0.5)
    with pytest.raises(TrajectoryDataError, match="same location"):
        assign_to_centers(_metric([inside_a]), np.array([[0, 0], [0, 0.0]]))


def test_auto_centers_are_busy_and_separated():
    rng = np.random.default_rng(0)
    hubs = np.array([[0, 0], [5000, 0], [0, 5000], [5000, 5000]], float)
    trajs = []
    for h in hubs:
        for _ in range(20):
            trajs.append(h + rng.normal(0, 100, size=(10, 2)))
    trajs.append(np.column_stack([np.linspace(-2000, 7000, 30), np.linspace(-2000, 7000, 30)]))
    c = auto_centers(_metric(trajs), 4)
    d = np.linalg.norm(c[:, None] - hubs[None], axis=2)
    assert (d.min(axis=1) < 400).all()  # each centre sits on a hub (180 m cells)
    assert len(set(d.argmin(axis=1).tolist())) == 4  # one per hub


def _random_walks(n_traj=12, n_pts=60, seed=3, crs="EPSG:4326"):
    rng = np.random.default_rng(seed)
    seqs = []
    for _ in range(n_traj):
        xy = np.array([116.4, 39.9]) + np.cumsum(rng.normal(0, 0.002, (n_pts, 2)), axis=0)
        xy[rng.random(n_pts) < 0.3] = np.nan  # mark repeats below
        for i in range(1, n_pts):  # parked vehicles: the same fix repeated
            if np.isnan(xy[i, 0]):
                xy[i] = xy[i - 1]
        xy[0] = np.where(np.isnan(xy[0]), [116.4, 39.9], xy[0])
        seqs.append(xy)
    return Trajectories.from_arrays(seqs, crs=crs)


@pytest.mark.parametrize(
    "make",
    [
        lambda: GridDiscretizer(cell_size=250),
        lambda: GridDiscretizer(cell_size=250, extent=(1.2955e7, 4.85e6, 1.2962e7, 4.856e6), min_freq=2),
        lambda: H3Discretizer(resolution=10),
        lambda: H3Discretizer(resolution=9, fill_gaps=True, collapse_repeats=False),
    ],
)
def test_chunked_passes_give_the_same_tokens(monkeypatch, make):
    """Projection, cell ids and token lookup run in chunks; tiny chunks give what one chunk gives."""
    from deeptraj.models.core import discretize

    tr = _random_walks()
    whole = make().fit_transform(tr)
    monkeypatch.setattr(discretize, "CHUNK", 7)
    values = []
    chunked_disc = make()
    chunked = chunked_disc.fit_transform(tr, progress=values.append)
    assert np.array_equal(whole.tokens, chunked.tokens) and np.array_equal(whole.offsets, chunked.offsets)
    assert len(values) > 10 and values == sorted(values)  # progress moves chunk by chunk


def test_grid_chunks_check_the_cancel(monkeypatch):
    from deeptraj.models.core import discretize
    from deeptraj.models.core.progress import Cancelled

    monkeypatch.setattr(discretize, "CHUNK", 10)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3  # cancelled while the points are projected chunk by chunk

    with pytest.raises(Cancelled):
        GridDiscretizer(cell_size=250).fit_transform(_random_walks(), cancel=cancel)
    assert len(calls) == 4


def test_collapse_drops_repeats_inside_each_sequence_only():
    from deeptraj.models.core.chunked import collapse_repeats

    tokens = np.array([4, 4, 5, 5, 5, 6, 6, 4, 4, 7])
    offsets = np.array([0, 3, 3, 7, 10])  # an empty sequence in the middle; 5 continues across a boundary
    kept, off = collapse_repeats(tokens, offsets)
    assert [kept[a:b].tolist() for a, b in zip(off[:-1], off[1:])] == [[4, 5], [], [5, 6], [4, 7]]


def test_grid_default_extent_ignores_a_far_outlier():
    """A fix on another continent is UNK instead of stretching the default grid extent over it."""
    rng = np.random.default_rng(0)
    seqs = [np.array([116.4, 39.9]) + np.cumsum(rng.normal(0, 0.002, (200, 2)), axis=0) for _ in range(10)]
    seqs[3][50] = (-3.7, 40.4)  # Madrid
    d = GridDiscretizer(cell_size=300)
    seq = d.fit_transform(Trajectories.from_arrays(seqs, crs="EPSG:4326"))
    assert (seq.tokens == UNK).sum() == 1
    assert d.grid_.xmax - d.grid_.xmin < 200_000  # the bulk only, not Beijing-Madrid


def test_h3_cells_reuse_repeated_fixes_and_boundaries_match():
    from deeptraj.models.core import h3grid

    h3 = pytest.importorskip("h3")
    lon = np.array([116.4, 116.4, 116.41, np.nan, 116.41, 116.41, 116.4])
    lat = np.array([39.9, 39.9, 39.91, 39.9, 39.91, 39.91, 39.9])
    cells = h3grid.cells(lon, lat, 10)
    expect = [0 if np.isnan(a) else h3.api.basic_int.latlng_to_cell(b, a, 10) for a, b in zip(lon, lat)]
    assert cells.tolist() == expect
    pent = h3.api.basic_int.str_to_int(h3.get_pentagons(3)[0])
    some = np.array([cells[0], cells[2], pent], np.uint64)
    lens, blon, blat = h3grid.boundaries(some)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    for i, c in enumerate(some):
        ring = list(zip(blon[starts[i] : starts[i] + lens[i]], blat[starts[i] : starts[i] + lens[i]]))
        assert ring == h3grid.boundary_lonlat(c)
