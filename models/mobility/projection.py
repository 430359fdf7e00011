"""2-D views of mobility embeddings: PCA after per-dimension standardisation (the post's pitfall 4) and UMAP."""

from __future__ import annotations

import numpy as np

from .sequences import MobilityDataError


def umap_2d(emb: np.ndarray, seed: int = 0) -> np.ndarray:
    """2-D UMAP of the standardised embeddings (needs the optional umap-learn package)."""
    try:
        import umap
    except ImportError:
        raise MobilityDataError("UMAP needs the umap-learn package: pip install umap-learn (or leave UMAP off)")
    from sklearn.preprocessing import StandardScaler

    z = StandardScaler().fit_transform(np.asarray(emb, np.float64))
    return umap.UMAP(n_components=2, random_state=seed, n_neighbors=min(15, max(2, z.shape[0] - 1))).fit_transform(z)


def standardized_pca(emb: np.ndarray, n_components: int = 2, seed: int = 0):
    """(coordinates (n, n_components), explained variance ratio of every component) of PCA after standardising
    each dimension to zero mean and unit variance (never an L2 normalisation of the matrix: the post's pitfall 4)."""
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    emb = np.asarray(emb, np.float64)
    if emb.shape[0] < 2:
        raise MobilityDataError("PCA needs at least 2 embeddings")
    z = StandardScaler().fit_transform(emb)
    full = PCA(n_components=min(emb.shape), svd_solver="full", random_state=seed).fit(z)
    return full.transform(z)[:, :n_components], full.explained_variance_ratio_
