"""Embedding matrices shared by the embedding methods (mobility, MetaTRL): 2-D views (PCA after per-dimension
standardisation, the post's pitfall 4, and UMAP) and the .npy/.csv export."""

from __future__ import annotations

import numpy as np

from .modelfile import atomic_write


def umap_2d(emb: np.ndarray, seed: int = 0) -> np.ndarray:
    """2-D UMAP of the standardised embeddings (needs the optional umap-learn package)."""
    try:
        import umap
    except ImportError:
        raise ValueError("UMAP needs the umap-learn package: pip install umap-learn (or leave UMAP off)")
    from sklearn.preprocessing import StandardScaler

    z = StandardScaler().fit_transform(np.asarray(emb, np.float64))
    return umap.UMAP(n_components=2, random_state=seed, n_neighbors=min(15, max(2, z.shape[0] - 1))).fit_transform(z)


def standardized_pca(emb: np.ndarray, n_components: int = 2, seed: int = 0):
    """(coordinates (n, n_components), explained variance ratio of every component) of PCA after standardising
    each dimension to zero mean and unit variance (never an L2 normalisation of the matrix: the post's pitfall 4)."""
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    if np.shape(emb)[0] < 2:
        raise ValueError("PCA needs at least 2 embeddings")
    # one float64 copy, standardised in place (float64 input is copied too: the caller's matrix is never changed)
    z = np.array(emb, np.float64)
    z = StandardScaler(copy=False).fit_transform(z)
    # many more embeddings than dimensions (72 k taxi-days x 512): the eigenvectors of the d x d covariance, not a
    # full SVD of the n x d matrix (which holds another n x d matrix and its work arrays: +1.2 GB there)
    solver = "covariance_eigh" if z.shape[0] > 2 * z.shape[1] else "full"
    full = PCA(n_components=min(z.shape), svd_solver=solver, random_state=seed).fit(z)
    # the kept components only (PCA.transform would build the n x d projection on every component first)
    comps = full.components_[:n_components]
    coords = z @ comps.T
    coords -= full.mean_ @ comps.T
    return coords, full.explained_variance_ratio_


def save_embeddings(path: str, keys, emb: np.ndarray, columns) -> None:
    """Write the embedding matrix ``emb`` atomically: ``.npy`` (the matrix alone) or CSV (a ``group_id`` column with
    ``keys`` quoted, then ``columns``, values with 6 significant digits)."""
    if path.lower().endswith(".npy"):
        atomic_write(path, lambda fh: np.save(fh, emb), binary=True)
        return

    def write_csv(fh):
        fh.write("group_id," + ",".join(columns) + "\n")
        for k, row in zip(keys, emb):
            quoted = str(k).replace('"', '""')
            fh.write(f'"{quoted}",' + ",".join(f"{v:.6g}" for v in row) + "\n")

    atomic_write(path, write_csv)
