"""Synthetic event mentions for the reconcile benchmark and its scaling test.

``n`` mentions report ``n // 5`` events. The corpus covers more days as it grows
(10 events a day), as a real news archive does, across a pool of places that
also grows; one mention in ten has no recognised place. Each mention's vector is its
event's vector plus noise, standing in for MiniLM embeddings of differently worded
reports of one event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from presslens.reconcile.cluster import MentionIn
from presslens.reconcile.figures import SourceFigure

TYPES = ("attack", "armed_clash", "killing", "abduction", "arrest", "protest")
START = date(2020, 1, 1)


@dataclass
class Synthetic:
    mentions: list[MentionIn]
    vectors: np.ndarray
    truth: list[int]  # event index of each mention
    figures: list[SourceFigure]


def generate(n: int, seed: int = 0, dim: int = 384) -> Synthetic:
    rng = np.random.default_rng(seed)
    n_events = max(1, n // 5)
    days = max(10, n_events // 10)
    n_places = max(20, n_events // 8)
    ev_day = rng.integers(0, days, n_events)
    ev_place = rng.integers(0, n_places, n_events)
    ev_type = rng.integers(0, len(TYPES), n_events)
    ev_killed = rng.integers(1, 200, n_events)
    ev_vec = rng.normal(size=(n_events, dim)).astype(np.float32)
    truth = rng.integers(0, n_events, n)
    truth[:n_events] = np.arange(n_events)  # every event reported at least once
    mentions, figures = [], []
    vecs = ev_vec[truth] + rng.normal(scale=0.8, size=(n, dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    for i, e in enumerate(truth):
        day = START + timedelta(days=int(ev_day[e] + rng.integers(0, 2)))
        place = frozenset() if rng.random() < 0.1 else frozenset({f"place {ev_place[e]}"})
        mentions.append(MentionIn(id=i, document_id=f"doc{i}", type=TYPES[ev_type[e]], date=day,
                                  published=day + timedelta(days=1), places=place,
                                  actors=frozenset({f"group {e % 97}"}), text=f"event {e}"))
        killed = int(ev_killed[e] + (rng.integers(-5, 6) if rng.random() < 0.2 else 0))
        figures.append(SourceFigure(figure_id=i, document_id=f"doc{i}", source=f"outlet {i % 50}",
                                    published=day.isoformat(), category="killed", text=str(killed), value=killed,
                                    low=killed, high=killed, approximate=False))
    return Synthetic(mentions, vecs, [int(x) for x in truth], figures)


def bcubed(clusters: list[list[int]], truth: list[int]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering against the true event of each mention."""
    cluster_of = {m: c for c, members in enumerate(clusters) for m in members}
    by_cluster: dict[int, list[int]] = {}
    by_truth: dict[int, list[int]] = {}
    for m, c in cluster_of.items():
        by_cluster.setdefault(c, []).append(m)
        by_truth.setdefault(truth[m], []).append(m)
    p = r = 0.0
    for m, c in cluster_of.items():
        same = sum(1 for x in by_cluster[c] if truth[x] == truth[m])
        p += same / len(by_cluster[c])
        r += same / len(by_truth[truth[m]])
    n = max(len(cluster_of), 1)
    return p / n, r / n
