"""The geopy contract, kept by the offline geocoder and by the online fallback.

The fallback's online half is geopy's real ``Nominatim`` class talking HTTP to a small
Nominatim-shaped JSON server on 127.0.0.1 (no mocks, no internet).
"""

from __future__ import annotations

import json
import math
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from geoclash.errors import GeoclashError, GeocoderError
from geoclash.geocoder import FallbackGeocoder, GazetteerGeocoder

# Answers of the stand-in server, in Nominatim's /search?format=json shape.
ONLINE_PLACES = {
    "atlantis springs": {
        "place_id": 4242,
        "licence": "test fixture",
        "osm_type": "node",
        "osm_id": 1,
        "lat": "12.5000000",
        "lon": "-45.2500000",
        "display_name": "Atlantis Springs, Test Ocean",
        "class": "place",
        "type": "village",
        "importance": 0.3,
    }
}


class _Server:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlparse(self.path)
                q = parse_qs(url.query).get("q", [""])[0]
                hits[q.casefold()] += 1
                if url.path != "/search" or q.casefold() == "zzfailzz":
                    self.send_response(500)
                    self.end_headers()
                    self.wfile.write(b"internal error")
                    return
                place = ONLINE_PLACES.get(q.casefold())
                body = json.dumps([place] if place else []).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.domain = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def nominatim(self) -> Nominatim:
        return Nominatim(user_agent="geoclash-tests", domain=self.domain, scheme="http")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    yield srv
    srv.close()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


class GeocoderContract:
    """What every geoclash geocoder promises (geopy's contract); subclasses say how to build one."""

    @pytest.fixture
    def geocoder(self, tmp_path: Path, server: _Server) -> Any:
        raise NotImplementedError

    def test_known_name_is_a_location(self, geocoder: Any) -> None:
        loc = geocoder.geocode("Goris")
        assert isinstance(loc, Location)
        assert km(loc.latitude, loc.longitude, 39.511, 46.342) < 5
        assert loc.point.latitude == loc.latitude
        assert "Goris" in loc.address
        assert isinstance(loc.raw, dict) and loc.raw["geonameid"] == 174895
        assert loc.raw["feature"] == "city" and loc.raw["geo_precision"] == 1

    def test_exactly_one_false_is_a_ranked_list(self, geocoder: Any) -> None:
        locs = geocoder.geocode("Vardenis", exactly_one=False)
        assert isinstance(locs, list) and len(locs) >= 2
        assert all(isinstance(loc, Location) for loc in locs)
        assert locs[0].raw["population"] > locs[1].raw["population"]

    @pytest.mark.parametrize("exactly_one", [True, False])
    def test_nothing_found_is_none_never_empty_list(self, geocoder: Any, exactly_one: bool) -> None:
        assert geocoder.geocode("Xyzzyville", exactly_one=exactly_one) is None

    @pytest.mark.parametrize("query", ["", "   ", "!!!"])
    def test_bad_query_is_none(self, geocoder: Any, query: str) -> None:
        assert geocoder.geocode(query) is None

    def test_accepts_a_timeout(self, geocoder: Any) -> None:
        assert geocoder.geocode("Jermuk", timeout=3) is not None

    def test_context_and_countries(self, geocoder: Any) -> None:
        near = geocoder.geocode("Martuni", context=["Stepanakert"])
        assert near.raw["country"] == "AZ"
        sotk = geocoder.geocode("Sok", countries=["AM", "AZ"])
        assert sotk.raw["name"] == "Sotk" and sotk.raw["match"] == "fuzzy"

    def test_works_behind_geopys_rate_limiter(self, geocoder: Any) -> None:
        geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0.01)
        found = [geocode(name) for name in ("Goris", "Jermuk", "Xyzzyville")]
        assert [f.raw["name"] if f else None for f in found] == ["Goris", "Jermuk", None]

    def test_geopandas_geocode_round_trip(self, geocoder: Any) -> None:
        import geopandas.tools
        import pandas as pd

        # geopandas wants the class and instantiates it with the keyword arguments it is given
        kwargs = getattr(geocoder, "rebuild_kwargs", {})
        df = geopandas.tools.geocode(
            ["Goris", "Kelbajar district", "Xyzzyville"], provider=type(geocoder), **kwargs
        )
        assert list(df.columns) == ["geometry", "address"]
        assert df.crs.to_epsg() == 4326
        goris = df.geometry.iloc[0]
        assert km(goris.y, goris.x, 39.511, 46.342) < 5  # lon/lat order in the GeoDataFrame
        assert df.geometry.iloc[1].x == pytest.approx(46.04, abs=0.4)
        assert df.geometry.iloc[2].is_empty and pd.isna(df.address.iloc[2])


