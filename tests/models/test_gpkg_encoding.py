"""GeoPackage encoding of numpy columns (models/core/gpkg_encoding.py), checked without GDAL or QGIS."""

import numpy as np
import shapely

from deeptraj.models.core.gpkg_encoding import column_list, line_blobs, point_blobs, polygon_blobs
from deeptraj.models.core.timeparse import NAT


def test_point_and_line_blobs_decode_to_the_coordinates():
    blobs = point_blobs([1.5, np.nan, -3.0], [2.0, 1.0, 4.25], srs_id=4326)
    assert blobs[1] is None
    assert blobs[0][:2] == b"GP" and int.from_bytes(blobs[0][4:8], "little") == 4326
    pts = [shapely.from_wkb(b[8:]) for b in (blobs[0], blobs[2])]  # header without envelope: 8 bytes
    assert [(p.x, p.y) for p in pts] == [(1.5, 2.0), (-3.0, 4.25)]

    lines = line_blobs([0, 2, 5], [0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14], srs_id=3857)
    env = np.frombuffer(lines[1][8:40], "<f8")  # minx, maxx, miny, maxy
    assert env.tolist() == [2, 4, 7, 9]
    second = shapely.from_wkb(lines[1][40:])
    assert shapely.get_coordinates(second, include_m=True).tolist() == [[2, 7, 12], [3, 8, 13], [4, 9, 14]]


def test_polygon_blobs_decode_to_closed_rings():
    # a 2 x 1 rectangle (5 vertices) and a triangle (4), closed rings one after the other
    x = [0, 2, 2, 0, 0, 10, 11, 10, 10]
    y = [0, 0, 1, 1, 0, 5, 5, 6, 5]
    blobs = polygon_blobs([0, 5, 9], x, y, srs_id=4326)
    assert int.from_bytes(blobs[0][4:8], "little") == 4326 and blobs[0][3] == 0x03  # envelope xy
    assert np.frombuffer(blobs[1][8:40], "<f8").tolist() == [10, 11, 5, 6]
    rect, tri = (shapely.from_wkb(b[40:]) for b in blobs)
    assert rect.geom_type == "Polygon" and rect.area == 2.0 and len(rect.interiors) == 0
    assert shapely.get_coordinates(tri).tolist() == [[10, 5], [11, 5], [10, 6], [10, 5]] and tri.area == 0.5


def test_columns_as_sqlite_binds_them():
    assert column_list(np.array([1.0, np.nan]), "int", 2) == [1, None]
    assert column_list(np.array([0, 86_399, NAT]), "datetime", 3) == [
        "1970-01-01T00:00:00.000Z",
        "1970-01-01T23:59:59.000Z",
        None,
    ]
    assert column_list(np.array(["a", None], object), "string", 2) == ["a", None]
    assert column_list(None, "double", 3) == [None, None, None]
