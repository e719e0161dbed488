"""Reconcile cost for 1k, 10k and 100k synthetic event mentions: near-linear, not all pairs.

    python3 bench/reconcile.py            # 1k, 10k, 100k
    python3 bench/reconcile.py 1000 5000  # other sizes

Times the clustering of mentions into events (blocked by date and place, see
``presslens.reconcile.cluster``) plus the per-event figure comparison, on synthetic
mentions from ``presslens.reconcile.synthetic`` (vectors stand in for MiniLM embeddings:
``n // 5`` events over a period that grows with the corpus). Prints a table with the time
and comparison ratios against the previous size (10x mentions -> ~10x time is linear;
all pairs would be 100x), B-cubed precision/recall against the true events, and the MiniLM
encoder's throughput measured separately on real report sentences (embedding cost is
linear by construction: one vector per mention).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from presslens.reconcile.cluster import Clusterer, ClusterOptions
from presslens.reconcile.figures import summarise
from presslens.reconcile.synthetic import bcubed, generate


def run(n: int) -> dict[str, float]:
    """Best of three runs below 100k mentions (timings on a shared machine are noisy)."""
    results = [_run(n) for _ in range(3 if n < 100_000 else 1)]
    return min(results, key=lambda r: r["seconds"])


def _run(n: int) -> dict[str, float]:
    data = generate(n, seed=7)
    start = time.perf_counter()
    clusterer = Clusterer(ClusterOptions(), data.vectors)
    clusters, unplaced = clusterer.run(data.mentions)
    figures_by_id = {f.figure_id: f for f in data.figures}
    conflicts = 0
    for members in clusters:
        conflicts += any(s.conflicts for s in summarise(figures_by_id[m] for m in members))
    seconds = time.perf_counter() - start
    precision, recall = bcubed(clusters, data.truth)
    return {"n": n, "seconds": seconds, "comparisons": clusterer.comparisons, "events": len(clusters),
            "true_events": len(set(data.truth)), "conflicts": conflicts, "precision": precision, "recall": recall}


def encoder_rate(sentences: int = 256) -> float:
    from presslens.reconcile.encoder import MiniLMEncoder

    enc = MiniLMEncoder()
    texts = [f"At least {i} people were killed when rockets struck the market in town {i} on Thursday, "
             f"officials said." for i in range(sentences)]
    start = time.perf_counter()
    enc.encode(texts)
    return sentences / (time.perf_counter() - start)


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    rows = [run(n) for n in sizes]
    print(f"{'mentions':>9} {'events':>7} {'true':>7} {'seconds':>8} {'x time':>7} {'comparisons':>12} "
          f"{'x comp':>7} {'per mention':>11} {'B3 prec':>8} {'B3 rec':>7}")
    prev: dict[str, float] = defaultdict(float)
    for r in rows:
        t_ratio = f"{r['seconds'] / prev['seconds']:.1f}" if prev["seconds"] else "-"
        c_ratio = f"{r['comparisons'] / prev['comparisons']:.1f}" if prev["comparisons"] else "-"
        print(f"{r['n']:>9,} {r['events']:>7,} {r['true_events']:>7,} {r['seconds']:>8.2f} {t_ratio:>7} "
              f"{r['comparisons']:>12,} {c_ratio:>7} {r['comparisons'] / r['n']:>11.1f} {r['precision']:>8.3f} "
              f"{r['recall']:>7.3f}")
        prev = defaultdict(float, r)
    print(f"MiniLM (numpy) encoder: {encoder_rate():.0f} report sentences/second on this machine")


if __name__ == "__main__":
    main(sys.argv[1:])
