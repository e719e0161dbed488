"""Server-rendered pages: the corpus, event and technique pages, and that no article text
or metadata can inject script or markup."""

from __future__ import annotations

from html.parser import HTMLParser

HOSTILE = {
    "text": ('Officials said 9 people were killed in Dara on Monday. "><script>alert(1)</script> '
             "<img src=x onerror=alert(2)> The attack was condemned. javascript:alert(3)"),
    "title": '"><script>alert("title")</script><svg onload=alert(4)>',
    "source": "<iframe src=javascript:alert(5)></iframe>\" onmouseover=\"alert(6)",
    "url": "javascript:alert(7)",
    "published": "2024-06-04",
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("iframe", "object", "embed", "img", "svg") or tag == "svg" and "onload" not in attrs
        if tag == "script":
            assert attrs == {"src": "/static/app.js", "defer": None}
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)


def test_hostile_article_cannot_inject_markup(client):
    r = client.post("/api/v1/documents", json={"documents": [HOSTILE]})
    doc_id = r.json()["results"][0]["id"]
    pages = ["/", "/?q=Dara", f"/documents/{doc_id}", "/events", "/techniques",
             "/?source=" + HOSTILE["source"], "/events/1"]
    for page in pages:
        resp = client.get(page)
        assert resp.status_code == 200, page
        assert "default-src 'none'" in resp.headers["content-security-policy"]
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert_inert(resp.text)
    article = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in article  # shown as text
    assert ">javascript:alert(7)<" in article  # a javascript: URL is shown, never linked


def test_analyze_form_escapes_pasted_text_and_metadata(client):
    r = client.post("/analyze", data={"text": HOSTILE["text"], "title": HOSTILE["title"],
                                      "source": HOSTILE["source"], "published": "2024-06-04"})
    assert r.status_code == 200
    assert_inert(r.text)
    assert 'class="hl' in r.text  # the analysis is highlighted
    bad = client.post("/analyze", data={"text": "x", "title": HOSTILE["title"]})
    assert bad.status_code == 400 and "E009" not in bad.text and "too few words" in bad.text
    assert_inert(bad.text)
    bad_date = client.post("/analyze", data={"text": HOSTILE["text"], "published": "2024-02-31"})
    assert bad_date.status_code == 400 and "invalid date" in bad_date.text


def test_upload_and_store(client):
    r = client.post("/analyze", data={"store": "1", "source": "Upload"},
                    files={"file": ("a.txt", b"Police detained 12 protesters in Hollin on Tuesday, a spokesman said.")},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/documents/")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "Upload" in page.text
    binary = client.post("/analyze", files={"file": ("a.pdf", b"%PDF-1.7 ...")})
    assert binary.status_code == 400 and "PDF" in binary.text


def test_event_page_shows_the_figure_table_with_conflicts(client):
    events = client.get("/api/v1/events").json()["items"]
    market = next(e for e in events if e["location"] == "Tarnak")
    page = client.get(f"/events/{market['id']}").text
    assert 'id="figure-table"' in page and "Interior Ministry" in page and "UN Assistance Mission" in page
    assert page.count('<tr class="conflict"') >= 2
    assert "Sources disagree on 1 figure category" in page
    assert "<svg" in page and "timeline" in page


def test_corpus_filters(client):
    page = client.get("/", params={"event_type": "abduction"}).text
    assert "Hollin" in page and "Tarnak market" not in page
    assert client.get("/", params={"date_from": "not-a-date"}).status_code == 400
    assert client.get("/documents/unknown").status_code == 404


def test_with_an_api_token_the_form_cannot_write_to_the_corpus(make_client):
    with make_client(token="t0k") as client:
        before = client.get("/api/v1/documents", headers={"Authorization": "Bearer t0k"}).json()["total"]
        r = client.post("/analyze", data={"text": HOSTILE["text"], "store": "1"}, follow_redirects=False)
        assert r.status_code == 403
        assert client.get("/api/v1/documents", headers={"Authorization": "Bearer t0k"}).json()["total"] == before
        assert client.post("/analyze", data={"text": HOSTILE["text"]}).status_code == 200  # analysing is fine


def test_form_posts_from_another_site_are_refused(client):
    data = {"text": "Police detained 12 protesters in Hollin on Tuesday, a spokesman said.", "store": "1"}
    before = client.get("/api/v1/documents").json()["total"]
    for header in ({"sec-fetch-site": "cross-site", "origin": "https://evil.example"},
                   {"sec-fetch-site": "same-site", "origin": "null"},
                   {"origin": "https://evil.example"}, {"origin": "null"},
                   {"referer": "https://evil.example/page.html"}):
        r = client.post("/analyze", data=data, headers=header, follow_redirects=False)
        assert r.status_code == 403 and "own pages" in r.text, header
    assert client.get("/api/v1/documents").json()["total"] == before
    own = client.post("/analyze", data=data, headers={"origin": "http://testserver"}, follow_redirects=False)
    assert own.status_code == 303
    # what Chromium sends from our page under the no-referrer policy
    own = client.post("/analyze", data={**data, "text": data["text"] + " Two were later freed."},
                      headers={"sec-fetch-site": "same-origin", "origin": "null"}, follow_redirects=False)
    assert own.status_code == 303
    assert client.get("/api/v1/documents").json()["total"] == before + 2
