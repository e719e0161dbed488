"""Regenerate the README screenshots of the web app (docs/web-*.png).

    python3 docs/screenshots.py

Ingests tests/corpus into a temporary SQLite store, reconciles it, serves it on a free
local port and photographs the article, corpus, event and technique pages in Debian's
headless Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from presslens.pipeline import Pipeline
from presslens.reconcile.run import reconcile_db
from presslens.store.db import connect
from presslens.store.ingest import ingest
from presslens.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/corpus.db"
        pipeline = Pipeline()
        engine = connect(url)
        ingest(engine, [str(ROOT / "tests" / "corpus")], pipeline)
        reconcile_db(engine)
        engine.dispose()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        server = uvicorn.Server(uvicorn.Config(create_app(url, pipeline=pipeline), host="127.0.0.1", port=port,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(base + "/")
            page.screenshot(path=ROOT / "docs" / "web-corpus.png")
            page.goto(base + "/events/1")
            page.screenshot(path=ROOT / "docs" / "web-event.png", full_page=True)
            page.goto(base + "/techniques")
            page.screenshot(path=ROOT / "docs" / "web-techniques.png")
            page.goto(base + "/")
            page.click("text=Massacre in Tarnak")
            page.click("#article-text .hl.tech >> nth=1")
            page.screenshot(path=ROOT / "docs" / "web-article.png")
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
