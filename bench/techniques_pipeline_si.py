"""SI scores of the analysis pipeline's technique spans on the PTC validation split.

`presslens evaluate techniques` scores the model alone; this scores whatever technique
components a pipeline runs (e.g. the model followed by the lexicon, as in default.cfg).

    python bench/techniques_pipeline_si.py entities.rules,techniques.model,techniques.lexicon [--data DIR]
"""

from __future__ import annotations

import argparse

from presslens.ingest import article_from_text
from presslens.pipeline import Pipeline
from presslens.rhetoric.ptc import load_articles, split
from presslens.rhetoric.scoring import si_score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("components", help="comma-separated component names")
    parser.add_argument("--data", default="../shared/data/ptc")
    args = parser.parse_args()
    pipeline = Pipeline(components=args.components.split(","))
    articles = split(load_articles(args.data), "validation")
    submission, gold = {}, {}
    for art in articles:
        result = pipeline.analyze_article(article_from_text(art.text, pipeline.settings))
        submission[art.id] = [(t.start, t.end) for t in result.techniques]
        gold[art.id] = art.si_spans
    prf = si_score(submission, gold)
    print(f"{len(articles)} validation articles, components {args.components}")
    print(f"SI precision {prf.precision:.3f} recall {prf.recall:.3f} F1 {prf.f1:.3f}")


if __name__ == "__main__":
    main()
