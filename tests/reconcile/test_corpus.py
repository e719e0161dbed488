"""Done when: the 7-article test corpus (two incidents, wire / UN / NGO / government /
partisan sources with differing figures), ingested then reconciled with the CLI, yields
exactly two events, each with a per-source figure table and the conflicts flagged."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select

from presslens.cli import main
from presslens.store import query
from presslens.store import schema as t
from presslens.store.db import connect
from presslens.store.testing import CORPUS


def _events(db_url):
    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            listing = query.list_events(conn)["items"]
            return [query.get_event(conn, e["id"]) for e in listing], conn.execute(
                select(func.count()).select_from(t.claim_groups).where(t.claim_groups.c.n_sources > 1)).scalar_one()
    finally:
        engine.dispose()


def test_ingest_then_reconcile_gives_two_events_with_conflicts(db_url):
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(CORPUS), "--db", db_url])
    assert ingested.exit_code == 0, ingested.stderr
    assert "7 stored" in ingested.stderr
    result = runner.invoke(main, ["reconcile", "--db", db_url])
    assert result.exit_code == 0, result.stderr
    assert "-> 2 events (2 with conflicting figures" in result.stderr

    events, cross_source_claim_groups = _events(db_url)
    assert len(events) == 2
    market, abduction = sorted(events, key=lambda e: e["date_first"])
    assert (market["type"], market["location"], market["date_first"]) == ("attack", "Tarnak", "2024-03-14")
    assert (abduction["type"], abduction["location"], abduction["date_first"]) == ("abduction", "Hollin", "2024-05-02")
    assert {m["source"] for m in market["mentions"]} == {"Global Wire", "UN Assistance Mission", "Interior Ministry",
                                                       "The Patriot Voice"}
    assert {m["source"] for m in abduction["mentions"]} == {"Global Wire", "Relief Agency", "Hollin Daily Truth"}
    assert (market["first_report"], market["last_report"]) == ("2024-03-15", "2024-03-16")

    # Per-source figure table: every source's killed figure, with hedges and attribution.
    killed = {(f["source"], f["text"]): f for f in market["source_figures"] if f["category"] == "killed"}
    assert {("Global Wire", "At least 52"), ("UN Assistance Mission", "at least 50"), ("Interior Ministry", "11"),
            ("The Patriot Voice", "more than 60")} <= set(killed)
    assert [h["text"] for h in killed[("Global Wire", "At least 52")]["hedges"]] == ["At least"]
    assert killed[("Global Wire", "At least 52")]["attribution"] == "hospital officials"
    # The ministry's 11 contradicts everyone's lower bounds; the lower bounds agree with each other.
    assert killed[("Interior Ministry", "11")]["conflict"] is True
    cat = {c["category"]: c for c in market["figures"]}
    assert cat["killed"]["conflict"] is True
    assert all("Interior Ministry" in pair for pair in cat["killed"]["conflicts"])
    assert cat["injured"]["conflict"] is False  # 90 and "more than 80" agree

    ab = {c["category"]: c for c in abduction["figures"]}
    assert ab["abducted"]["conflicts"] == [["Global Wire", "Hollin Daily Truth"]]  # 7 vs nine
    assert ab["missing"]["conflict"] is False and ab["missing"]["agreed"] == "7"
    assert cross_source_claim_groups >= 1

    # Reconciling again gives the same result, not more events.
    again = runner.invoke(main, ["reconcile", "--db", db_url])
    assert again.exit_code == 0 and len(_events(db_url)[0]) == 2
