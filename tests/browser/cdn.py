"""Serve the JS/CSS that folium maps load from CDNs out of local npm copies, for headless Chromium.

The test machine has no internet. Each CDN address folium (or geoclash) writes into a map is
mapped to a file under ``tests/browser/node_modules`` (installed from ``package.json``) or, for
two tiny stylesheets that live only in folium's GitHub tree / an old CDN, to our own stand-ins
in ``tests/browser/local``. An address with no mapping is recorded so the test fails naming
it: a plugin must never go missing silently.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

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

JSDELIVR = "https://cdn.jsdelivr.net"
CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"
FOLIUM_GH = f"{JSDELIVR}/gh/python-visualization/folium"
AWESOME = f"{CDNJS}/Leaflet.awesome-markers/2.0.2"

# Exact addresses first: the file names differ between the CDN and the npm package.
EXACT: dict[str, Path] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": NODE / "jquery/dist/jquery.min.js",
    f"{JSDELIVR}/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": (
        NODE / "leaflet.fullscreen/Control.FullScreen.js"
    ),
    f"{JSDELIVR}/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css": (
        NODE / "leaflet-measure/dist/leaflet-measure.css"
    ),
    f"{FOLIUM_GH}@main/folium/templates/leaflet_heat.min.js": (
        NODE / "leaflet.heat/dist/leaflet-heat.js"
    ),
    f"{AWESOME}/leaflet.awesome-markers.js": (
        NODE / "drmonty-leaflet-awesome-markers/js/leaflet.awesome-markers.js"
    ),
    f"{AWESOME}/leaflet.awesome-markers.css": (
        NODE / "drmonty-leaflet-awesome-markers/css/leaflet.awesome-markers.css"
    ),
    f"{FOLIUM_GH}/folium/templates/leaflet.awesome.rotate.min.css": (
        LOCAL / "leaflet.awesome.rotate.css"
    ),
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": (
        LOCAL / "bootstrap-glyphicons.css"
    ),
}

# Then folders: an address under the prefix maps to the same relative path in the package
# (this also covers images and fonts a stylesheet pulls in by relative URL).
PREFIXES: list[tuple[str, Path]] = [
    ("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/", NODE / "leaflet"),
    ("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/", NODE / "bootstrap"),
    (
        "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/",
        NODE / "@fortawesome/fontawesome-free",
    ),
    (
        "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/",
        NODE / "drmonty-leaflet-awesome-markers/css",
    ),
    (
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.5.3/",
        NODE / "leaflet.markercluster/dist",
    ),
    ("https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/", NODE / "leaflet.fullscreen"),
    ("https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/", NODE / "leaflet-measure"),
]

# Tile servers are answered with an empty 204: maps are tested for what they draw themselves.
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com", "tile.opentopomap.org")


def local_file(url: str) -> Path | None:
    """The local file standing in for a CDN ``url``, or None when there is no mapping."""
    bare = url.split("?", 1)[0].split("#", 1)[0]
    if bare in EXACT:
        return EXACT[bare]
    for prefix, folder in PREFIXES:
        if bare.startswith(prefix):
            return folder / bare[len(prefix) :]
    return None


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
