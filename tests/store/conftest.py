"""Corpus-store fixtures (SQLite and PostgreSQL backends): see presslens.store.testing."""

from presslens.store.testing import db_url, engine, reconciled, stored_corpus  # noqa: F401
