"""The HTTP API, driven in-process: results, exports, and hostile input."""

from __future__ import annotations

import csv
import io
import json
import socket

import pytest

from presslens.export.acled_csv import HEADER
from presslens.schema import validate

TEXT = ("Gunmen killed 14 villagers in an attack on Dara on 3 June 2024, police said. "
        "The attackers may have abducted 5 others, according to residents.")


def test_analyze_returns_the_analysis_result_format(client):
    r = client.post("/api/v1/analyze", json={"text": TEXT, "title": "Dara attack", "published": "2024-06-04"})
    assert r.status_code == 200
    body = r.json()
    validate(body)
    assert body["document"]["title"] == "Dara attack"
    assert any(f["category"] == "killed" and f["value"] == 14 for f in body["figures"])


def test_annotations_are_w3c_web_annotations(client):
    r = client.post("/api/v1/analyze/annotations", json={"text": TEXT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    body = r.json()
    assert body["@context"] == "http://www.w3.org/ns/anno.jsonld" and body["type"] == "AnnotationCollection"
    for item in body["first"]["items"]:
        pos = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        assert TEXT[pos["start"] : pos["end"]] == quote["exact"]


def test_ingest_is_idempotent_and_queryable(client):
    doc = {"text": TEXT, "title": "Dara attack", "source": "Radio Dara", "published": "2024-06-04"}
    first = client.post("/api/v1/documents", json={"documents": [doc, {"text": "   "}]}).json()["results"]
    assert first[0]["stored"] is True and first[1]["error"]["code"] == "E001"
    again = client.post("/api/v1/documents", json={"documents": [doc]}).json()["results"]
    assert again[0] == {"id": first[0]["id"], "stored": False, "error": None}
    listing = client.get("/api/v1/documents", params={"source": "Radio Dara"}).json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == first[0]["id"]
    stored = client.get(f"/api/v1/documents/{first[0]['id']}").json()
    validate(stored)
    assert stored["document"]["source"] == "Radio Dara"


def test_document_filters_and_search(client):
    def total(**params):
        r = client.get("/api/v1/documents", params=params)
        assert r.status_code == 200, r.text
        return r.json()["total"]

    assert total() == 7
    assert total(q="Hollin") == 3
    assert total(q='Hollin" * NEAR( -') == 3  # FTS syntax in user input is plain words: hollin AND near
    assert total(source="Global Wire") == 2
    assert total(date_from="2024-05-01") == 3 and total(date_to="2024-03-15") == 3
    with_loaded = {d["id"] for d in client.get("/api/v1/documents").json()["items"]
                   if any(t["technique"] == "Loaded_Language"
                          for t in client.get(f"/api/v1/documents/{d['id']}").json()["techniques"])}
    assert total(technique="Loaded_Language") == len(with_loaded) >= 1
    assert total(event_type="abduction") == 2
    assert total(category="missing") == 1


def test_events_and_exports(client):
    events = client.get("/api/v1/events").json()
    assert events["total"] == 2
    assert client.get("/api/v1/events", params={"type": "abduction"}).json()["total"] == 1
    market = client.get(f"/api/v1/events/{events['items'][0]['id']}").json()
    assert market["location"] == "Tarnak" and market["n_conflicts"] == 1
    assert {f["source"] for f in market["source_figures"] if f["conflict"]} >= {"Interior Ministry"}

    r = client.get("/api/v1/events.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert tuple(rows[0]) == HEADER and len(rows) == 3
    row = dict(zip(HEADER, rows[1], strict=True))
    assert row["location"] == "Tarnak" and "Interior Ministry" in row["source"]
    assert row["time_precision"] in ("1", "2") and row["event_date"] == market["date_first"]
    assert "conflicting figures: killed" in row["notes"]


def test_claims_and_schema_org(client):
    claims = client.get("/api/v1/claims", params={"multi_source": "true"}).json()
    assert claims["total"] >= 2 and all(c["group_sources"] > 1 for c in claims["items"])
    items = client.get("/api/v1/claims/schema.org", params={"multi_source": "true"}).json()
    assert items and all(i["@type"] == "Claim" and i["@context"] == "https://schema.org" for i in items)
    first = items[0]
    assert len(first["appearance"]) >= 2 and first["firstAppearance"] == first["appearance"][0]
    assert all(a["@type"] == "CreativeWork" for a in first["appearance"])
    # author = the attributed sources of the group's claims; appearance = the articles.
    by_group: dict = {}
    for c in claims["items"]:
        by_group.setdefault(f"urn:presslens:claim-group:{c['group_id']}", []).append(c)
    for item in items:
        members = by_group[item["identifier"]]
        assert {a["name"] for a in item["author"]} == {c["attribution"] for c in members if c["attribution"]}
        assert [a["identifier"] for a in item["appearance"]] == [c["document_id"] for c in members]
    assert any(item["author"] for item in items)


def test_techniques_and_stats(client):
    spans = client.get("/api/v1/techniques", params={"source": "The Patriot Voice"}).json()
    assert spans["total"] > 0 and all(s["source"] == "The Patriot Voice" for s in spans["items"])
    stats = client.get("/api/v1/techniques/stats").json()
    assert {r["source"] for r in stats["per_outlet"]} >= {"The Patriot Voice"}
    assert {r["month"] for r in stats["per_month"]} <= {"2024-03", "2024-05"}


# --- hostile input ----------------------------------------------------------------------------


def _error(r, status, code=None):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body


def test_malformed_and_wrong_json_get_4xx_json_errors(client):
    _error(client.post("/api/v1/analyze", content=b'{"text": "unterminated',
                       headers={"content-type": "application/json"}), 422, "E513")
    _error(client.post("/api/v1/analyze", json={"text": 12}), 422, "E513")
    _error(client.post("/api/v1/analyze", json={"text": TEXT, "extra": 1}), 422, "E513")
    _error(client.post("/api/v1/analyze", json=[TEXT]), 422, "E513")
    _error(client.post("/api/v1/analyze", json={"text": "\u00e9\u00e9 \u00e9"}), 400, "E009")
    _error(client.post("/api/v1/analyze", json={"text": "Le gouvernement a annonc\u00e9 des mesures hier soir."}),
           400, "E006")
    _error(client.post("/api/v1/documents", json={"documents": []}), 422)
    _error(client.get("/api/v1/events/abc"), 422)
    _error(client.get("/api/v1/events/999999"), 404, "E512")
    _error(client.get("/api/v1/documents/../../etc/passwd"), 404)
    _error(client.get("/api/v1/nothing-here"), 404)


def test_lone_surrogates_are_refused_and_nul_bytes_cleaned(client):
    _error(client.post("/api/v1/documents", content=json.dumps(
        {"documents": [{"text": TEXT + " \ud800 end.", "source": "s\ud800"}]}),
        headers={"content-type": "application/json"}), 422, "E513")
    r = client.post("/api/v1/documents", json={"documents": [{"text": TEXT + " end\u0000.", "title": "t\u0000t"}]})
    assert r.status_code == 200 and r.json()["results"][0]["stored"] is True
    stored = client.get(f"/api/v1/documents/{r.json()['results'][0]['id']}").json()
    assert stored["document"]["title"] == "tt" and "\u0000" not in stored["document"]["text"]


@pytest.mark.parametrize("value", ["2024-02-30", "0000-01-01", "2024-13-01"])
def test_bad_dates_are_400(client, value):
    _error(client.post("/api/v1/analyze", json={"text": TEXT, "published": value}), 400, "E510")
    _error(client.get("/api/v1/documents", params={"date_from": value}), 400, "E510")
    _error(client.get("/api/v1/events", params={"date_to": value}), 400, "E510")


def test_date_in_another_format_is_rejected(client):
    _error(client.post("/api/v1/analyze", json={"text": TEXT, "published": "yesterday"}), 422, "E513")
    _error(client.get("/api/v1/documents", params={"date_from": "03/14/2024"}), 400, "E510")


def test_oversized_bodies_are_refused_before_analysis(make_client):
    with make_client(max_body=10_000) as client:
        big = json.dumps({"text": "word " * 5000})
        _error(client.post("/api/v1/analyze", content=big, headers={"content-type": "application/json"}),
               413, "E511")

        def chunks():  # no Content-Length: the limit counts the bytes received
            for _ in range(20):
                yield b" " * 1000

        _error(client.post("/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"}),
               413, "E511")
        _error(client.post("/api/v1/analyze", content=b"{}", headers={"content-type": "application/json",
                                                                       "content-length": "99999999"}), 413, "E511")


def test_no_request_makes_the_server_open_a_connection_or_a_file(client, monkeypatch, tmp_path):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret file says 99 people were killed in a secret place.", encoding="utf-8")
    for text in ("http://169.254.169.254/latest/meta-data/", str(secret), f"file://{secret}"):
        r = client.post("/api/v1/analyze", json={"text": text, "url": "http://127.0.0.1:9/x"})
        assert r.status_code in (200, 400)
        assert "secret file" not in r.text
    r = client.post("/api/v1/documents", json={"documents": [{"text": TEXT, "url": "http://10.0.0.1/article"}]})
    assert r.status_code == 200
    assert calls == []


def test_api_token(make_client):
    with make_client(token="s3cret-token") as client:
        _error(client.get("/api/v1/events"), 401, "E514")
        _error(client.get("/api/v1/events", headers={"Authorization": "Bearer wrong"}), 401, "E514")
        _error(client.post("/api/v1/analyze", json={"text": TEXT}), 401, "E514")
        ok = client.get("/api/v1/events", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200 and ok.json()["total"] == 2


def test_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = set(spec["paths"])
    assert {"/api/v1/analyze", "/api/v1/documents", "/api/v1/events", "/api/v1/events/{event_id}",
            "/api/v1/events.csv", "/api/v1/claims", "/api/v1/claims/schema.org", "/api/v1/techniques",
            "/api/v1/documents/{doc_id}/annotations"} <= paths
    assert not any(p.startswith("/api/v1") is False for p in paths)  # pages stay out of the API document


def test_reconcile_endpoint_merges_new_reports(client):
    report = ("Gunmen abducted 7 aid workers near Hollin on 2 May 2024, a police spokesman said. "
              "The workers are still missing.")
    client.post("/api/v1/documents", json={"documents": [{"text": report, "source": "Police Radio",
                                                          "published": "2024-05-03"}]})
    summary = client.post("/api/v1/reconcile").json()
    assert summary["events"] == 2 and summary["events_with_conflicts"] == 2
    hollin = next(e for e in client.get("/api/v1/events").json()["items"] if e["location"] == "Hollin")
    assert hollin["n_sources"] == 4


def test_serve_command_builds_the_app_with_a_token(db_url, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from presslens.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(main, ["serve", "--db", db_url, "--port", "8123", "--token", "t0k"])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].app.state.token == "t0k"
    seen["app"].app.state.engine.dispose()
    bad = CliRunner().invoke(main, ["serve", "--db", "oracle://x"])
    assert bad.exit_code == 2 and "E501" in bad.stderr
