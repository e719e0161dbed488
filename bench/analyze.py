"""Speed of `presslens analyze` on ~1,000-word articles, next to spaCy's own parse.

Prints seconds per article and articles/s for the full analysis and for spaCy alone
(`nlp.pipe` of the same texts, same process, same run), and their ratio. The articles
are the hand-written gold articles (tests/gold) joined into ~1,000-word texts.

    python bench/analyze.py [--words 1000] [--articles 20] [--components a,b,c]

Run it pinned to one core for the issue's "under 1 s on one core" figure:
    taskset -c 0 python bench/analyze.py
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core for the models as well

from presslens.ingest import RawArticle, load_article  # noqa: E402
from presslens.pipeline import Pipeline  # noqa: E402
from presslens.settings import load_settings  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def make_articles(words: int, count: int, settings: object) -> list[RawArticle]:
    paragraphs: list[str] = []
    for path in sorted(GOLD.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 15]
    articles: list[RawArticle] = []
    i = 0
    while len(articles) < count:
        chunk: list[str] = []
        while sum(len(p.split()) for p in chunk) < words:
            chunk.append(paragraphs[i % len(paragraphs)])
            i += 1
        articles.append(load_article("\n\n".join(chunk), settings, published="2020-06-01"))  # type: ignore[arg-type]
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--components", help="comma-separated components (default: the configured list)")
    args = parser.parse_args()

    settings = load_settings()
    if args.components:
        settings = replace(settings, components=tuple(args.components.split(",")))
    pipeline = Pipeline(settings)
    articles = make_articles(args.words, args.articles, settings)
    mean_words = sum(len(a.text.split()) for a in articles) / len(articles)
    pipeline.analyze_article(articles[0])  # warm up: lazy loads, caches

    start = time.perf_counter()
    for _ in pipeline.nlp.pipe([a.text for a in articles]):
        pass
    spacy_s = time.perf_counter() - start

    start = time.perf_counter()
    for article in articles:
        pipeline.analyze_article(article)
    full_s = time.perf_counter() - start

    n = len(articles)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores visible, Python {platform.python_version()}")
    print(f"components: {', '.join(pipeline.component_names)}")
    print(f"{n} articles, {mean_words:.0f} words each on average")
    print("| run | s / article | articles / s | ratio to spaCy parse |")
    print("|---|---|---|---|")
    print(f"| spaCy parse (nlp.pipe) | {spacy_s / n:.3f} | {n / spacy_s:.2f} | 1.00 |")
    print(f"| presslens analyze | {full_s / n:.3f} | {n / full_s:.2f} | {full_s / spacy_s:.2f} |")


if __name__ == "__main__":
    main()
