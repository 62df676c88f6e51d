"""Screenshots of the main pages, taken from the real app for the README.

Serves the demo store (make demo builds it) on a free local port, opens each page in
Debian's headless Chromium through Playwright, and writes docs/screenshots/<page>.png.

    python scripts/screenshots.py [--store demo-store/demo.duckdb]
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from communique.api.app import create_app
from communique.config import Settings
from communique.core import Communique

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def serve(core: Communique) -> tuple[str, uvicorn.Server]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(core), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/api/health")
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return base, server


def pages(base: str) -> dict[str, str]:
    article = httpx.get(f"{base}/api/articles", params={"q": "Yerevan"}).json()["items"][0]
    return {
        "overview": f"{base}/",
        "events": f"{base}/events?actor=NATO",
        "actor": f"{base}/actors/ARM",
        "article": f"{base}/articles/{article['id']}",
        "network": f"{base}/network",
        "map": f"{base}/map",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("demo-store/demo.duckdb"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    core = Communique(Settings.from_env(store=args.store))
    base, server = serve(core)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            tab = browser.new_page(viewport={"width": 1280, "height": 860})
            for name, url in pages(base).items():
                tab.goto(url)
                tab.wait_for_load_state("networkidle")
                tab.wait_for_timeout(500)
                tab.screenshot(path=str(OUT / f"{name}.png"))
            browser.close()
    finally:
        server.should_exit = True
        time.sleep(0.5)
        core.close()


if __name__ == "__main__":
    main()
