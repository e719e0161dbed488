"""Does analysis time grow linearly with document length? (A scan per sentence or per figure
over the whole document made long inputs quadratic: a 1.5 MB text ran for over 13 minutes.)

Analyses the hand-written gold articles joined into one text of N kB and of 4N kB, and prints
the time per kB of each and their ratio (about 1 when growth is linear; 4 would be quadratic).

    python bench/long_document.py [--kb 50]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from presslens.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def text_of(kb: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    out: list[str] = []
    while sum(len(p) + 2 for p in out) < kb * 1000:
        out.extend(parts)
    return "\n\n".join(out)[: kb * 1000]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", type=int, default=50)
    args = ap.parse_args()
    pipe = Pipeline()
    pipe.analyze(text_of(5), published="2024-01-10")  # warm-up: models loaded
    per_kb = {}
    for kb in (args.kb, 4 * args.kb):
        text = text_of(kb)
        t = time.perf_counter()
        pipe.analyze(text, published="2024-01-10")
        per_kb[kb] = (time.perf_counter() - t) / kb
        print(f"{kb:>6} kB  {per_kb[kb] * kb:7.1f} s  {per_kb[kb] * 1000:6.1f} ms/kB")
    print(f"ratio of ms/kB, {4 * args.kb} kB to {args.kb} kB: {per_kb[4 * args.kb] / per_kb[args.kb]:.2f} "
          "(1 = linear, 4 = quadratic)")


if __name__ == "__main__":
    main()
