"""The interactive border map: incidents over shipped boundaries, as a :class:`folium.Map`.

Every piece of article-derived text (places as written, actors, claimants, evidence, notes)
is HTML-escaped in Python and travels to the page inside a JSON literal whose ``<``, ``>`` and
``&`` are ``\\u`` escapes, so an article holding ``<script>`` or ``<img onerror=...>`` shows
as text and runs nothing. (folium's own ``Popup`` pastes its HTML into a JavaScript template
literal, where ``${...}`` would still run; the incident layer does not use it.)
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import InvalidOptionError

if TYPE_CHECKING:
    from pathlib import Path

    import folium
    import geopandas as gpd

    from .incidents import Incidents

__all__ = ["SIDE_STYLES", "asset_path", "render_map", "save_map", "side_of"]

# side -> (awesome-markers colour, hex colour for shapes, legend label)
SIDE_STYLES: dict[str, tuple[str, str, str]] = {
    "armenia": ("orange", "#e8741e", "Armenian side"),
    "azerbaijan": ("blue", "#2a81cb", "Azerbaijani side"),
    "other": ("purple", "#9c2bcb", "Other claimant"),
    "article": ("gray", "#6b6b6b", "The article itself"),
}

# ACLED event type -> Font Awesome icon
EVENT_ICONS: dict[str, str] = {
    "Battles": "crosshairs",
    "Explosions/Remote violence": "bomb",
    "Violence against civilians": "user",
    "Strategic developments": "flag",
    "Protests": "bullhorn",
    "Riots": "fire",
}
OTHER_ICON = "info"

PRECISION_WORDS = {
    1: "the place itself",
    2: "near the place, or a district",
    3: "a region or border section",
}
# Radius (m) of the dashed ring drawn around a point that stands for "near" a place.
HALO_RADIUS_M = {2: 6000, 3: 15000}

AUTO_CLUSTER_OVER = 50
TILES_OFFLINE = (None, "none", "None", "")

_CLUSTER_JS = [
    (
        "markerclusterjs",
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.5.3/leaflet.markercluster.js",
    )
]
_CLUSTER_CSS = [
    (
        "markerclustercss",
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.5.3/MarkerCluster.css",
    ),
    (
        "markerclusterdefaultcss",
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.5.3/MarkerCluster.Default.css",
    ),
]


def side_of(claimant: Any) -> str:
    """Which side a claimant speaks for: ``armenia``, ``azerbaijan``, ``other`` or ``article``.

    A null claimant means the article states it in its own voice. Nagorno-Karabakh's
    authorities count with the Armenian side, as the sources themselves group them.
    """
    if (
        claimant is None
        or claimant is pd.NA
        or (isinstance(claimant, float) and claimant != claimant)
    ):
        return "article"
    text = str(claimant).lower()
    arm = any(k in text for k in ("armenia", "karabakh", "artsakh", "yerevan"))
    aze = any(k in text for k in ("azerbaijan", "baku"))
    if arm and not aze:
        return "armenia"
    if aze and not arm:
        return "azerbaijan"
    return "other"


# --- text ------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


def _e(value: Any, default: str = "") -> str:
    text = _text(value)
    return html.escape(text, quote=True) if text is not None else html.escape(default)


def _date(value: Any) -> str | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return _day(value)
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


@functools.lru_cache(maxsize=8192)
def _day(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%Y-%m-%d")


def _casualties(row: Any) -> list[dict[str, Any]]:
    raw = row.get("casualties")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return []
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, (list, tuple)):
        return []
    return [c for c in raw if isinstance(c, dict)]


def _casualty_html(row: Any) -> str:
    """'Killed: at least 1 (Armenia); Wounded: 2' with qualifiers, or '' when none stated."""
    parts = []
    listed = _casualties(row)
    for kind in ("killed", "wounded", "captured"):
        items = [c for c in listed if c.get("kind") == kind]
        shown = []
        for c in items:
            count = c.get("count")
            qualifier = _text(c.get("qualifier")) or ""
            number = "unknown number" if count is None else str(count)
            if count is not None and qualifier and qualifier not in ("exact", "unknown"):
                number = f"{qualifier} {number}"
            side = _text(c.get("side"))
            shown.append(html.escape(number + (f" ({side})" if side else "")))
        total = row.get(kind)
        if not shown and total is not None and total is not pd.NA and not pd.isna(total):
            shown.append(html.escape(str(int(total))))
        if shown:
            parts.append(f"<b>{kind.capitalize()}:</b> {'; '.join(shown)}")
    return "<br>".join(parts)


def _source_html(row: Any) -> str:
    url = _text(row.get("source_url"))
    label = _text(row.get("publisher")) or _text(row.get("source")) or url
    if url and url.lower().startswith(("http://", "https://")):
        return (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{html.escape(label or url)}</a>'
        )
    return _e(label, "unknown source")


def _popup_html(row: Any, others: list[Any]) -> str:
    """The popup of one incident place: escaped HTML (see :func:`_popup_parts`)."""
    return "".join(_popup_parts(row, others))


def _popup_parts(row: Any, others: list[Any]) -> list[str]:
    """The popup as HTML fragments; many repeat across places, so the page stores each once."""
    where = _e(row.get("location"), "unnamed place")
    written = _text(row.get("location_text"))
    if written and written != _text(row.get("location")):
        where += f" <span class='gc-muted'>(written “{html.escape(written)}”)</span>"
    precision = row.get("geo_precision")
    prec = None if precision is None or pd.isna(precision) else int(precision)
    head = ["<div class='gc-popup'>", f"<div class='gc-title'>{where}</div>"]
    if prec is not None:
        head.append(
            f"<div class='gc-muted'>precision {prec}: {PRECISION_WORDS.get(prec, '')}</div>"
        )
    lines: list[Any] = []
    date = _date(row.get("event_date"))
    tprec = _text(row.get("time_precision"))
    date_text = html.escape(date or "date unknown")
    if tprec and tprec != "day" and date:
        date_text += f" ({html.escape(tprec)})"
    lines.append(f"<b>Date:</b> {date_text}")
    event = _e(row.get("event_type"), "event")
    sub = _text(row.get("sub_event_type"))
    lines.append(f"<b>Event:</b> {event}" + (f" — {html.escape(sub)}" if sub else ""))
    actor1, actor2 = _text(row.get("actor1")), _text(row.get("actor2"))
    if actor1 or actor2:
        lines.append(f"<b>Actors:</b> {_e(actor1, '?')} → {_e(actor2, '?')}")
    lines.append(f"<b>Claimant:</b> {_e(row.get('claimant'), 'the article itself')}")
    casualties = _casualty_html(row)
    if casualties:
        lines.append(casualties)
    weapons = _text(row.get("weapons"))
    if weapons:
        lines.append(f"<b>Weapons:</b> {html.escape(weapons)}")
    evidence = _text(row.get("evidence"))
    if evidence:
        lines.append(f"<blockquote class='gc-evidence'>{html.escape(evidence)}</blockquote>")
    lines.append(f"<b>Source:</b> {_source_html(row)}")
    for other in others:
        # Split into the same fragments as a popup's own lines, so the other report's
        # evidence is stored once in the page for both popups.
        block = [
            f"<div class='gc-other'><b>The other side's version</b> "
            f"({_e(other.get('claimant'), 'the article itself')}):"
        ]
        said = _text(other.get("evidence")) or _text(other.get("notes"))
        if said:
            block.append(f"<blockquote class='gc-evidence'>{html.escape(said)}</blockquote>")
        cas = _casualty_html(other)
        if cas:
            block.append(cas)
        block.append(f"<b>Source:</b> {_source_html(other)}")
        lines.append([*_joined(block), "</div>"])
    parts = head
    for line in _joined(lines):
        parts.extend(line if isinstance(line, list) else [line])
    parts.append("</div>")
    return parts


def _joined(items: list[Any]) -> list[Any]:
    """``items`` with a separate "<br>" between them (one shared fragment in the page)."""
    out: list[Any] = []
    for i, item in enumerate(items):
        if i:
            out.append("<br>")
        out.append(item)
    return out


def _tooltip_html(row: Any) -> str:
    when = _date(row.get("event_date")) or "date unknown"
    return f"{_e(row.get('location'), 'unnamed place')} · {html.escape(when)}"


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def _safe_json(data: Any) -> str:
    """JSON safe to paste inside a <script> element and to pass through a Jinja template.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes (no ``</script>``, no comment tricks), and so
    does a ``{`` that would open a Jinja tag: folium renders every element's output a second
    time as a template, and ``{{ ... }}`` in an article must stay text. Outside strings JSON
    never has ``{{``, ``{%`` or ``{#``, so the escape only ever lands inside a string.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _JINJA_OPEN.sub(lambda _: "\\u007b", text)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --- layers ----------------------------------------------------------------------------------


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts (column lists zipped: much faster than ``to_dict("records")``)."""
    names = [c for c in frame.columns if c != "geometry"]
    columns = [frame[c].tolist() for c in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


MAX_OTHER_VERSIONS = 3


def _incident_items(
    places: gpd.GeoDataFrame, reports: pd.DataFrame
) -> tuple[list[dict[str, Any]], list[str]]:
    """One drawable item per place, and the table of popup fragments the items point into."""
    import shapely

    by_incident: dict[str, list[Any]] = {}
    if len(reports):
        for rec in _rows(reports):
            iid = _text(rec.get("incident_id"))
            if iid is not None:
                by_incident.setdefault(iid, []).append(rec)
    strings: dict[str, int] = {}
    items = []
    records = _rows(places)
    geoms = places.geometry.tolist()
    for rec, geom in zip(records, geoms, strict=True):
        if geom is None or geom.is_empty:
            continue
        side = side_of(rec.get("claimant"))
        marker_colour, colour, _ = SIDE_STYLES[side]
        claimant = _text(rec.get("claimant"))
        others: dict[str | None, Any] = {}
        for o in by_incident.get(_text(rec.get("incident_id")) or "", []):
            who = _text(o.get("claimant"))
            if who != claimant and side_of(who) != side and who not in others:
                others[who] = o
            if len(others) >= MAX_OTHER_VERSIONS:
                break
        precision = rec.get("geo_precision")
        prec = 1 if precision is None or pd.isna(precision) else int(precision)
        if geom.geom_type == "Point":
            lon, lat = geom.x, geom.y
            shape = None
        else:
            lat = rec.get("latitude")
            lon = rec.get("longitude")
            if lat is None or pd.isna(lat) or lon is None or pd.isna(lon):
                point = geom.representative_point()
                lon, lat = point.x, point.y
            shape = json.loads(shapely.to_geojson(shapely.set_precision(geom, 1e-5)))
        parts = _popup_parts(rec, list(others.values()))
        item: dict[str, Any] = {
            "y": round(float(lat), 6),
            "x": round(float(lon), 6),
            "m": marker_colour,
            "c": colour,
            "i": EVENT_ICONS.get(_text(rec.get("event_type")) or "", OTHER_ICON),
            "p": prec,
            "t": _date(rec.get("event_date")),
            "h": [strings.setdefault(part, len(strings)) for part in parts],
            "tt": _tooltip_html(rec),
            "k": _casualty_weight(rec),
        }
        if shape is not None:
            item["g"] = shape
        items.append(item)
    return items, list(strings)


def _casualty_weight(rec: Any) -> int:
    killed = rec.get("killed")
    wounded = rec.get("wounded")
    total = 0
    for v in (killed, wounded):
        if v is not None and not pd.isna(v):
            total += int(v)
    return total


def _render_raw(element: Any, kwargs: dict[str, Any]) -> None:
    """Render a MacroElement's header and script macros once, as plain text.

    branca's ``MacroElement.render`` wraps each macro's output in a new ``Element``, which
    compiles that output as a Jinja template: slow for megabytes of data, and it would
    evaluate any ``{{ ... }}`` that came from an article. This puts the text in as it is.
    """
    from branca.element import Element, Figure

    class _Text(Element):
        def __init__(self, text: str) -> None:
            super().__init__()
            self._text = text

        def render(self, **_: Any) -> str:
            return self._text

    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("render the map (its Figure), not a layer on its own")
    module = element._template.module.__dict__
    for part, target in (
        ("header", figure.header),
        ("html", figure.html),
        ("script", figure.script),
    ):
        macro = module.get(part)
        if macro is not None:
            target.add_child(_Text(str(macro(element, kwargs))), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


@functools.cache
def _incident_layer_class() -> type:
    from folium.elements import JSCSSMixin
    from folium.map import Layer
    from jinja2 import Template

    class IncidentLayer(JSCSSMixin, Layer):
        """Markers (clustered or not), area shapes, precision rings and an optional time slider.

        Points become awesome-markers (icon = event type, colour = claimant's side); a point of
        precision 2 or 3 gets a dashed ring; districts, regions and border sections are drawn as
        dashed shapes, not pins. Data is one JSON literal, so 10,000 places stay fast.
        """

        _template = Template(
            """
{% macro header(this, kwargs) %}
<style>
.gc-title{font-weight:bold;font-size:14px}
.gc-muted{color:#666;font-size:11px}
.gc-evidence{margin:4px 0;padding:2px 6px;border-left:3px solid #999;font-style:italic;
  white-space:pre-wrap;max-height:12em;overflow:auto}
.gc-other{margin-top:6px;padding-top:4px;border-top:1px dashed #999}
.gc-slider{background:rgba(255,255,255,.92);padding:6px 10px;border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,.4);font:12px/1.4 sans-serif}
.gc-slider input{width:260px}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
  // Set the view before the clusters load: an animated zoom while they are still loading in
  // chunks would land on a half-built cluster tree.
  map.fitBounds({{ this.bounds_json }}, {animate: false});
  var data = {{ this.data_json }};
  var strings = {{ this.strings_json }};
  var useCluster = {{ "true" if this.cluster else "false" }};
  var group = L.featureGroup();
  var points = useCluster
    ? L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
                            spiderfyOnMaxZoom: true})
    : L.featureGroup();
  var shapes = L.featureGroup(), rings = L.featureGroup();
  group.addLayer(shapes); group.addLayer(rings); group.addLayer(points);
  function popupOf(d) {
    return d.h.map(function (i) { return strings[i]; }).join("");
  }
  // One icon object per kind, and popups/tooltips bound on first use: 10,000 markers stay
  // cheap to create.
  var icons = {};
  function iconOf(d) {
    var key = d.i + "|" + d.m;
    if (!icons[key]) {
      icons[key] = L.AwesomeMarkers.icon(
        {icon: d.i, prefix: "fa", markerColor: d.m, iconColor: "white"});
    }
    return icons[key];
  }
  var items = data.map(function (d) {
    var layer;
    if (d.g) {
      layer = L.geoJSON(d.g, {style: function () {
        return {color: d.c, weight: d.p >= 3 ? 4 : 2.5, dashArray: d.p >= 3 ? "10 6" : "5 4",
                fillColor: d.c, fillOpacity: 0.12, className: "gc-area"};
      }});
      layer.bindPopup(function () { return popupOf(d); }, {maxWidth: 380, maxHeight: 340});
      layer.bindTooltip(d.tt);
    } else {
      layer = L.marker([d.y, d.x], {icon: iconOf(d)});
      layer._gc = d;
    }
    return {d: d, layer: layer, ring: null};
  });
  points.on("mouseover", function (e) {
    var m = e.layer;
    if (m._gc && !m.getTooltip()) { m.bindTooltip(m._gc.tt).openTooltip(); }
  });
  points.on("click", function (e) {
    var m = e.layer;
    if (m._gc && !m.getPopup()) {
      m.bindPopup(function () { return popupOf(m._gc); }, {maxWidth: 380, maxHeight: 340});
      m.openPopup();
    }
  });
  var current = null;
  function ringOf(it) {
    if (!it.ring) {
      it.ring = L.circle([it.d.y, it.d.x], {
        radius: it.d.p >= 3 ? {{ this.halo3 }} : {{ this.halo2 }}, color: it.d.c,
        weight: 1.5, dashArray: "4 4", fill: true, fillOpacity: 0.06, interactive: false,
        className: "gc-ring"});
    }
    return it.ring;
  }
  function shown(it) { return !(current && it.d.t && it.d.t > current); }
  // Rings mark "near the place" (precision 2-3). Around clustered pins they would be
  // clutter, so with clustering they are drawn only when zoomed in, for the visible pins.
  function drawRings() {
    rings.clearLayers();
    if (useCluster && (!map._loaded || map.getZoom() < 10)) { return; }
    var view = useCluster ? map.getBounds().pad(0.2) : null;
    items.forEach(function (it) {
      if (it.d.g || it.d.p < 2 || !shown(it)) { return; }
      if (view && !view.contains([it.d.y, it.d.x])) { return; }
      rings.addLayer(ringOf(it));
    });
  }
  function show(upTo) {
    current = upTo;
    var markers = [];
    points.clearLayers(); shapes.clearLayers();
    items.forEach(function (it) {
      if (!shown(it)) { return; }
      if (it.d.g) { shapes.addLayer(it.layer); } else { markers.push(it.layer); }
    });
    if (useCluster) { points.addLayers(markers); }
    else { markers.forEach(function (m) { points.addLayer(m); }); }
    drawRings();
    return markers.length + shapes.getLayers().length;
  }
  {% if not this.days %}show(null);{% endif %}
  if (useCluster) { map.on("zoomend moveend", drawRings); }
  {% if this.days %}
  var days = {{ this.days_json }};
  var slider = L.control({position: "bottomleft"});
  slider.onAdd = function () {
    var div = L.DomUtil.create("div", "gc-slider");
    var label = L.DomUtil.create("div", "", div);
    var input = L.DomUtil.create("input", "", div);
    input.type = "range"; input.min = 0; input.max = days.length - 1; input.step = 1;
    input.value = days.length - 1;
    input.setAttribute("aria-label", "Show incidents up to this date");
    function update() {
      var day = days[+input.value];
      var n = show(day);
      label.textContent = "Incidents up to " + day + " (" + n + " places)";
    }
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.on(input, "input", update);
    update();
    return div;
  };
  slider.addTo(map);
  {% endif %}
  return group;
})({{ this._parent.get_name() }});
{% endmacro %}
"""
        )

        def __init__(
            self,
            items: list[dict[str, Any]],
            strings: list[str],
            *,
            cluster: bool,
            days: list[str] | None,
            bounds: list[list[float]],
            name: str = "Incidents",
        ) -> None:
            super().__init__(name=name, overlay=True, control=True, show=True)
            self._name = "IncidentLayer"
            self.data_json = _safe_json(items)
            self.strings_json = _safe_json(strings)
            self.bounds_json = _safe_json(bounds)
            self.cluster = cluster
            self.days = days or []
            self.days_json = _safe_json(self.days)
            self.halo2 = HALO_RADIUS_M[2]
            self.halo3 = HALO_RADIUS_M[3]
            self.default_js = list(_CLUSTER_JS) if cluster else []
            self.default_css = list(_CLUSTER_CSS) if cluster else []

        def render(self, **kwargs: Any) -> Any:
            from branca.element import CssLink, JavascriptLink
            from folium.map import ElementAddToElement

            figure: Any = self.get_root()
            parent: Any = self._parent
            for name, url in self.default_js:
                figure.header.add_child(JavascriptLink(url), name=name)
            for name, url in self.default_css:
                figure.header.add_child(CssLink(url), name=name)
            if self.show:
                self.add_child(
                    ElementAddToElement(
                        element_name=self.get_name(),
                        element_parent_name=parent.get_name(),
                    ),
                    name=self.get_name() + "_add",
                )
            _render_raw(self, kwargs)

    return IncidentLayer


def _legend(
    sides: list[str], icons: list[tuple[str, str]], choropleth: tuple[str, list] | None
) -> Any:
    side_rows = "".join(
        f"<div><span class='gc-swatch' style='background:{SIDE_STYLES[s][1]}'></span>"
        f"{html.escape(SIDE_STYLES[s][2])}</div>"
        for s in sides
    )
    icon_rows = "".join(
        f"<div><i class='fa fa-{html.escape(icon)} gc-icon'></i>{html.escape(label)}</div>"
        for label, icon in icons
    )
    scale = ""
    if choropleth:
        title, steps = choropleth
        scale = f"<div class='gc-legend-h'>{html.escape(title)}</div>" + "".join(
            f"<div><span class='gc-swatch' style='background:{colour}'></span>"
            f"{html.escape(label)}</div>"
            for label, colour in steps
        )
    body = (
        "<div class='gc-legend-h'>Claimed by</div>"
        + side_rows
        + "<div class='gc-legend-h'>Event type</div>"
        + icon_rows
        + "<div class='gc-legend-h'>Location precision</div>"
        + "<div><i class='fa fa-location-dot gc-icon'></i>pin: the place itself</div>"
        + "<div><span class='gc-ring-key'></span>dashed ring: near the place</div>"
        + "<div><span class='gc-area-key'></span>dashed outline: district / border</div>"
        + "<div class='gc-legend-h'>Borders</div>"
        + "<div><span class='gc-line-key'></span>international border</div>"
        + "<div><span class='gc-disputed-key'></span>disputed area</div>"
        + scale
    )

    return _legend_class()(body)


@functools.cache
def _legend_class() -> type:
    from branca.element import MacroElement
    from jinja2 import Template

    class Legend(MacroElement):
        """The map's legend: sides, event icons, precision, borders and the choropleth scale."""

        _template = Template(
            """
{% macro header(this, kwargs) %}
<style>
.gc-legend{background:rgba(255,255,255,.92);padding:6px 10px;border-radius:5px;
  box-shadow:0 1px 5px rgba(0,0,0,.4);font:12px/1.5 sans-serif;max-height:60vh;overflow:auto}
.gc-legend-h{font-weight:bold;margin-top:4px}
.gc-swatch{display:inline-block;width:12px;height:12px;margin-right:6px;border-radius:2px;
  vertical-align:middle}
.gc-icon{width:14px;margin-right:6px;text-align:center;color:#333}
.gc-ring-key{display:inline-block;width:12px;height:12px;margin-right:6px;border-radius:50%;
  border:1.5px dashed #555;vertical-align:middle}
.gc-area-key{display:inline-block;width:12px;height:10px;margin-right:6px;
  border:2px dashed #555;vertical-align:middle}
.gc-line-key{display:inline-block;width:16px;height:0;margin-right:4px;
  border-top:2px solid #333;vertical-align:middle}
.gc-disputed-key{display:inline-block;width:12px;height:10px;margin-right:6px;
  border:2px dashed #b2182b;vertical-align:middle;
  background:repeating-linear-gradient(45deg,#b2182b33 0 2px,transparent 2px 5px)}
/* Disputed areas are hatched: CSS fill beats the fill attribute Leaflet sets on the path. */
.leaflet-pane path.gc-disputed{fill:url(#gc-hatch);fill-opacity:1}
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<svg width="0" height="0" style="position:absolute" aria-hidden="true">
  <defs>
    <pattern id="gc-hatch" patternUnits="userSpaceOnUse" width="9" height="9"
             patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="9" stroke="#b2182b" stroke-width="2.5"
            stroke-opacity="0.35"/>
    </pattern>
  </defs>
</svg>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: "bottomright"});
{{ this.get_name() }}.onAdd = function () {
  var div = L.DomUtil.create("div", "gc-legend leaflet-control");
  div.innerHTML = {{ this.body_json }};
  L.DomEvent.disableScrollPropagation(div);
  return div;
};
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
        )

        def __init__(self, body: str) -> None:
            super().__init__()
            self._name = "Legend"
            self.body_json = _safe_json(body)

        def render(self, **kwargs: Any) -> Any:
            _render_raw(self, kwargs)

    return Legend


def _read_boundary(name: str) -> gpd.GeoDataFrame:
    import pyogrio

    from ._data import data_path

    return pyogrio.read_dataframe(data_path("boundaries", f"{name}.geojson"))


def _add_borders(fmap: folium.Map, offline: bool) -> None:
    import folium

    countries = _read_boundary("countries")
    if offline:
        # No tile server: the country polygons are the base map.
        folium.GeoJson(
            countries.to_json(),
            name="Countries (offline base map)",
            style_function=lambda _: {
                "color": "#9a9a9a",
                "weight": 0.8,
                "fillColor": "#f2efe9",
                "fillOpacity": 1,
            },
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
            overlay=False,
            control=True,
        ).add_to(fmap)
    borders = folium.FeatureGroup(name="Borders", show=True)
    folium.GeoJson(
        _read_boundary("boundary_lines").to_json(),
        name="International borders",
        style_function=lambda _: {"color": "#333333", "weight": 2, "opacity": 0.9},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        class_name="gc-border",
    ).add_to(borders)
    disputed = _read_boundary("disputed_areas")
    folium.GeoJson(
        disputed.to_json(),
        name="Disputed areas",
        style_function=lambda _: {
            "color": "#b2182b",
            "weight": 2,
            "dashArray": "6 5",
            "fillColor": "#b2182b",
            "fillOpacity": 0.08,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "note"], labels=False),
        class_name="gc-disputed",
    ).add_to(borders)
    folium.GeoJson(
        _read_boundary("disputed_lines").to_json(),
        name="Disputed lines",
        style_function=lambda _: {
            "color": "#b2182b",
            "weight": 1.5,
            "dashArray": "2 4",
            "opacity": 0.8,
        },
        class_name="gc-disputed-line",
    ).add_to(borders)
    borders.add_to(fmap)


_CHORO_COLOURS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]


def _choropleth(
    fmap: folium.Map, places: gpd.GeoDataFrame, by: str
) -> tuple[str, list[tuple[str, str]]] | None:
    """Shade the first-level divisions that hold incidents; return the legend steps."""
    import folium
    import geopandas as gpd

    admin1 = _read_boundary("admin1")
    if places.empty:
        return None
    points = gpd.GeoDataFrame(
        places.drop(columns="geometry"),
        geometry=gpd.points_from_xy(places["longitude"], places["latitude"]),
        crs=4326,
    )
    missing = points.geometry.is_empty | points.geometry.x.isna()
    if missing.any():
        points.loc[missing, "geometry"] = places.loc[missing, "geometry"].representative_point()
    joined = gpd.sjoin(points, admin1[["place_id", "geometry"]], predicate="within", how="inner")
    if joined.empty:
        return None
    if by == "casualties":
        per_report = joined.drop_duplicates(["place_id", "report_id"])
        values = (
            (
                per_report["killed"].fillna(0).astype(int)
                + per_report["wounded"].fillna(0).astype(int)
            )
            .groupby(per_report["place_id"])
            .sum()
        )
        title = "Killed + wounded per district"
    else:
        values = joined.groupby("place_id")["incident_id"].nunique()
        title = "Incidents per district"
    values = values[values > 0]
    if values.empty:
        return None
    shaded = admin1[admin1["place_id"].isin(values.index)].copy()
    shaded["value"] = shaded["place_id"].map(values).astype(int)
    top = int(values.max())
    bins = sorted({max(1, math.ceil(top * f)) for f in (0.2, 0.4, 0.6, 0.8, 1.0)})

    def colour(v: int) -> str:
        # Few classes take light-to-dark steps from the whole palette, not only its dark end.
        for i, edge in enumerate(bins):
            if v <= edge:
                return (
                    _CHORO_COLOURS[round(i * 4 / max(1, len(bins) - 1))]
                    if len(bins) > 1
                    else _CHORO_COLOURS[2]
                )
        return _CHORO_COLOURS[-1]

    shaded["fill"] = shaded["value"].map(colour)
    shaded["label"] = shaded["name"] + ": " + shaded["value"].astype(str)
    folium.GeoJson(
        shaded[["place_id", "name", "label", "fill", "value", "geometry"]].to_json(),
        name=title,
        style_function=lambda f: {
            "color": "#7f2704",
            "weight": 1,
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.45,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        class_name="gc-choropleth",
        show=True,
    ).add_to(fmap)
    steps = []
    low = 1
    for edge in bins:
        label = str(edge) if low == edge else f"{low}–{edge}"
        steps.append((label, colour(edge)))
        low = edge + 1
    return title, steps


def _bounds(places: gpd.GeoDataFrame) -> list[list[float]]:
    if places.empty or places.geometry.is_empty.all():
        # The Armenia–Azerbaijan border region.
        return [[38.4, 44.7], [41.9, 50.4]]
    minx, miny, maxx, maxy = places.total_bounds
    pad = 0.05
    return [[miny - pad, minx - pad], [maxy + pad, maxx + pad]]


def render_map(
    incidents: Incidents,
    *,
    tiles: str | None = "OpenStreetMap",
    cluster: bool | None = None,
    time_slider: bool | None = None,
    heatmap: bool = True,
    choropleth: bool | str = True,
    borders: bool = True,
    width: str | int = "100%",
    height: str | int = "100%",
) -> folium.Map:
    """Draw incidents over the shipped borders as an interactive Leaflet map.

    Parameters
    ----------
    incidents : Incidents
        The incidents to draw (EPSG:4326 places).
    tiles : str or None, default "OpenStreetMap"
        A folium tile name or URL template (CARTO's tiles now ask for an API key). ``None``
        or ``"none"`` uses no tile server at all: the shipped country polygons become the
        base map, so borders and incidents still show offline.
    cluster : bool, optional
        Cluster the markers; by default only when there are more than 50 places.
    time_slider : bool, optional
        Add a slider that shows incidents up to a chosen day; by default when the event dates
        span more than one day.
    heatmap : bool, default True
        Add a heat-map layer (hidden at first, weighted by killed + wounded).
    choropleth : bool or {"incidents", "casualties"}, default True
        Shade the first-level divisions that hold incidents by the number of incidents
        (``True`` / ``"incidents"``) or by killed + wounded (``"casualties"``).
    borders : bool, default True
        Draw international borders and the disputed areas.
    width, height : str or int
        Map size (CSS length or pixels).

    Returns
    -------
    folium.Map
        Save it with ``.save("map.html")`` (or :func:`save_map` to inline every script for
        a page that needs no network), or show it in a notebook.

    Raises
    ------
    InvalidOptionError
        For a ``choropleth`` value outside the documented choices.
    GazetteerDataError
        When the shipped boundaries are missing.
    """
    import folium
    from folium import plugins

    if choropleth not in (True, False, "incidents", "casualties"):
        raise InvalidOptionError(
            f"Unknown choropleth {choropleth!r}; choose one of: True, False, 'incidents', "
            "'casualties'"
        )
    offline = tiles in TILES_OFFLINE
    places = incidents.to_geodataframe()
    places = places[places.geometry.notna() & ~places.geometry.is_empty]
    bounds = _bounds(places)
    fmap = folium.Map(
        # A view from the start: layers added before fitBounds (clusters) need one.
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=7,
        tiles=None if offline else tiles,
        control_scale=True,
        max_zoom=18,
        width=width,
        height=height,
        prefer_canvas=False,
    )
    # Clustering needs the map's own maxZoom when there is no tile layer to lend one.
    fmap.options["max_zoom"] = 18
    if borders or offline:
        if borders:
            _add_borders(fmap, offline)
        else:
            _add_borders_base_only(fmap)
    choro_legend = None
    if choropleth and len(places):
        choro_legend = _choropleth(
            fmap, places, "casualties" if choropleth == "casualties" else "incidents"
        )
    days: list[str] = []
    dates = pd.to_datetime(places["event_date"], errors="coerce").dropna()
    if len(dates):
        span_days = (dates.max() - dates.min()).days
        use_slider = span_days >= 1 if time_slider is None else bool(time_slider)
        if use_slider:
            days = [d.strftime("%Y-%m-%d") for d in sorted(dates.dt.normalize().unique())]
    use_cluster = len(places) > AUTO_CLUSTER_OVER if cluster is None else bool(cluster)
    items, strings = _incident_items(places, incidents.reports)
    layer_cls = _incident_layer_class()
    layer_cls(items, strings, cluster=use_cluster, days=days or None, bounds=bounds).add_to(fmap)
    if heatmap and items:
        plugins.HeatMap(
            [[it["y"], it["x"], 1 + it["k"]] for it in items],
            name="Heat map",
            show=False,
            radius=18,
            blur=15,
        ).add_to(fmap)
    plugins.Fullscreen(position="topleft").add_to(fmap)
    plugins.MeasureControl(
        position="topleft", primary_length_unit="kilometers", primary_area_unit="sqkilometers"
    ).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    sides = [s for s in SIDE_STYLES if any(SIDE_STYLES[s][1] == it["c"] for it in items)]
    present = sorted({_text(t) or "" for t in places["event_type"]}) if len(places) else []
    icons = [(t or "Other", EVENT_ICONS.get(t, OTHER_ICON)) for t in present]
    _legend(sides or list(SIDE_STYLES), icons, choro_legend).add_to(fmap)
    return fmap


def _add_borders_base_only(fmap: folium.Map) -> None:
    import folium

    folium.GeoJson(
        _read_boundary("countries").to_json(),
        name="Countries (offline base map)",
        style_function=lambda _: {
            "color": "#9a9a9a",
            "weight": 0.8,
            "fillColor": "#f2efe9",
            "fillOpacity": 1,
        },
        overlay=False,
    ).add_to(fmap)


# --- saving, optionally with every script and stylesheet inlined ------------------------------

# Where each CDN address folium and geoclash write is found in an npm ``node_modules`` folder
# (``npm install`` of tests/browser/package.json: leaflet 1.9.3, jquery 3.7.1, bootstrap 5.2.2,
# @fortawesome/fontawesome-free 6.2.0, drmonty-leaflet-awesome-markers 2.0.2,
# leaflet.markercluster 1.5.3, leaflet.fullscreen 3.0.0, leaflet-measure 2.1.7, leaflet.heat).
_JSDELIVR = "https://cdn.jsdelivr.net"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"
_FOLIUM_GH = f"{_JSDELIVR}/gh/python-visualization/folium"
_AWESOME = f"{_CDNJS}/Leaflet.awesome-markers/2.0.2"

CDN_FILES: dict[str, str] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    f"{_JSDELIVR}/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": (
        "leaflet.fullscreen/Control.FullScreen.js"
    ),
    f"{_JSDELIVR}/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css": (
        "leaflet-measure/dist/leaflet-measure.css"
    ),
    f"{_FOLIUM_GH}@main/folium/templates/leaflet_heat.min.js": "leaflet.heat/dist/leaflet-heat.js",
    f"{_AWESOME}/leaflet.awesome-markers.js": (
        "drmonty-leaflet-awesome-markers/js/leaflet.awesome-markers.js"
    ),
    f"{_AWESOME}/leaflet.awesome-markers.css": (
        "drmonty-leaflet-awesome-markers/css/leaflet.awesome-markers.css"
    ),
}
CDN_PREFIXES: list[tuple[str, str]] = [
    (f"{_JSDELIVR}/npm/leaflet@1.9.3/", "leaflet"),
    (f"{_JSDELIVR}/npm/bootstrap@5.2.2/", "bootstrap"),
    (f"{_JSDELIVR}/npm/@fortawesome/fontawesome-free@6.2.0/", "@fortawesome/fontawesome-free"),
    (f"{_AWESOME}/", "drmonty-leaflet-awesome-markers/css"),
    (f"{_CDNJS}/leaflet.markercluster/1.5.3/", "leaflet.markercluster/dist"),
    (f"{_JSDELIVR}/npm/leaflet.fullscreen@3.0.0/", "leaflet.fullscreen"),
    (f"{_JSDELIVR}/gh/ljagis/leaflet-measure@2.1.7/", "leaflet-measure"),
]
# Stylesheets folium always links that geoclash maps never use (glyphicons: our icons are Font
# Awesome; icon rotation: never rotated). An offline page simply leaves them out.
CDN_UNUSED: frozenset[str] = frozenset(
    {
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
        f"{_FOLIUM_GH}/folium/templates/leaflet.awesome.rotate.min.css",
    }
)


def asset_path(url: str, node_modules: str | Path) -> Path | None:
    """The file in ``node_modules`` that stands for the CDN ``url`` (None when unmapped)."""
    from pathlib import Path

    root = Path(node_modules)
    bare = url.split("?", 1)[0].split("#", 1)[0]
    if bare in CDN_FILES:
        return root / CDN_FILES[bare]
    for prefix, folder in CDN_PREFIXES:
        if bare.startswith(prefix):
            return root / folder / bare[len(prefix) :]
    return None


_SCRIPT_TAG = re.compile(r'<script src="(https?://[^"]+)"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="(https?://[^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


def _data_uri(path: Path) -> str:
    import base64
    import mimetypes

    kind = mimetypes.guess_type(path.name)[0] or (
        "font/woff2" if path.suffix == ".woff2" else "application/octet-stream"
    )
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(path: Path) -> str:
    def embed(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#", "http:", "https:")):
            return match.group(0)
        target = (path.parent / ref).resolve()
        return f'url("{_data_uri(target)}")' if target.is_file() else match.group(0)

    return _CSS_URL.sub(embed, path.read_text(encoding="utf-8"))


def _inline_assets(page: str, node_modules: Path) -> str:
    from .errors import ExportError

    missing: list[str] = []

    def local(url: str) -> Path | None:
        path = asset_path(url, node_modules)
        if path is None or not path.is_file():
            missing.append(f"{url} -> {path}" if path else url)
            return None
        return path

    def script(match: re.Match[str]) -> str:
        path = local(match.group(1))
        if path is None:
            return match.group(0)
        code = path.read_text(encoding="utf-8")
        return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.I) + "</script>"

    def sheet(match: re.Match[str]) -> str:
        if match.group(1) in CDN_UNUSED:
            return ""
        path = local(match.group(1))
        if path is None:
            return match.group(0)
        css = _inline_css(path)
        return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.I) + "</style>"

    page = _SCRIPT_TAG.sub(script, page)
    page = _CSS_TAG.sub(sheet, page)
    if missing:
        raise ExportError(
            "no local copy of these map assets in "
            f"{node_modules}: {'; '.join(missing)}; install them with: "
            "npm install --prefix <folder> (see tests/browser/package.json)"
        )
    return page


def save_map(fmap: folium.Map, path: str | Path, *, assets: str | Path | None = None) -> Path:
    """Write a map as one HTML file, optionally with no network needed at all.

    Parameters
    ----------
    fmap : folium.Map
        A map from :func:`render_map`.
    path : str or Path
        The HTML file to write.
    assets : str or Path, optional
        An npm ``node_modules`` folder holding Leaflet and the plugins the map uses (the
        versions in ``tests/browser/package.json``). Every CDN script and stylesheet is then
        copied into the page (fonts and images as data URIs), so with ``tiles=None`` the file
        opens with no internet at all. When None, the page loads them from their CDNs.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    ExportError
        When ``assets`` lacks a file the map needs (the message lists them), or the file
        cannot be written.
    """
    from pathlib import Path

    from .errors import ExportError

    target = Path(path)
    page = fmap.get_root().render()
    if assets is not None:
        root = Path(assets)
        if not root.is_dir():
            raise ExportError(f"map assets folder {root} does not exist")
        page = _inline_assets(page, root)
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"cannot write the map to {target}: {err.strerror or err}") from err
    return target
