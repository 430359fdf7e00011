"""Discretization: square grid (E2DTC / t2vec) and H3 hexagons (CroTad)."""

from __future__ import annotations

from . import AlgorithmSpec, Param
from . import common as c

_OUTPUTS = (
    Param("OUTPUT_CELLS", "sink", "Cells", "The visited cells, graduated by visits.", geometry=("polygon",)),
    Param(
        "OUTPUT_SEQUENCES",
        "sink",
        "Token sequences",
        "One line per trajectory: traj_id, n_points, n_tokens, n_unk and the tokens as space-separated text.",
        geometry=("line",),
    ),
    Param(
        "OUTPUT_VOCAB",
        "file_out",
        "Vocabulary (JSON)",
        "The grid, the token-to-cell table and the k nearest tokens of each token with distances in metres, "
        "which the model algorithms reuse.",
        file_filter="JSON files (*.json)",
        optional=True,
    ),
)
_TOKENS = ("Tokens 0-3 are PAD, BOS, EOS and UNK; cell tokens start at 4 in order of decreasing visits.",)

DISCRETIZE_GRID = AlgorithmSpec(
    id="discretizegrid",
    group="discretization",
    display="Discretize trajectories to a square grid",
    summary=("Turns trajectories into sequences of square grid-cell tokens, the input of E2DTC and t2vec.",),
    params=(
        *c.TRAJECTORIES,
        c.CELL_SIZE.but(label="Cell size (grid CRS units, metres)"),
        c.GRID_CRS,
        c.EXTENT.but(
            label="Grid extent",
            help="The grid's extent (default: the input's); points outside are the UNK token.",
        ),
        c.MIN_FREQ,
        Param(
            "K_NEAREST",
            "int",
            "Nearest cells per token (K)",
            "Size of the k-nearest table stored in the vocabulary (E2DTC's K).",
            default=10,
            minimum=1,
        ),
        c.COLLAPSE_REPEATS,
        *_OUTPUTS,
    ),
    notes=(
        (
            "Cell id = row × n_cols + col with col = floor((x − xmin)/size) and row = floor((y − ymin)/size).",
            *_TOKENS,
        ),
    ),
)

DISCRETIZE_H3 = AlgorithmSpec(
    id="discretizeh3",
    group="discretization",
    display="Discretize trajectories to H3 hexagons",
    summary=("Turns trajectories into sequences of H3 hexagon tokens, the units of CroTad.",),
    params=(
        *c.TRAJECTORIES,
        c.RESOLUTION.but(
            label="H3 resolution",
            help="10 as CroTad on Porto (about 0.015 km² per cell); 9 for bus routes.",
            default=10,
        ),
        c.COLLAPSE_REPEATS,
        Param(
            "FILL_GAPS",
            "bool",
            "Fill gaps with the H3 grid path",
            "Consecutive non-adjacent cells are joined with the H3 grid path, so that every step moves to a "
            "neighbouring cell.",
            default=False,
        ),
        *_OUTPUTS,
    ),
    notes=(_TOKENS,),
)

SPECS = (DISCRETIZE_GRID, DISCRETIZE_H3)
