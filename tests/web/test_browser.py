"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright;
no browser is ever downloaded): paste an article and see it highlighted, browse the
corpus, open an event. The screenshot check decodes the page's own pixels and counts
the highlight colours, so a highlight that is present in the HTML but invisible fails."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import threading
import time

import pytest
import uvicorn

from presslens.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("PRESSLENS_REQUIRE_PG") != "1",
                                reason="Debian's chromium is not installed (scripts/test installs it)")

ARTICLE = ("Rebels shelled the market in Tarnak on Monday, killing at least 12 people, officials said. "
           "Everyone knows the brutal regime is behind this barbaric massacre, residents said.")

# Counts pixels of a screenshot (PNG, decoded by the browser itself) close to an RGB colour.
COUNT_PIXELS = """async ([png, r, g, b, tol]) => {
  const img = new Image();
  img.src = "data:image/png;base64," + png;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - r) <= tol && Math.abs(d[i + 1] - g) <= tol && Math.abs(d[i + 2] - b) <= tol) n++;
  }
  return n;
}"""


@pytest.fixture
def server(reconciled, db_url, pipeline):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    app = create_app(db_url, pipeline=pipeline)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    app.app.state.engine.dispose()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    assert shutil.which("chromium") or os.path.exists(CHROMIUM)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        yield pg
        browser.close()
    assert errors == []  # no script errors, no CSP violations, no missing assets


def _rgb(page, selector: str, prop: str = "background-color") -> tuple[int, int, int]:
    value = page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")
    parts = value[value.index("(") + 1 : value.index(")")].split(",")
    rgb = [float(x) for x in parts[:3]]
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    # Blend with the white article background, as the screen shows it.
    return tuple(round(c * alpha + 255 * (1 - alpha)) for c in rgb)  # type: ignore[return-value]


def test_pasted_article_is_highlighted_visibly_with_explanations(page, server):
    page.goto(server + "/analyze")
    page.fill("#text", ARTICLE)
    page.fill("input[name=title]", "Market shelling")
    page.click("#analyze-button")
    page.wait_for_selector("#article-text .hl.tech")
    assert page.locator("#article-text .hl.tech").count() >= 2
    assert page.locator("#article-text .hl.fig").count() >= 1

    # Screenshot check: the technique highlight colour is on screen, and goes when the layer is off.
    colour = _rgb(page, "#article-text .hl.tech")
    shot = base64.b64encode(page.locator("#article-text").screenshot()).decode()
    on = page.evaluate(COUNT_PIXELS, [shot, *colour, 6])
    page.uncheck("#show-tech")
    shot_off = base64.b64encode(page.locator("#article-text").screenshot()).decode()
    off = page.evaluate(COUNT_PIXELS, [shot_off, *colour, 6])
    assert on > 300 and off < on / 10, (colour, on, off)
    page.check("#show-tech")

    # Clicking a highlighted passage explains it in the side panel.
    first = page.locator("#article-text .hl.tech").first
    first.click()
    panel = page.locator("#explain-body").inner_text()
    assert first.inner_text() in panel and len(panel) > len(first.inner_text()) + 10


def test_corpus_search_and_event_page(page, server):
    page.goto(server + "/")
    assert page.locator("#documents tbody tr").count() == 7
    page.fill("input[name=q]", "Hollin")
    page.click("form.filters button")
    page.wait_for_url("**/?q=Hollin*")
    assert page.locator("#documents tbody tr").count() == 3
    page.select_option("select[name=technique]", "Loaded_Language")
    page.fill("input[name=q]", "")
    page.click("form.filters button")
    page.wait_for_url("**technique=Loaded_Language*")
    page.wait_for_load_state()
    expected = page.request.get(server + "/api/v1/documents?technique=Loaded_Language").json()["total"]
    assert 1 <= expected < 7 and page.locator("#documents tbody tr").count() == expected

    page.goto(server + "/events")
    assert page.locator("#event-list tbody tr").count() == 2
    page.click("#event-list a >> nth=0")
    page.wait_for_selector("#figure-table")
    conflicts = page.locator("#figure-table tr.conflict")
    assert conflicts.count() >= 2
    assert page.locator("svg.timeline circle").count() == 4
    red = _rgb(page, "#figure-table tr.conflict td")
    assert red != (255, 255, 255)  # conflicting rows are tinted


def test_technique_charts_render(page, server):
    page.goto(server + "/techniques")
    assert page.locator("#chart-outlet svg rect").count() >= 2
    assert page.locator("#chart-month svg rect").count() >= 2
