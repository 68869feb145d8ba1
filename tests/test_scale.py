"""Dask scale-out: a real two-process LocalCluster gives exactly the single-process records."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from geoclash.articles import read_articles
from geoclash.extractor import extract

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _corpus import write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.dask]

N_ARTICLES = 150


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds and test reports repeated with new ids; some records have no id; one bad line."""
    path = write_corpus(
        tmp_path_factory.mktemp("corpus") / "corpus.jsonl", N_ARTICLES, without_id_every=9
    )
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(len(lines) // 2, '{"id": "broken", "text": "unterminated\n')
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single(corpus: Path):
    problems: list = []
    return extract(read_articles(corpus, on_error="skip", errors=problems)), problems


@pytest.fixture(scope="module")
def on_dask(client, corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    from geoclash.scale import extract_dask_incidents

    out = tmp_path_factory.mktemp("out")
    # Small blocks: many blocks per worker, and blocks that start mid-file.
    result = extract_dask_incidents(corpus, client=client, blocksize=40_000, output_dir=out)
    return result, out


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def test_reports_are_exactly_those_of_the_single_process_path(single, on_dask) -> None:
    incidents, _ = single
    result, _ = on_dask
    assert len(incidents.reports) > N_ARTICLES  # the corpus has incidents to compare
    pd.testing.assert_frame_equal(
        _sorted(result.reports.compute(), ["report_id"]),
        _sorted(incidents.reports, ["report_id"]),
    )


def test_places_are_exactly_those_of_the_single_process_path(single, on_dask) -> None:
    import dask_geopandas

    incidents, _ = single
    result, _ = on_dask
    assert isinstance(result.places, dask_geopandas.GeoDataFrame)
    expected = _sorted(incidents.to_geodataframe(), ["report_id", "location"])
    got = _sorted(result.places.compute(), ["report_id", "location"])
    assert len(expected) > N_ARTICLES
    pd.testing.assert_frame_equal(got, expected)
    assert result.places.npartitions > 2


def test_incidents_link_across_blocks(single, on_dask) -> None:
    result, _ = on_dask
    reports = result.reports.compute()
    # Copies of one seed sit in different blocks yet are the same incident when dated alike.
    sizes = reports.groupby("incident_id")["article_id"].nunique()
    assert sizes.max() > 1
    assert reports["incident_id"].notna().all()


def test_bad_line_is_reported_with_its_line_number(single, on_dask) -> None:
    _, expected = single
    result, _ = on_dask
    assert [str(p) for p in result.problems] == [str(p) for p in expected]
    assert len(result.problems) == 1
    assert result.problems[0].source.endswith(f"corpus.jsonl#{N_ARTICLES // 2 + 1}")
    assert result.articles == N_ARTICLES


def test_each_worker_loads_the_gazetteer_once(client, on_dask) -> None:
    from geoclash import scale

    loads = client.run(scale.gazetteer_loads)
    assert len(loads) == 2
    pids = {pid for pid, _ in loads.values()}
    assert len(pids) == 2
    assert sorted(n for _, n in loads.values()) == [1, 1]


def test_partitioned_geoparquet_reads_back(single, on_dask) -> None:
    import dask_geopandas
    import geopandas as gpd

    incidents, _ = single
    _, out = on_dask
    parts = sorted((out / "places").glob("part.*.parquet"))
    assert len(parts) > 2
    back = dask_geopandas.read_parquet(out / "places").compute()
    assert back.crs == "EPSG:4326"
    assert len(back) == len(incidents.to_geodataframe())
    expected = _sorted(incidents.to_geodataframe(), ["report_id", "location"])
    got = _sorted(back, ["report_id", "location"])
    assert list(got["incident_id"]) == list(expected["incident_id"])
    assert got.geometry.geom_equals_exact(gpd.GeoSeries(expected.geometry), 1e-6).all()
    reports = pd.read_parquet(out / "reports")
    assert sorted(reports["report_id"]) == sorted(incidents.reports["report_id"])


def test_folders_of_articles_give_the_single_process_records(client) -> None:
    from geoclash.scale import extract_dask_incidents

    root = Path(__file__).resolve().parent.parent
    folders = [root / "seeds", root / "tests" / "data" / "reports"]
    expected = extract(read_articles(folders, on_error="skip"))
    got = extract_dask_incidents(folders, client=client).compute()
    assert len(expected.reports) > 10
    pd.testing.assert_frame_equal(got.reports, expected.reports)
    pd.testing.assert_frame_equal(
        _sorted(got.to_geodataframe(), ["report_id", "location"]),
        _sorted(expected.to_geodataframe(), ["report_id", "location"]),
    )


@pytest.mark.parametrize("to_folder", [False, True], ids=["in-memory", "output-folder"])
def test_a_dask_dataframe_gives_the_single_process_records(
    client, corpus: Path, tmp_path: Path, to_folder: bool
) -> None:
    import json

    import dask.dataframe as dd

    from geoclash.scale import extract_dask_incidents

    records = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue  # the bad line
    frame = pd.DataFrame(records).drop(columns=["id"])  # ids from the row numbers
    expected = extract(read_articles(frame))
    out = tmp_path / "out" if to_folder else None
    got = extract_dask_incidents(
        dd.from_pandas(frame, npartitions=3), client=client, output_dir=out
    ).compute()
    assert len(expected.reports) > N_ARTICLES
    pd.testing.assert_frame_equal(
        _sorted(got.reports, ["report_id"]), _sorted(expected.reports, ["report_id"])
    )


def test_with_an_output_folder_the_workers_keep_no_block_results(client, on_dask) -> None:
    # Frames go to disk as each block is done: nothing of the run stays in worker memory.
    import time

    def held(dask_worker) -> int:  # type: ignore[no-untyped-def]
        return len(dask_worker.data)

    deadline = time.monotonic() + 10
    while sum(client.run(held).values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sum(client.run(held).values()) == 0
    result, out = on_dask
    assert len(list((out / ".frames").glob("part.*.pickle"))) == result.places.npartitions
