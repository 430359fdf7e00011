"""GPS outliers far outside the data's bulk (issue 19): the rule of ``models/core/outliers.py`` on synthetic data and
on slices of the shared datasets, and every engine that derives something global from the coordinates (UTM zone,
metric projection, ECO's KD-tree, grid extents, the mobility grid and normalisation) fed a few fixes at (0, 0)."""

import numpy as np
import pytest

from deeptraj.models.core.outliers import bulk_extent, find_outliers, robust_centre
from deeptraj.models.core.trajectories import Trajectories, TrajectoryDataError
from tests.conftest import data_path

BEIJING, DHAKA = (116.40, 39.92), (90.40, 23.80)


def _city(centre, n_traj=30, n_pts=20, n_zero=3, seed=0, spread=0.05):
    """(ids, lon, lat, t) of random walks around ``centre`` with ``n_zero`` fixes replaced by (0, 0)."""
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(n_traj), n_pts)
    lon = centre[0] + rng.normal(0, spread, n_traj).repeat(n_pts) + rng.normal(0, 0.002, ids.size).cumsum() * 0.1
    lat = centre[1] + rng.normal(0, spread, n_traj).repeat(n_pts) + rng.normal(0, 0.002, ids.size).cumsum() * 0.1
    t = 1_700_000_000 + 60 * np.tile(np.arange(n_pts), n_traj)
    zero = rng.choice(np.arange(1, ids.size - 1), n_zero, replace=False)
    lon[zero], lat[zero] = 0.0, 0.0
    return ids, lon, lat, t, np.sort(zero)


def _trajs(centre, **kw):
    ids, lon, lat, t, zero = _city(centre, **kw)
    trajs, _ = Trajectories.from_points(ids, lon, lat, t, fids=np.arange(ids.size), crs="EPSG:4326")
    return trajs, zero


# ------------------------------------------------------------------------------------------------ the rule
def test_null_island_and_far_fixes_are_outliers_the_city_is_not():
    ids, lon, lat, _, zero = _city(BEIJING, n_zero=4)
    lon[7], lat[7] = 7.1, 0.2  # T-Drive's other junk: near (7, 0), in the Pacific
    lon[9], lat[9] = 168.3, 16.2
    out = find_outliers(lon, lat)
    assert out.n_null_island == 4 and out.n_far == 2
    assert set(np.flatnonzero(out.mask)) == set(zero) | {7, 9}
    assert out.limit_km == 2000.0  # a compact city: the floor decides
    xmin, ymin, xmax, ymax = out.bulk_box
    assert 115.5 < xmin < xmax < 117.5 and 39 < ymin < ymax < 41
    assert "4 at exactly 0,0" in out.describe() and "2 more than 2,000 km" in out.describe()
    assert out.filter_expression().startswith("NOT ($x = 0 AND $y = 0) AND $x >= ")


def test_wide_data_are_not_cut():
    """A trip to Shanghai (1,070 km, a tiny share) and a far region holding over 1 % of the fixes are kept."""
    ids, lon, lat, _, _ = _city(BEIJING, n_traj=100, n_zero=0)
    lon[:5], lat[:5] = 121.47, 31.23  # Shanghai, 0.25 % of the fixes
    lon[-60:], lat[-60:] = -122.3, 47.6  # Seattle, 3 % of the fixes (GeoLife has 8 %)
    out = find_outliers(lon, lat)
    assert out.n == 0 and out.limit_km > 8000


def test_projected_metres_and_units():
    rng = np.random.default_rng(1)
    x, y = rng.normal(450_000, 5_000, 1000), rng.normal(4_420_000, 5_000, 1000)
    x[:3], y[:3] = -8_628_218.0, 19_995_929.0  # (0, 0) in UTM 50N
    out = find_outliers(x, y, geographic=False)
    assert out.n_null_island == 0 and out.n_far == 3 and list(out.examples) == [0, 1, 2]
    feet = find_outliers(x / 0.3048, y / 0.3048, geographic=False, metres_per_unit=0.3048)
    assert np.array_equal(feet.mask, out.mask)
    (xmin, _, xmax, _), n = bulk_extent(x, y)
    assert n == 3 and xmin > 400_000 and xmax < 500_000


def test_antimeridian_centre():
    rng = np.random.default_rng(2)
    lon = np.r_[rng.uniform(178.0, 179.9, 200), rng.uniform(-179.9, -179.0, 200)]
    lat = rng.uniform(-18.5, -16.5, 400)
    cx, _ = robust_centre(lon, lat)
    assert abs(abs(cx) - 180) < 2
    assert find_outliers(lon, lat).n == 0


def test_non_finite_and_empty():
    out = find_outliers(np.array([np.nan, 0.0, 1.0]), np.array([1.0, 0.0, np.inf]))
    assert list(out.mask) == [False, True, False]
    assert find_outliers(np.zeros(0), np.zeros(0)).n == 0


# ------------------------------------------------------------------------------------------------ engines
def test_utm_zone_across_the_antimeridian_with_zero_fixes():
    """The median longitude of Fiji data with a few (0, 0) fixes was 0: UTM zone 31, on the other side of Earth."""
    from deeptraj.models.core.crs import utm_crs_for

    rng = np.random.default_rng(3)
    lon = np.r_[rng.uniform(178.0, 179.9, 200), rng.uniform(-179.9, -179.0, 200), [0.0, 0.0, 0.0]]
    lat = np.r_[rng.uniform(-18.5, -16.5, 400), [0.0, 0.0, 0.0]]
    assert utm_crs_for(lon, lat) in ("EPSG:32760", "EPSG:32701")
    assert utm_crs_for(*_city(BEIJING, n_zero=250, n_traj=20)[1:3]) == "EPSG:32650"  # 42 % at (0, 0)


