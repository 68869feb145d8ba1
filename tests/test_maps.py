"""The border map as rendered HTML: layers, legend, escaping, offline mode, clustering, slider."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _incidents import EVIDENCE_000_ARM, XSS_TEXT, many_incidents, seed_incidents

from geoclash.errors import InvalidOptionError
from geoclash.maps import render_map, side_of


@pytest.fixture(scope="module")
def incidents():
    return seed_incidents()


@pytest.fixture(scope="module")
def page(incidents) -> str:
    return render_map(incidents).get_root().render()


def _data(page: str) -> list[dict]:
    """The incident layer's JSON literal, decoded."""
    match = re.search(r"var data = (\[.*?\]);\n", page)
    assert match, "incident data literal not found"
    strings = re.search(r"var strings = (\[.*?\]);\n", page)
    assert strings, "popup fragment table not found"
    table = json.loads(strings.group(1))
    items = json.loads(match.group(1))
    for item in items:
        item["h"] = "".join(table[i] for i in item["h"])  # what the page joins on opening
    return items


def test_one_item_per_incident_place(page, incidents):
    items = _data(page)
    assert len(items) == len(incidents.to_geodataframe()) == 10
    shapes = [it for it in items if "g" in it]
    assert sorted(it["g"]["type"] for it in shapes) == ["LineString"] + ["Polygon"] * 5
    points = [it for it in items if "g" not in it]
    assert {it["p"] for it in points} == {1, 2}  # Tegh exact, the MoD's towns "in the direction"


@pytest.mark.parametrize(
    ("claimant", "side"),
    [
        pytest.param("Ministry of Defence of Armenia", "armenia", id="armenia"),
        pytest.param("Ministry of Defence of Azerbaijan", "azerbaijan", id="azerbaijan"),
        pytest.param("Nagorno-Karabakh defence army", "armenia", id="karabakh"),
        pytest.param("US State Department", "other", id="other"),
        pytest.param(None, "article", id="article-itself"),
    ],
)
def test_side_of_claimant(claimant, side):
    assert side_of(claimant) == side


def test_marker_colours_follow_the_claimant(page):
    by_place = {re.sub(r"<[^>]+>.*", "", it["tt"]).split(" · ")[0]: it for it in _data(page)}
    assert by_place["Goris"]["m"] == "orange"  # Armenia's MoD
    assert by_place["Lachin"]["c"] == "#2a81cb"  # Azerbaijan's MoD
    assert by_place["Tegh"]["m"] == "gray"  # the article itself
    assert by_place["Goris"]["i"] == "bomb"


def test_popup_holds_the_report(page):
    goris = next(it for it in _data(page) if it["tt"].startswith("Goris"))
    popup = goris["h"]
    for expected in (
        "2022-09-13",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Military Forces of Azerbaijan",
        "Ministry of Defence of Armenia",
        "artillery; drones; large-calibre firearms",
        "seeds/000_6f7b32bb2428573d.txt",
    ):
        assert expected in popup, expected
    import html

    assert html.escape(EVIDENCE_000_ARM) in popup
    # Contested: Azerbaijan's MoD tells another story about the same day.
    assert "The other side&#x27;s version" in popup or "The other side's version" in popup
    assert "Ministry of Defence of Azerbaijan" in popup
    assert "trench mortars" in popup


def test_popup_shows_the_name_as_written(page):
    sotk = next(it for it in _data(page) if it["tt"].startswith("Sotk"))
    assert "written “Sok”" in sotk["h"]


def test_casualty_qualifiers_in_popup(page):
    lachin = next(it for it in _data(page) if it["tt"].startswith("Lachin · 2021"))
    assert "<b>Wounded:</b> 2 (Azerbaijan)" in lachin["h"]
    tegh = next(it for it in _data(page) if it["tt"].startswith("Tegh"))
    assert "<b>Killed:</b> at least 1 (&lt;i&gt;Armenia&lt;/i&gt;)" in tegh["h"]


def test_article_text_is_escaped(page):
    tegh = next(it for it in _data(page) if it["tt"].startswith("Tegh"))
    assert "<script>" not in tegh["h"] and "<img" not in tegh["h"]
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in tegh["h"]
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in tegh["h"]
    assert "&lt;b&gt;Unknown&lt;/b&gt;" in tegh["h"]
    # Nothing from the article reaches the page as markup: the only "<script" tags are ours.
    assert "alert('xss')</script>" not in page
    assert "<img" not in page and "<script>alert" not in page
    assert "</script><script>" not in page


def test_template_syntax_in_articles_stays_text(page):
    # folium renders each element's output again as a Jinja template; article text must not
    # be evaluated there ("{{ 7*7 }}" would become "49").
    tegh = next(it for it in _data(page) if it["tt"].startswith("Tegh"))
    assert "{{ 7*7 }} {% if true %}jinja{% endif %} {# hidden #}" in tegh["h"]


