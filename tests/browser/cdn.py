"""Serve the JS/CSS that folium maps load from CDNs out of local npm copies, for headless Chromium.

The test machine has no internet. Each CDN address folium (or geoclash) writes into a map is
mapped (by :func:`geoclash.maps.asset_path`, the table ``save_map(assets=...)`` inlines from)
to a file under ``tests/browser/node_modules`` (installed from ``package.json``) or, for two
tiny stylesheets geoclash maps never use, to our own stand-ins in ``tests/browser/local``.
An address with no mapping is recorded so the test fails naming it: a plugin must never go
missing silently.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from geoclash.maps import CDN_UNUSED, asset_path

HERE = Path(__file__).resolve().parent
NODE = HERE / "node_modules"
LOCAL = HERE / "local"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# The two stylesheets geoclash maps never use (see geoclash.maps.CDN_UNUSED) get our own
# stand-ins, so the page loads them like any other and the test still sees every request.
STANDINS: dict[str, Path] = {
    url: LOCAL
    / ("bootstrap-glyphicons.css" if "glyphicons" in url else "leaflet.awesome.rotate.css")
    for url in CDN_UNUSED
}

# Tile servers are answered with an empty 204: maps are tested for what they draw themselves.
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com", "tile.opentopomap.org")


def local_file(url: str) -> Path | None:
    """The local file standing in for a CDN ``url``, or None when there is no mapping."""
    bare = url.split("?", 1)[0].split("#", 1)[0]
    if bare in STANDINS:
        return STANDINS[bare]
    return asset_path(bare, NODE)


class Router:
    """A Playwright route handler: local files for CDN addresses, a list of the unmapped."""

    def __init__(self) -> None:
        self.unmapped: list[str] = []
        self.missing_files: list[str] = []
        self.served: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
            return
        if any(host in url for host in TILE_HOSTS):
            route.fulfill(status=204, body=b"")
            return
        path = local_file(url)
        if path is None:
            self.unmapped.append(url)
            route.abort()
            return
        if not path.is_file():
            self.missing_files.append(f"{url} -> {path}")
            route.abort()
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.served.append(url)
        route.fulfill(status=200, body=path.read_bytes(), headers={"Content-Type": ctype})

    def problems(self) -> str:
        lines = [f"no local copy mapped for {u}" for u in self.unmapped]
        lines += [
            f"mapped file missing (run npm install in tests/browser): {m}"
            for m in self.missing_files
        ]
        return "\n".join(lines)
