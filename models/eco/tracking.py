"""Stable cluster ids across time steps: the mapping step of Algorithm 3 (evolve, form, dissolve, split, merge)."""

from __future__ import annotations

import numpy as np


class ClusterTracker:
    """Stable cluster ids across steps by shared objects (the mapping step of Algorithm 3, after Kim & Han).

    An edge joins previous cluster c′ and current cluster c when at least ``share`` of c′ went to c or at least
    ``share`` of c came from c′. Each current cluster inherits the id of its largest-overlap previous cluster that is
    still free (largest overlaps first); a previous cluster with edges to several current ones splits, a current
    cluster with edges from several previous ones is a merge, a current cluster without edges forms, a previous
    cluster without edges dissolves, a one-to-one edge evolves."""

    def __init__(self, share: float = 0.3):
        self.share = share
        self.next_id = 0
        self.prev_obj = None
        self.prev_ids = None

    def update(self, obj, raw):
        k = int(raw.max(initial=-1)) + 1
        stable = np.full(raw.shape, -1, np.int64)
        events = []
        cur_size = np.bincount(raw[raw >= 0], minlength=k)
        edges = []
        prev_sizes = {}
        if self.prev_obj is not None:
            pv = self.prev_ids[self.prev_ids >= 0]
            u, c = np.unique(pv, return_counts=True)
            prev_sizes = dict(zip(u.tolist(), c.tolist()))
            common, a, b = np.intersect1d(self.prev_obj, obj, assume_unique=True, return_indices=True)
            pa, cb = self.prev_ids[a], raw[b]
            both = (pa >= 0) & (cb >= 0)
            if both.any():
                key = np.unique(np.column_stack([pa[both], cb[both]]), axis=0, return_counts=True)
                for (p, c_), n_ in zip(key[0].tolist(), key[1].tolist()):
                    if n_ >= self.share * prev_sizes[p] or n_ >= self.share * cur_size[c_]:
                        edges.append((n_, p, c_))
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        new_id = {}
        taken = set()
        incoming = {c_: [] for c_ in range(k)}
        outgoing = {}
        for n_, p, c_ in edges:
            incoming[c_].append(p)
            outgoing.setdefault(p, []).append(c_)
            if c_ not in new_id and p not in taken:
                new_id[c_] = p
                taken.add(p)
        for c_ in range(k):
            if c_ not in new_id:
                new_id[c_] = self.next_id
                self.next_id += 1
        for c_ in range(k):
            cid = new_id[c_]
            src = incoming[c_]
            if not src:
                events.append((cid, "form", ()))
            elif len(src) > 1:
                events.append((cid, "merge", tuple(sorted(src))))
            elif len(outgoing[src[0]]) > 1:
                if src[0] == cid:
                    events.append((cid, "split", tuple(sorted(new_id[x] for x in outgoing[src[0]] if x != c_))))
                else:
                    events.append((cid, "split", (src[0],)))
            else:
                events.append((cid, "evolve", (src[0],)))
        for p in sorted(prev_sizes):
            if p not in outgoing:
                events.append((p, "dissolve", ()))
            elif p not in taken:
                events.append((p, "merge", tuple(sorted(new_id[c_] for c_ in outgoing[p]))))
        if k:
            lut = np.array([new_id[c_] for c_ in range(k)], np.int64)
            stable[raw >= 0] = lut[raw[raw >= 0]]
        self.prev_obj, self.prev_ids = obj, stable
        return stable, events
