"""Attach gazetteer places to the place mentions of incident reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from . import lexicon as lx
from .records import IncidentReport, PlaceMention
from .resolve import Resolution

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = ["ResolvedPlace", "actor_country", "resolve_reports"]


@dataclass(frozen=True)
class ResolvedPlace:
    """A report's place mention and what the gazetteer made of it.

    Attributes
    ----------
    report_id : str
    mention : PlaceMention
    resolution : Resolution or None
        ``None`` when no gazetteer knew the name.
    reason : str or None
        Why it stayed unresolved.
    """

    report_id: str
    mention: PlaceMention
    resolution: Resolution | None
    reason: str | None = None


def actor_country(actor: str | None) -> str | None:
    """ISO2 code of the country where an actor stands ("Military Forces of Armenia" -> "AM";
    the Nagorno-Karabakh Defence Army stood inside Azerbaijan's recognised borders -> "AZ")."""
    code = lx.actor_country(actor)
    return "AZ" if code == lx.KARABAKH else code


def resolve_reports(reports: Sequence[IncidentReport], gazetteer: Gazetteer) -> list[ResolvedPlace]:
    """Resolve every place mention of ``reports``.

    The other places of the same article are the context (so "Sok" next to Goris and Jermuk
    is Sotk), and the countries of the actors restrict the candidates. A mention of a
    country with a ``"border"`` hint ("the territory of Armenia") becomes that country's
    side of its border with the other side, at precision 3.

    Parameters
    ----------
    reports : sequence of IncidentReport
    gazetteer : Gazetteer

    Returns
    -------
    list of ResolvedPlace
        One per mention, in report order.
    """
    by_article: dict[str, list[str]] = {}
    for r in reports:
        names = by_article.setdefault(r.article_id, [])
        names += [p.text for p in r.places if p.feature_hint != "border" and p.text not in names]
    out: list[ResolvedPlace] = []
    for r in reports:
        countries = [c for c in (actor_country(r.actor1), actor_country(r.actor2)) if c]
        context = by_article.get(r.article_id, [])
        own = [_resolve_one(r.report_id, m, context, countries, gazetteer) for m in r.places]
        out += _on_the_border(_without_fallbacks_and_containers(own), r, countries, gazetteer)
    return out


def _on_the_border(
    places: list[ResolvedPlace], report: IncidentReport, countries: list[str], gz: Gazetteer
) -> list[ResolvedPlace]:
    """A report whose every place is unknown to the gazetteer ("near the village of Parukh")
    is placed on the attacked side's border at precision 3, as ACLED codes a village it
    cannot find at the level it can: the name stays as written, and the reason says so."""
    incident = [p for p in places if p.mention.role in _INCIDENT_ROLES]
    if not incident or any(p.resolution is not None for p in incident):
        return places
    side = actor_country(report.actor2) or actor_country(report.actor1)
    border = _border(gz, side, countries)
    if border is None:
        return places
    first = incident[0]
    reason = (
        f"{first.mention.text!r} is not in the gazetteer: placed on "
        f"{lx.country_name(border.country or '')}'s side of the border (precision 3)"
    )
    placed = replace(
        first,
        mention=replace(first.mention, role="incident-area", geo_precision=3),
        resolution=replace(border, query=first.mention.text),
        reason=reason,
    )
    return [placed if p is first else p for p in places]


_AREAS = ("district", "province", "region")
_INCIDENT_ROLES = ("incident", "incident-area")


def _without_fallbacks_and_containers(places: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A report's places, less what a finer resolved place makes redundant.

    The side's border stood in for places that might not resolve ("the Spin Boldak area"):
    when one did, the border goes. An area named right after a place it contains ("Sotk and
    Norabak in Gegharkunik") only says where that place is: it becomes context.
    """
    found = [
        p
        for p in places
        if p.resolution is not None
        and p.mention.feature_hint != "border"
        and p.mention.role in _INCIDENT_ROLES
    ]
    if not found:
        return places
    out = []
    for p in places:
        res = p.resolution
        if p.mention.feature_hint == "border":
            continue
        if (
            res is not None
            and res.feature in _AREAS
            and res.geometry is not None
            and any(_contains(p, q) for q in found if q is not p)
        ):
            p = replace(p, mention=replace(p.mention, role="context"))
        out.append(p)
    return out


def _contains(area: ResolvedPlace, place: ResolvedPlace) -> bool:
    """Whether ``area`` is named just after ``place`` ("X in Y", "X, Y") and holds it."""
    gap = area.mention.start - place.mention.end
    res = place.resolution
    if not 0 <= gap <= 25 or res is None or res.feature in _AREAS:
        return False
    from shapely.geometry import Point

    geometry = area.resolution.geometry if area.resolution is not None else None
    return geometry is not None and bool(geometry.covers(Point(res.longitude, res.latitude)))


def _resolve_one(
    report_id: str,
    mention: PlaceMention,
    context: list[str],
    countries: list[str],
    gz: Gazetteer,
) -> ResolvedPlace:
    if mention.feature_hint == "border":
        side = lx.country_by_word(mention.text)
        res = _border(gz, side, countries)
        if res is not None:
            return ResolvedPlace(report_id, mention, res)
        return ResolvedPlace(
            report_id, mention, None, f"no border of {mention.text!r} in the gazetteer"
        )
    others = [c for c in context if c != mention.text]
    if mention.feature_hint == "landmark":
        # "the Hakari bridge" is not Hakkâri in Turkey: only a place of that exact name in the
        # report's countries will do.
        res = gz.resolve(mention.text, context=others, countries=countries)
        if res is None or res.country not in countries or res.match in ("fuzzy", "online"):
            reason = (
                f"{mention.text!r} names a landmark that no gazetteer entry in {countries} matches"
            )
            return ResolvedPlace(report_id, mention, None, reason)
        return ResolvedPlace(report_id, mention, _replaced(res, geo_precision=2))
    # "the cities of Goris, Sok and Jermuk": reporters call villages towns and cities, so only
    # area words (district, province, region, corridor) narrow the feature.
    feature = mention.feature_hint if mention.feature_hint in _AREA_FEATURES else None
    res = gz.resolve(mention.text, context=others, countries=countries, feature=feature)
    if res is None and feature is not None:
        res = gz.resolve(mention.text, context=others, countries=countries)
    if res is None:
        reason = (
            gz.why_unresolved(mention.text, context=others, countries=countries) or "unknown place"
        )
        return ResolvedPlace(report_id, mention, None, reason)
    if (
        mention.role in _INCIDENT_ROLES
        and len(set(countries)) >= 2
        and res.match != "exact"
        and not set((res.country or "").split("|")) & set(countries)
    ):
        # A clash between two countries happens in one of them: "Bajaur" a few letters from
        # Bayburt (Turkey) or "Baloch" folded to Balloch (Scotland) is a guess with nothing
        # behind it, and a dot far from the border would mislead more than a gap.
        reason = (
            f"{mention.text!r} only resembles {res.name} ({res.country}), outside the "
            f"report's countries ({', '.join(sorted(set(countries)))})"
        )
        return ResolvedPlace(report_id, mention, None, reason)
    if mention.geo_precision > res.geo_precision:
        res = _replaced(res, geo_precision=mention.geo_precision)
    return ResolvedPlace(report_id, mention, res)


_AREA_FEATURES = {"district", "province", "region", "country", "border", "corridor"}


def _replaced(res: Resolution, **changes: Any) -> Resolution:
    """``dataclasses.replace(res, **changes)`` for a :class:`Resolution` (a plain dataclass:
    no ``__post_init__``, no fields outside ``__init__``), made by copying its attributes:
    ``replace`` walks the fields and calls ``__init__``, ten times slower, for most places."""
    if not _PLAIN_RESOLUTION:  # pragma: no cover - should Resolution ever gain either
        return replace(res, **changes)
    new = object.__new__(Resolution)
    new.__dict__.update(res.__dict__)
    new.__dict__.update(changes)
    return new


_PLAIN_RESOLUTION = not hasattr(Resolution, "__post_init__") and not hasattr(
    Resolution, "__slots__"
)


def _border(gz: Gazetteer, side: str | None, countries: list[str]) -> Resolution | None:
    if side is None or side == lx.KARABAKH:
        return None
    others = [c for c in countries if c != side]
    for other in others:
        a, b = sorted((side.lower(), other.lower()))
        try:
            res = gz.get(f"gc:border-{a}-{b}")
        except KeyError:
            continue
        return _replaced(res, query=lx.country_name(side), country=side, geo_precision=3)
    country = gz.resolve(lx.country_name(side), feature="country")
    return _replaced(country, geo_precision=3) if country is not None else None
