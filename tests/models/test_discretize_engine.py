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