def test_raw_article_text_never_reaches_the_page(page):
    assert XSS_TEXT not in page


def test_layers_and_controls_present(page):
    for needle in (
        "L.control.layers",  # LayerControl
        "L.control.fullscreen",
        "L.Control.Measure",
        "L.heatLayer",
        "L.control.scale",
        "gc-border",
        "gc-disputed",
        "Nagorno-Karabakh",
        "gc-choropleth",
        "Incidents per district",
        "fitBounds",
        "gc-legend",
    ):
        assert needle in page, needle


def test_legend_lists_sides_present(page):
    legend = re.search(r'div.innerHTML = (".*?");\n', page)
    assert legend
    body = json.loads(legend.group(1))
    for label in ("Armenian side", "Azerbaijani side", "The article itself", "disputed area"):
        assert label in body
    assert "Other claimant" not in body
    assert "Explosions/Remote violence" in body


def test_choropleth_counts_incidents_per_district(page):
    match = re.search(r'"label": "(Kəlbəcər[^"]*|Kalbajar[^"]*)"', page)
    assert match, "Kalbajar not shaded"
    assert match.group(1).endswith(": 2")  # two incidents (2021 and 2022) told there


def test_choropleth_by_casualties(incidents):
    page = render_map(incidents, choropleth="casualties").get_root().render()
    assert "Killed + wounded per district" in page


def test_bad_choropleth_option(incidents):
    with pytest.raises(InvalidOptionError, match="choose one of"):
        render_map(incidents, choropleth="deaths")


@pytest.mark.parametrize("tiles", [None, "none"])
def test_no_tiles_means_no_tile_server(incidents, tiles):
    page = render_map(incidents, tiles=tiles).get_root().render()
    assert "L.tileLayer" not in page
    assert "{z}" not in page and "tile.openstreetmap" not in page
    assert "Countries (offline base map)" in page
    assert "Armenia" in page  # the country polygons are there


def test_tiles_by_default(page):
    assert "L.tileLayer" in page and "tile.openstreetmap.org" in page


def test_small_maps_are_not_clustered_and_multi_day_gets_a_slider(page):
    assert "var useCluster = false;" in page
    assert "markercluster" not in page
    assert 'var days = ["2021-11-16","2022-09-13","2022-09-14"];' in page


def test_many_places_are_clustered():
    page = render_map(many_incidents(120, days=1)).get_root().render()
    assert "var useCluster = true;" in page
    assert "leaflet.markercluster/1.5.3/leaflet.markercluster.js" in page
    assert "var days =" not in page  # a single day needs no slider


def test_switches_can_be_forced(incidents):
    page = render_map(incidents, cluster=True, time_slider=False, heatmap=False).get_root().render()
    assert "var useCluster = true;" in page
    assert "var days =" not in page
    assert "L.heatLayer" not in page


def test_empty_incidents_still_draw_borders():
    from geoclash.incidents import Incidents

    page = render_map(Incidents.empty(), tiles=None).get_root().render()
    assert "gc-border" in page and "var data = [];" in page


def test_explore_returns_the_map(incidents):
    import folium

    fmap = incidents.explore(tiles=None)
    assert isinstance(fmap, folium.Map)


def test_notebook_view_has_table_and_map(incidents):
    view = incidents._repr_html_()
    assert view.startswith("<p>&lt;Incidents: 3 incidents, 5 reports, 10 places&gt;</p>")
    assert "<table" in view and "<td>Goris</td>" in view
    assert "<iframe" in view  # folium's notebook frame holding the map
    # The table escapes article text; the map sits in an iframe's escaped srcdoc.
    assert "<script>alert" not in view


NODE = Path(__file__).resolve().parent / "browser" / "node_modules"


def test_save_map_inlines_every_asset(incidents, tmp_path):
    from geoclash.maps import save_map

    assert (NODE / "leaflet").is_dir(), "npm assets missing: (cd tests/browser && npm install)"
    path = save_map(render_map(incidents, tiles=None), tmp_path / "m.html", assets=NODE)
    page = path.read_text(encoding="utf-8")
    assert re.findall(r'<script src="|<link rel="stylesheet"', page) == []
    assert "data:font/woff2;base64," in page  # Font Awesome's glyphs came along


def test_save_map_names_what_is_missing(incidents, tmp_path):
    from geoclash.errors import ExportError
    from geoclash.maps import save_map

    with pytest.raises(ExportError, match="no local copy of these map assets") as err:
        save_map(render_map(incidents), tmp_path / "m.html", assets=tmp_path)
    assert "leaflet@1.9.3/dist/leaflet.js" in str(err.value)


def test_save_map_without_assets_keeps_cdn_links(incidents, tmp_path):
    from geoclash.maps import save_map

    page = save_map(render_map(incidents), tmp_path / "m.html").read_text(encoding="utf-8")
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in page
