"""The written map in a real headless Chromium (Debian's, driven by Playwright).

The page's JS/CSS come from local npm copies (``tests/browser``), routed in place of the CDN
addresses folium writes; an address with no local copy fails the test with its URL.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from _incidents import EVIDENCE_000_ARM, many_incidents, seed_incidents

from geoclash.maps import render_map

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from cdn import CHROMIUM, CHROMIUM_ARGS, NODE, Router

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

# Record any dialog the page tries to open, before any of its scripts run.
HOOKS = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (msg) => { window.__dialogs.push(name + ":" + msg); };
}
"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "Debian chromium missing: apt-get install chromium"
    assert (NODE / "leaflet").is_dir(), "npm assets missing: (cd tests/browser && npm install)"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A map opened in a fresh page, with everything it logged."""

    def __init__(self, browser, path: Path) -> None:
        self.router = Router()
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.page.add_init_script(HOOKS)
        self.page.route("**/*", self.router)
        self.page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_selector(".awesome-marker, .marker-cluster", timeout=15000)

    def assert_clean(self) -> None:
        assert not self.router.problems(), self.router.problems()
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.page.evaluate("window.__dialogs") == []

    def placed(self) -> int:
        """Incident places on screen: lone markers + cluster counts + area shapes."""
        return self.page.evaluate(
            """() => {
              const lone = document.querySelectorAll(
                ".awesome-marker:not(.awesome-marker-shadow)").length;
              let clustered = 0;
              for (const c of document.querySelectorAll(".marker-cluster span")) {
                clustered += parseInt(c.textContent, 10);
              }
              const areas = document.querySelectorAll("path.gc-area").length;
              return lone + clustered + areas;
            }"""
        )


@pytest.fixture(scope="module")
def seed_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.html"
    render_map(seed_incidents(), tiles=None).save(str(path))
    page = Page(browser, path)
    yield page
    page.page.close()


def test_page_loads_without_errors(seed_page):
    seed_page.assert_clean()
    assert any("leaflet.js" in u for u in seed_page.router.served)


def test_every_incident_place_is_drawn(seed_page):
    # 10 places: 4 pins (3 towns, Tegh), 5 district outlines, 1 border section.
    assert seed_page.placed() == 10
    assert seed_page.page.locator("path.gc-area").count() == 6
    assert seed_page.page.locator("path.gc-ring").count() == 3  # the "in the direction" towns


def test_borders_layer_is_drawn(seed_page):
    page = seed_page.page
    assert page.locator("path.gc-border").count() >= 5
    assert page.locator("path.gc-disputed").count() >= 1
    fill = page.evaluate("() => getComputedStyle(document.querySelector('path.gc-disputed')).fill")
    assert "gc-hatch" in fill  # Nagorno-Karabakh & co. are hatched, not just outlined


def test_clicking_a_marker_opens_its_evidence(seed_page):
    page = seed_page.page
    marker = _marker_for(page, "Goris")
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert EVIDENCE_000_ARM in text
    assert "The other side's version" in text
    page.locator(".leaflet-popup-close-button").click()


def test_xss_article_runs_nothing_and_shows_as_text(seed_page):
    page = seed_page.page
    _marker_for(page, "Tegh").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert "<script>alert('xss')</script>" in text
    assert '<img src=x onerror="alert(2)">' in text
    assert "${alert(3)}" in text
    assert "{{ 7*7 }} {% if true %}jinja{% endif %} {# hidden #}" in text
    assert "</script><script>alert(5)</script>" in text
    assert popup.locator("script, img").count() == 0
    page.wait_for_timeout(300)
    seed_page.assert_clean()
    page.locator(".leaflet-popup-close-button").click()


def test_screenshot(seed_page):
    ARTIFACTS.mkdir(exist_ok=True)
    seed_page.page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert (ARTIFACTS / "map.png").stat().st_size > 10_000


