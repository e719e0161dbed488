"""Speed of the claims model (check-worthiness, hedges, attribution) on CPU, as ratios to
spaCy's own parse of the same texts, all measured in one run.

Usage: python3 bench/claims.py [--data ../shared/data/attribution/polnear] [--articles 20] [--repeat 2]

Texts: the first N articles of the PolNeAR dev split (real news, never trained on).
Best of --repeat passes each:
  spacy        nlp.pipe(texts) of the pinned spaCy pipeline (the reference, 1.00x)
  model        the ONNX claims model alone, one pass over every sentence (model@N: N sentences a run)
  analyze-rules  presslens analysis, default components with the rule claim components
  analyze-model  presslens analysis, default components with hedges.model, attribution.<x>, claims.model
Each line prints sentences/s (sentences as spaCy splits them) and time / spaCy time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presslens.ingest import RawArticle
    from presslens.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

RULES = {"claims": "claims.rules", "hedges": "hedges.lexicon", "attribution": "attribution.rules"}


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def analyze_all(pipe: Pipeline, articles: list[RawArticle]) -> list[object]:
    return [pipe.analyze_article(a) for a in articles]


def with_claims(components: list[str], names: dict[str, str]) -> list[str]:
    out = []
    for c in components:
        family = c.split(".")[0]
        out.append(names.get(family, c))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "attribution" / "polnear"))
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--attribution", default="attribution.model", help="attribution component for analyze-model")
    ap.add_argument("--batch-sizes", default="",
                    help="also time the model alone at these sentences per encoder run, e.g. 8,32 (model@8, model@32)")
    args = ap.parse_args()

    import spacy

    from presslens.claims.data import load_polnear
    from presslens.claims.runtime import get_model
    from presslens.ingest import RawArticle
    from presslens.pipeline import Pipeline
    from presslens.settings import load_settings

    texts = [d.text for d in load_polnear(args.data, "dev", limit=args.articles)]
    settings = load_settings()
    nlp = spacy.load(settings.spacy_model)
    docs = list(nlp.pipe(texts))
    sents = [s.text.strip() for d in docs for s in d.sents if s.text.strip()]
    n_words = sum(len(d) for d in docs)
    model = get_model()
    defaults = list(settings.components)
    rules = with_claims(defaults, RULES)
    models = with_claims(defaults, {"claims": "claims.model", "hedges": "hedges.model",
                                    "attribution": args.attribution})
    pipes = {"analyze-rules": Pipeline(settings, components=rules),
             "analyze-model": Pipeline(settings, components=models)}
    articles = [RawArticle(text=t) for t in texts]
    for pipe in pipes.values():  # warm-up (model sessions, caches)
        pipe.analyze_article(articles[0])

    results = {"spacy": best(lambda: list(nlp.pipe(texts)), args.repeat),
               "model": best(lambda: model.predict(sents), args.repeat)}
    for size in (int(s) for s in args.batch_sizes.split(",") if s.strip()):
        results[f"model@{size}"] = best(partial(model.predict, sents, batch_size=size), args.repeat)
    for name, pipe in pipes.items():
        results[name] = best(partial(analyze_all, pipe, articles), args.repeat)
    print(f"{len(texts)} articles, {len(sents)} sentences, {n_words} tokens; best of {args.repeat}")
    print(f"analyze-rules: {', '.join(rules)}")
    print(f"analyze-model: {', '.join(models)}")
    print(f"{'':15} {'seconds':>8} {'sent/s':>8} {'x spaCy':>8}")
    for name, secs in results.items():
        print(f"{name:15} {secs:8.2f} {len(sents) / secs:8.0f} {secs / results['spacy']:8.2f}")


if __name__ == "__main__":
    main()
