"""The corpus store: analysed documents, their events, figures, claims and techniques in
SQL tables (SQLite by default, PostgreSQL through a ``postgresql://`` URL), with Alembic
migrations and idempotent, resumable ingest."""

from presslens.store.db import DEFAULT_URL, connect, normalise_url, upgrade

__all__ = ["DEFAULT_URL", "connect", "normalise_url", "upgrade"]
