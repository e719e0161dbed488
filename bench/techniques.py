"""Speed of the technique model on CPU, as ratios to spaCy's own parse of the same texts.

Usage: python3 bench/techniques.py [--data ../shared/data/ptc] [--articles 20] [--repeat 2]

Texts: the first N articles of the PTC validation split (real news, never trained on).
Measured in one run, best of --repeat rounds in which the four take turns:
  spacy      nlp.pipe(texts) of the pinned spaCy pipeline (the reference, 1.00x)
  model      the ONNX technique model alone (techniques.model's runtime.detect)
  analyze-   presslens analysis with the default components minus techniques.model
  analyze+   presslens analysis with the default components (techniques.model included)
Each line prints sentences/s (sentences as spaCy splits them) and time / spaCy time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def best_interleaved(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Min time of each function over ``repeat`` rounds, the functions taking turns in each
    round, so that a change in machine load hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return {name: min(ts) for name, ts in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ptc"))
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import spacy

    from presslens.pipeline import Pipeline
    from presslens.rhetoric.model_detector import COMPONENT, load_runtime
    from presslens.rhetoric.ptc import load_articles, split
    from presslens.settings import load_settings

    texts = [a.text for a in split(load_articles(args.data), "validation")[: args.articles]]
    settings = load_settings()
    nlp = spacy.load(settings.spacy_model)
    docs = list(nlp.pipe(texts))
    n_sents = sum(len(list(d.sents)) for d in docs)
    n_words = sum(len(d) for d in docs)
    runtime = load_runtime()
    with_model = list(settings.components)
    if COMPONENT not in with_model:
        sys.exit(f"the default components do not include {COMPONENT}: {with_model}")
    without = [c for c in with_model if c != COMPONENT]
    pipe_with = Pipeline(settings, components=with_model)
    pipe_without = Pipeline(settings, components=without)
    for t in texts[:2]:  # warm-up
        pipe_with.analyze(t)
        pipe_without.analyze(t)

    best = best_interleaved({
        "spacy": lambda: list(nlp.pipe(texts)),
        "model": lambda: [runtime.detect(t) for t in texts],
        "analyze-": lambda: [pipe_without.analyze(t) for t in texts],
        "analyze+": lambda: [pipe_with.analyze(t) for t in texts],
    }, args.repeat)
    t_spacy = best["spacy"]

    print(f"{len(texts)} PTC validation articles, {n_sents} sentences, {n_words} tokens; "
          f"{os.cpu_count()} CPU cores; best of {args.repeat}")
    print(f"machine: {describe()}")
    print(f"{'':<10} {'seconds':>8} {'sent/s':>8} {'x spaCy':>8}")
    for name, seconds in best.items():
        print(f"{name:<10} {seconds:8.2f} {n_sents / seconds:8.1f} {seconds / t_spacy:8.2f}")


if __name__ == "__main__":
    main()
