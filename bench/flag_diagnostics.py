"""Where the technique model's wrong flags are: the figures that motivated the third and
fourth plans of 2026-12-01 (model card).

On one split (default: tune), for the model's own decoding:
- flags that overlap no gold span, by length in word pieces (one-piece flags);
- of those, how many lie in lines that hold no gold span, and the share of lines with gold;
on the fit articles (gold only, no model): how often another occurrence of a gold span's
exact wording (2 words or more) overlaps gold too.

    python bench/flag_diagnostics.py [--split tune] [--model DIR] [--data DIR]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from presslens.rhetoric.model_detector import Runtime, default_model_dir
from presslens.rhetoric.ptc import PtcArticle, load_articles, split
from presslens.rhetoric.tune import article_masks


def _overlaps(b: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(gb < e and b < ge for gb, ge in spans)


def _line(text: str, b: int, e: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, b) + 1
    end = text.find("\n", e)
    return start, len(text) if end < 0 else end


def repeated_gold_wording(articles: list[PtcArticle]) -> tuple[int, int]:
    """(other occurrences of >=2-word gold span wording, of which overlapping gold)."""
    others = on_gold = 0
    for art in articles:
        for b, e in art.si_spans:
            wording = art.text[b:e]
            if len(wording.split()) < 2:
                continue
            for m in re.finditer(re.escape(wording), art.text):
                if m.start() != b:
                    others += 1
                    on_gold += _overlaps(m.start(), m.end(), art.si_spans)
    return others, on_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data/ptc")
    parser.add_argument("--split", default="tune", choices=("tune", "validation"))
    parser.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    args = parser.parse_args()
    corpus = load_articles(args.data)
    articles = split(corpus, args.split)
    rt = Runtime(default_model_dir() if args.model is None else Path(args.model))
    flags = wrong = one_piece = one_piece_wrong = wrong_in_free_lines = 0
    for art, masked in zip(articles, article_masks(articles), strict=True):
        out = rt._run(masked.text, None)
        for b, e, toks in rt.decode(out):
            ob, oe = masked.to_original(b, e)
            hit = _overlaps(ob, oe, art.si_spans)
            flags += 1
            one_piece += len(toks) == 1
            if not hit:
                wrong += 1
                one_piece_wrong += len(toks) == 1
                wrong_in_free_lines += not _overlaps(*_line(art.text, ob, oe), art.si_spans)
    lines = lines_with_gold = 0
    for art in articles:
        pos = 0
        for line in art.text.split("\n"):
            if line.strip():
                lines += 1
                lines_with_gold += _overlaps(pos, pos + len(line), art.si_spans)
            pos += len(line) + 1
    print(f"{args.split} split, {len(articles)} articles: {flags} flags, {wrong} overlap no gold span")
    print(f"  one-piece flags: {one_piece}, of which {one_piece_wrong} overlap no gold "
          f"({one_piece_wrong / max(1, one_piece):.0%})")
    print(f"  flags overlapping no gold that lie in lines with no gold: {wrong_in_free_lines} of {wrong}")
    print(f"  lines holding gold: {lines_with_gold} of {lines} ({lines_with_gold / max(1, lines):.0%})")
    others, on_gold = repeated_gold_wording(split(corpus, "fit"))
    print(f"fit articles: {others} other occurrences of gold span wording (2+ words), {on_gold} of them overlap gold")


if __name__ == "__main__":
    main()