def test_clustered_map_counts_every_place(browser, tmp_path):
    inc = many_incidents(300, days=5)
    path = tmp_path / "many.html"
    render_map(inc, tiles=None).save(str(path))
    page = Page(browser, path)
    try:
        page.assert_clean()
        assert page.page.locator(".marker-cluster").count() > 0
        assert page.placed() == 300
        # The time slider shows the first day only, then all again.
        slider = page.page.locator(".gc-slider input")
        slider.fill("0")
        first_day = page.placed()
        assert 0 < first_day < 300
        slider.fill("4")
        assert page.placed() == 300
        page.assert_clean()
        page.page.screenshot(path=str(ARTIFACTS / "map_clustered.png"))
    finally:
        page.page.close()


def test_default_tiles_map_also_loads(browser, tmp_path):
    path = tmp_path / "tiles.html"
    render_map(seed_incidents()).save(str(path))
    page = Page(browser, path)
    try:
        page.assert_clean()
        assert page.placed() == 10
    finally:
        page.page.close()


def _marker_for(page, place: str):
    """The marker whose tooltip names ``place`` (found through Leaflet's own layer objects)."""
    # Hover each marker until its tooltip names the place: what a user would do.
    markers = page.locator(".awesome-marker:not(.awesome-marker-shadow)")
    for i in range(markers.count()):
        markers.nth(i).hover()
        tip = page.locator(".leaflet-tooltip")
        if tip.count() and tip.last.inner_text().startswith(place + " ·"):
            return markers.nth(i)
    raise AssertionError(f"no marker with tooltip {place!r}")


def test_map_of_the_seed_articles(browser, seeds_dir, tmp_path):
    """The README's main job, end to end: articles → extract → map → Chromium."""
    import geoclash

    incidents = geoclash.extract(geoclash.read_articles([seeds_dir]))
    places = incidents.to_geodataframe()
    path = tmp_path / "clashes.html"
    render_map(incidents, tiles=None).save(str(path))
    page = Page(browser, path)
    try:
        page.assert_clean()
        assert page.placed() == len(places) > 0
        goris = places[places["location"] == "Goris"].iloc[0]
        _marker_for(page.page, "Goris").click()
        popup = page.page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        text = popup.inner_text()
        assert goris["evidence"].split("\n")[0] in text
        page.page.screenshot(path=str(ARTIFACTS / "map_seeds.png"))
    finally:
        page.page.close()


def test_offline_map_needs_no_network_at_all(browser, tmp_path):
    """tiles=None + save_map(assets=...): one self-contained file; every request is refused."""
    from geoclash.maps import save_map

    path = save_map(
        render_map(seed_incidents(), tiles=None), tmp_path / "offline.html", assets=NODE
    )
    requested: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def refuse(route):
        if not route.request.url.startswith(("file:", "data:")):
            requested.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", refuse)
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".awesome-marker", timeout=15000)
        assert requested == []
        assert errors == []
        assert page.locator(".awesome-marker:not(.awesome-marker-shadow)").count() == 4
        assert page.locator("path.gc-area").count() == 6
        assert page.locator("path.gc-border").count() >= 5
        # Font Awesome came along as a data URI: the bomb icon has a glyph width.
        width = page.evaluate(
            "() => document.querySelector('.awesome-marker i').getBoundingClientRect().width"
        )
        assert width > 0
        page.screenshot(path=str(ARTIFACTS / "map_offline.png"))
    finally:
        page.close()


def test_layer_control_toggles_the_heat_map(seed_page):
    page = seed_page.page
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    names = [label.strip() for label in labels]
    for name in ("Borders", "Incidents per district", "Incidents", "Heat map"):
        assert name in names, names
    assert page.locator("canvas.leaflet-heatmap-layer").count() == 0  # off at first
    heat = page.locator(".leaflet-control-layers-overlays label", has_text="Heat map")
    page.locator(".leaflet-control-layers").hover()
    heat.locator("input").check()
    assert page.locator("canvas.leaflet-heatmap-layer").count() == 1
    heat.locator("input").uncheck()
    seed_page.assert_clean()
