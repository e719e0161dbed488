"""Helpers over spaCy tokens: clause scopes and dependency paths."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

# Children that start a new coordinated clause or aside: a scope does not reach into them.
_SCOPE_STOP = {"conj", "cc", "parataxis", "punct"}


def scope_tokens(token: Token) -> Iterator[Token]:
    """The token's subtree without its coordinated clauses, so the scope of "not" in
    "did not say X, but Y happened" covers X only."""
    yield token
    for child in token.children:
        if child.dep_ not in _SCOPE_STOP:
            yield from child.subtree


def scope_span(token: Token) -> tuple[int, int]:
    toks = list(scope_tokens(token))
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def path_to_root(token: Token, limit: int = 12) -> list[tuple[Token, str]]:
    """[(ancestor, dep of the step that reached it)], nearest first."""
    out: list[tuple[Token, str]] = []
    child = token
    while child.head.i != child.i and len(out) < limit:
        out.append((child.head, child.dep_))
        child = child.head
    return out


def sentence_of(token: Token) -> Span:
    return token.sent


def char_span_tokens(doc_tokens: Span, start: int, end: int) -> list[Token]:
    return [t for t in doc_tokens if t.idx < end and t.idx + len(t) > start]