class TestGazetteerGeocoder(GeocoderContract):
    @pytest.fixture
    def geocoder(self, tmp_path: Path, server: _Server) -> Any:
        return GazetteerGeocoder()

    def test_constructible_without_arguments_and_offline(self) -> None:
        geocoder = GazetteerGeocoder(timeout=1, user_agent="x")
        loc = geocoder.geocode("Qəlbəcər")
        assert loc.raw["match"] in {"alias", "exact"} and loc.raw["matched"] == "Qəlbəcər"
        assert 0 < loc.raw["confidence"] <= 1

    @pytest.mark.parametrize("query", [(39.5, 46.34), "39.5, 46.34"], ids=["tuple", "string"])
    def test_reverse_finds_the_nearest_town(self, geocoder: Any, query: Any) -> None:
        loc = geocoder.reverse(query)
        assert loc.raw["name"] == "Goris" and loc.raw["distance_km"] < 2
        assert loc.address == "Goris, Syunik Province, Armenia"
        many = geocoder.reverse(query, exactly_one=False)
        distances = [m.raw["distance_km"] for m in many]
        assert distances == sorted(distances) and len(many) > 1

    @pytest.mark.parametrize("query", [(0.0, -150.0), "not a point", (95.0, 10.0)])
    def test_reverse_far_from_any_town_is_none(self, geocoder: Any, query: Any) -> None:
        assert geocoder.reverse(query) is None

    def test_geopandas_reverse_geocode(self) -> None:
        import geopandas.tools
        import pandas as pd
        import shapely

        points = [shapely.Point(46.34, 39.5), shapely.Point(-150.0, 0.0)]
        df = geopandas.tools.reverse_geocode(points, provider=GazetteerGeocoder)
        assert df.address.iloc[0].startswith("Goris")
        assert df.geometry.iloc[0].x == pytest.approx(46.342, abs=0.01)
        assert pd.isna(df.address.iloc[1])

    def test_min_confidence_turns_weak_answers_into_none(self) -> None:
        strict = GazetteerGeocoder(min_confidence=0.6)
        assert strict.geocode("Sok", countries=["AM"]) is None
        assert strict.geocode("Goris") is not None


class TestFallbackGeocoder(GeocoderContract):
    @pytest.fixture
    def geocoder(self, tmp_path: Path, server: _Server) -> Any:
        kwargs = {
            "online": server.nominatim(),
            "cache_path": tmp_path / "online.sqlite",
            "min_delay_seconds": 0.0,
            "error_wait_seconds": 0.0,
            "max_retries": 0,
        }
        geocoder = FallbackGeocoder(**kwargs)
        geocoder.rebuild_kwargs = kwargs  # for geopandas, which builds its own instance
        return geocoder

    def test_online_answer_is_fetched_once_then_cached(
        self, geocoder: FallbackGeocoder, server: _Server, tmp_path: Path
    ) -> None:
        first = geocoder.geocode("Atlantis Springs")
        assert isinstance(first, Location)
        assert (first.latitude, first.longitude) == (12.5, -45.25)
        assert first.raw["match"] == "online"
        assert first.raw["provider_raw"]["place_id"] == 4242
        assert server.hits["atlantis springs"] == 1

        again = geocoder.geocode("atlantis  springs")  # same key after normalising
        assert (again.latitude, again.longitude) == (12.5, -45.25)
        assert server.hits["atlantis springs"] == 1

        # the cache is on disk: a new geocoder with the same file does not ask again
        fresh = FallbackGeocoder(
            online=server.nominatim(), cache_path=tmp_path / "online.sqlite", min_delay_seconds=0
        )
        assert fresh.geocode("Atlantis Springs").address == "Atlantis Springs, Test Ocean"
        assert server.hits["atlantis springs"] == 1
        assert fresh.online_requests == 0

    def test_negative_answers_are_cached_too(
        self, geocoder: FallbackGeocoder, server: _Server
    ) -> None:
        assert geocoder.geocode("Xyzzyville") is None
        assert geocoder.geocode("Xyzzyville", exactly_one=False) is None
        assert server.hits["xyzzyville"] == 1

    def test_gazetteer_names_never_go_online(
        self, geocoder: FallbackGeocoder, server: _Server
    ) -> None:
        assert geocoder.geocode("Kelbajar").raw["place_id"].startswith("gn:")
        assert sum(server.hits.values()) == 0

    def test_online_failure_is_a_geocoder_error(
        self, geocoder: FallbackGeocoder, server: _Server
    ) -> None:
        with pytest.raises(GeocoderError, match="Nominatim failed for 'zzfailzz'") as info:
            geocoder.geocode("zzfailzz")
        assert isinstance(info.value, GeoclashError)
        assert server.hits["zzfailzz"] == 1
        # a failure is not cached as "nothing found": the next call asks again
        with pytest.raises(GeocoderError):
            geocoder.geocode("zzfailzz")
        assert server.hits["zzfailzz"] == 2

    def test_retries_service_errors_through_the_rate_limiter(
        self, server: _Server, tmp_path: Path
    ) -> None:
        geocoder = FallbackGeocoder(
            online=server.nominatim(),
            cache_path=tmp_path / "c.sqlite",
            min_delay_seconds=0.0,
            error_wait_seconds=0.0,
            max_retries=2,
        )
        with pytest.raises(GeocoderError):
            geocoder.geocode("zzfailzz")
        assert server.hits["zzfailzz"] == 3