def test_metric_projection_names_the_fixes_it_cannot_project():
    """Dhaka's zone (46N, meridian 93E) sends (0, 0) to infinity; the error names the fixes instead."""
    trajs, zero = _trajs(DHAKA)
    with pytest.raises(TrajectoryDataError, match=r"3 point\(s\) cannot be projected to EPSG:32646.*0,0") as e:
        trajs.to_metric()
    assert str(int(trajs.fids[np.isin(trajs.fids, zero)][0])) in str(e.value)
    keep = ~find_outliers(trajs.x, trajs.y).mask
    clean, _ = Trajectories.from_points(
        np.repeat(trajs.ids, trajs.lengths)[keep], trajs.x[keep], trajs.y[keep], trajs.t[keep], crs="EPSG:4326"
    )
    assert np.isfinite(clean.to_metric().x).all()


def test_eco_kdtree_refuses_infinite_locations_with_a_clear_message():
    """Before: scipy's 'Encountering floating point overflow. The value of p too large for this dataset'."""
    from deeptraj.models.eco.geometry import neighbour_pairs

    x, y = np.array([0.0, 10.0, np.inf, 20.0]), np.array([0.0, 0.0, np.inf, 5.0])
    with pytest.raises(ValueError, match="1 location.*0,0.*filter them out"):
        neighbour_pairs(x, y, 600.0)
    i, j, _ = neighbour_pairs(x[[0, 1, 3]], y[[0, 1, 3]], 600.0)
    assert len(i) == 3


def test_grid_discretizer_extent_is_the_bulk():
    """Three fixes at (0, 0) stretched a Beijing grid of 300 m cells to 43,000 x 16,000 cells; now they are UNK."""
    from deeptraj.models.core.discretize import GridDiscretizer

    trajs, _ = _trajs(BEIJING)
    d = GridDiscretizer(cell_size=300.0).fit(trajs)
    assert d.grid_.n_cols < 200 and d.grid_.n_rows < 200
    assert d.grid_.xmin > 12_000_000  # EPSG:3857 x of lon 108; (0, 0) is x = 0


def test_cell_network_grid_extent_is_the_bulk():
    from deeptraj.models.core.units import cell_network

    trajs, _ = _trajs(BEIJING)
    net, _ = cell_network(trajs, kind="grid", cell_size=500.0)
    assert net.spec["grid"]["n_cols"] < 200 and net.lonlat[:, 0].min() > 115


def test_mobility_grid_and_normalisation_ignore_zero_fixes():
    """In UTM 50N (0, 0) lies 9,000 km west of Beijing: with 5 m cells every Beijing cell fell past the key range
    and merged into one; the normalisation scale was thousands of km."""
    from deeptraj.models.mobility.grid import LocationGrid, coordinate_norm

    rng = np.random.default_rng(4)
    x, y = rng.uniform(440_000, 441_000, 500), rng.uniform(4_420_000, 4_421_000, 500)
    xs, ys = np.r_[x, [-8_628_218.0] * 2], np.r_[y, [19_995_929.0] * 2]
    grid = LocationGrid.fit(xs, ys, 5.0, 10_000)
    cells = np.c_[np.floor((x - grid.origin[0]) / 5), np.floor((y - grid.origin[1]) / 5)]
    assert np.unique(grid.keys(x, y)).size == np.unique(cells, axis=0).shape[0] > 400
    mx, my, sc = coordinate_norm(xs, ys)
    assert 440_000 < mx < 441_000 and sc < 1000


# ------------------------------------------------------------------------------------------------ real data
def _read(path, cols, nrows=None):
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(path, usecols=list(cols), nrows=nrows)
    return df[cols[0]].to_numpy(np.float64), df[cols[1]].to_numpy(np.float64)


@pytest.mark.data
def test_tdrive_slice_outliers_are_cut_and_the_region_kept():
    x, y = _read(data_path("tdrive_beijing_full", "tdrive_beijing_2008.csv.xz"), ("lon", "lat"), nrows=500_000)
    out = find_outliers(x, y)
    assert out.n_null_island == int(((x == 0) & (y == 0)).sum()) > 0
    kept = ~out.mask
    assert ((x[kept] > 115.4) & (x[kept] < 117.6) & (y[kept] > 39.4) & (y[kept] < 41.1)).mean() > 0.99
    near = (np.abs(x - 116.4) < 5) & (np.abs(y - 39.9) < 5)
    assert not out.mask[near].any()  # nothing within ~500 km of Beijing is cut


@pytest.mark.data
@pytest.mark.parametrize(
    "parts, cols",
    [
        (("geolife", "geolife_points.csv.gz"), ("lon", "lat")),  # Beijing, Shanghai, Seattle
        (("ais_ny_harbor", "nyharbor_2020_12_first_week_points.csv.gz"), ("lon", "lat")),
        (("oystercatcher_movebank", "O_ASSEN-gps-2018.csv.gz"), ("location-long", "location-lat")),
        (("porto_taxi", "porto_train_first1999_points.csv.gz"), ("lon", "lat")),
        (("chengdu_didi_deeptte", "chengdu_points.csv.gz"), ("lon", "lat")),
    ],
)
def test_clean_wide_or_local_datasets_lose_nothing(parts, cols):
    x, y = _read(data_path(*parts), cols)
    assert find_outliers(x, y).n == 0
