"""The Alembic migrations build exactly the tables in presslens.store.schema, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from presslens.store import schema
from presslens.store.db import current_revision, upgrade


def _ours(name, type_, parent_names):
    # Full-text tables and indexes are dialect specific and live only in the migration.
    return type_ not in ("table", "index") or "_fts" not in (name or "")


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        diff = compare_metadata(context, schema.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert set(schema.metadata.tables) <= tables
    assert current_revision(engine) == "0003"


def test_upgrade_twice_is_a_no_op(engine):
    upgrade(engine)
    assert current_revision(engine) == "0003"


def test_full_text_search_objects_exist(engine):
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
            assert {"documents_fts", "claims_fts", "documents_fts_ai", "claims_fts_ai"} <= names
        else:
            indexes = {r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes"))}
            assert {"ix_documents_fts", "ix_claims_fts"} <= indexes


def test_foreign_keys_are_declared(engine):
    with engine.connect() as conn:
        fks = inspect(conn).get_foreign_keys("figures")
    assert {fk["referred_table"] for fk in fks} == {"documents", "event_mentions"}
