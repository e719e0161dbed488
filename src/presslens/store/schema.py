"""The corpus tables (SQLAlchemy Core). Plain tables with foreign keys, so the SQLite
file opens in Datasette as it is. JSON-valued columns hold lists (hedges, actors) as
JSON text; everything a filter needs is its own column.

Changing a table here needs a new migration in ``presslens/store/migrations/versions``;
``tests/store/test_migrations.py`` fails while the two disagree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(40), primary_key=True, comment="content hash (Analysis.document.id)"),
    Column("title", Text),
    Column("source", String(300)),
    Column("published", String(10), comment="YYYY-MM-DD"),
    Column("url", Text),
    Column("authors", Text, nullable=False, default="[]"),
    Column("language", String(8), nullable=False, default="en"),
    Column("origin", Text, comment="file or row the document came from"),
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False, comment="the full analysis JSON"),
    Column("presslens", String(20), nullable=False),
    Column("ingested_at", String(32), nullable=False),
)
Index("ix_documents_source", documents.c.source)
Index("ix_documents_published", documents.c.published)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(12), nullable=False),
    Column("mentions", Integer, nullable=False, default=0),
)
Index("ix_entities_document", entities.c.document_id)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),
    Column("date_first", String(10)),
    Column("date_last", String(10)),
    Column("location", Text),
    Column("country", Text),
    Column("actors", Text, nullable=False, default="[]"),
    Column("first_report", String(10)),
    Column("last_report", String(10)),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_conflicts", Integer, nullable=False, default=0),
    Column("summary", Text, nullable=False, default="{}", comment="per category: agreed range, conflicts"),
)
Index("ix_events_date", events.c.date_first)
Index("ix_events_type", events.c.type)

event_mentions = Table(
    "event_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(20), nullable=False),
    Column("type", String(20), nullable=False),
    Column("date", String(10)),
    Column("date_last", String(10), comment="last day of a range; null for one day"),
    Column("date_text", Text),
    Column("location", Text),
    Column("country", Text),
    Column("actors", Text, nullable=False, default="[]"),
    Column("counts", Text, nullable=False, default="{}"),
    Column("hedged", Boolean, nullable=False, default=False),
    Column("attribution", Text),
    Column("evidence", Text, nullable=False, default=""),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL")),
)
Index("ix_event_mentions_document", event_mentions.c.document_id)
Index("ix_event_mentions_event", event_mentions.c.event_id)

_NAMED = "the source is named (null: no attribution)"
_ISSUER = "the source is the release's issuer, not quoted in a sentence (null: no attribution)"

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(20), nullable=False),
    Column("mention_id", Integer, ForeignKey("event_mentions.id", ondelete="SET NULL")),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("approximate", Boolean, nullable=False, default=False),
    Column("category", String(20), nullable=False),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hedges", Text, nullable=False, default="[]"),
    Column("attribution", Text, comment="who the figure is attributed to"),
    Column("attribution_cue", Text),
    Column("attribution_named", Boolean, comment=_NAMED),
    Column("attribution_issuer", Boolean, comment=_ISSUER),
)
Index("ix_figures_document", figures.c.document_id)
Index("ix_figures_category", figures.c.category)

claim_groups = Table(
    "claim_groups", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text", Text, nullable=False, comment="the earliest claim of the group"),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL")),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("checkworthy", Float, nullable=False),
    Column("hedged", Boolean, nullable=False, default=False),
    Column("hedges", Text, nullable=False, default="[]"),
    Column("attribution", Text),
    Column("attribution_cue", Text),
    Column("attribution_named", Boolean, comment=_NAMED),
    Column("attribution_issuer", Boolean, comment=_ISSUER),
    Column("negated", Boolean, nullable=False, default=False),
    Column("group_id", Integer, ForeignKey("claim_groups.id", ondelete="SET NULL")),
)
Index("ix_claims_document", claims.c.document_id)
Index("ix_claims_group", claims.c.group_id)

techniques = Table(
    "techniques", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("technique", String(60), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False, default=""),
)
Index("ix_techniques_document", techniques.c.document_id)
Index("ix_techniques_technique", techniques.c.technique)

event_figures = Table(
    "event_figures", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("figure_id", Integer, ForeignKey("figures.id", ondelete="CASCADE"), primary_key=True),
    Column("conflict", Boolean, nullable=False, default=False),
)

TABLE_DESCRIPTIONS = {
    "documents": "one row per analysed document (content hash id), its metadata, text and full analysis JSON",
    "entities": "people, organisations and places named in a document",
    "event_mentions": "an event as one document reports it (type, date, place, actors, counts)",
    "events": "reconciled events: mentions across documents merged, with first/last report and conflicts",
    "figures": "every casualty/count figure with its range, hedges and attribution",
    "event_figures": "which figures report on which reconciled event, and whether each conflicts",
    "claims": "check-worthy claims with hedges and attribution",
    "claim_groups": "claims about the same fact across documents",
    "techniques": "persuasion technique spans (SemEval-2020 Task 11 labels)",
}
