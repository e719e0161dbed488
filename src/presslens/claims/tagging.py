"""BIO tags for attribution spans over word pieces (shared by training and run time; no torch)."""

from __future__ import annotations

from collections.abc import Sequence

TAGS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}


def encode_tags(offsets: Sequence[tuple[int, int]], special: Sequence[int],
                fragments: Sequence[tuple[str, int, int]]) -> list[int]:
    """Tag ids per word piece: the fragment covering the piece's first character; special
    pieces get -100 (ignored by the loss)."""
    out: list[int] = []
    prev: tuple[str, int, int] | None = None
    for (a, b), sp in zip(offsets, special, strict=True):
        if sp or b <= a:
            out.append(-100)
            continue
        frag = next((f for f in fragments if f[1] <= a < f[2]), None)
        if frag is None:
            out.append(TAG_INDEX["O"])
        else:
            out.append(TAG_INDEX[("I-" if frag == prev else "B-") + frag[0]])
        prev = frag
    return out


def decode_tags(offsets: Sequence[tuple[int, int]], tags: Sequence[int],
                keep: Sequence[bool] | None = None) -> list[tuple[str, int, int]]:
    """Character spans (type, start, end) from per-piece tag ids. An I- tag that does not
    continue a span of its type starts one (lenient BIO decoding)."""
    spans: list[tuple[str, int, int]] = []
    cur: list[object] | None = None
    for k, ((a, b), t) in enumerate(zip(offsets, tags, strict=True)):
        if (keep is not None and not keep[k]) or b <= a:
            continue
        name = TAGS[t]
        if name == "O":
            if cur:
                spans.append((str(cur[0]), int(cur[1]), int(cur[2])))  # type: ignore[call-overload]
            cur = None
            continue
        kind = name[2:]
        if name.startswith("B-") or cur is None or cur[0] != kind:
            if cur:
                spans.append((str(cur[0]), int(cur[1]), int(cur[2])))  # type: ignore[call-overload]
            cur = [kind, a, b]
        else:
            cur[2] = b
    if cur:
        spans.append((str(cur[0]), int(cur[1]), int(cur[2])))  # type: ignore[call-overload]
    return spans
