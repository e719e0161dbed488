"""Bytes to text, refusing binary data and undecodable bytes with a clear error."""

from __future__ import annotations

import codecs
import re
import unicodedata

from presslens.errors import PresslensError

# Signatures of common binary formats that are sometimes mistaken for articles.
_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
}


# Control characters other than tab, newline and form feed (C0, DEL and C1).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: BOM, then UTF-8, then charset detection; else refuse."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise PresslensError("E002", reason=what)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return clean_text(data.decode(encoding, errors="strict"))
            except UnicodeDecodeError as exc:  # a byte-order mark followed by bytes of another encoding
                raise PresslensError("E003") from exc
    if b"\x00" in data[:8192]:
        raise PresslensError("E002", reason="it contains NUL bytes")
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # A weak guess decodes garbage into "text"; refuse rather than analyse noise.
    if best is None or best.chaos > 0.2:
        raise PresslensError("E003")
    return clean_text(str(best))


def has_undecodable_bytes(text: str) -> bool:
    """Whether ``text`` holds surrogates: bytes that were not UTF-8, kept by
    ``errors="surrogateescape"`` (or lone surrogates from JSON), which are refused (E003)."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def clean_text(text: str) -> str:
    """NFC-normalise, refuse text that is mostly control characters, and blank out the
    rest (ESC and the C1 controls would otherwise reach a terminal as escape sequences)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if text:
        sample = text[:20000]
        controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f")
        if controls / len(sample) > 0.05:
            raise PresslensError("E002", reason=f"{controls} control characters in the first {len(sample)}")
        text = blank_controls(text)
    return text


def blank_controls(text: str) -> str:
    """A space for each control character but tab, newline and form feed: keeps every
    character offset where it was, and no escape sequence reaches a terminal."""
    return _CONTROLS.sub(" ", text)
