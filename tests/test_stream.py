"""Streaming extraction: bad records are reported and skipped, runs resume without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geoclash.articles import read_articles
from geoclash.cli import _emit, main
from geoclash.errors import ExportError
from geoclash.export import to_geojson
from geoclash.extractor import extract
from geoclash.places import resolve_reports
from geoclash.stream import extract_stream, extract_stream_to, staged_keys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
REAL = [ROOT / "seeds", ROOT / "tests" / "data" / "reports"]

BAD_LINE = '{"id": "cut-short", "text": "Armenian positions near Sotk were shelled\n'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 articles with an invalid JSON line as line 21."""
    path = write_corpus(tmp_path_factory.mktemp("stream") / "corpus.jsonl", 40)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(20, BAD_LINE)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def test_bad_line_in_the_middle_is_reported_with_its_number_and_the_rest_is_read(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.geojson"
    result = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{corpus}#21: invalid JSON" in result.stderr
    assert "40 articles read, 1 skipped" in result.stderr
    errors = [json.loads(line) for line in Path(f"{out}.errors.jsonl").read_text().splitlines()]
    assert errors == [{"source": f"{corpus}#21", "reason": errors[0]["reason"], "skipped": True}]
    assert errors[0]["reason"].startswith("invalid JSON")
    # Every readable article, those after the bad line included, was extracted.
    staged = {key.split("\t")[0] for key in staged_keys(Path(f"{out}.staging.jsonl"))}
    after = json.loads(corpus.read_text(encoding="utf-8").splitlines()[21])["id"]
    assert len(staged) == 40
    assert after in staged
    assert _features(out)


def test_streamed_records_equal_the_in_memory_path(corpus: Path, tmp_path: Path) -> None:
    expected = extract(read_articles(corpus, on_error="skip"))
    got = extract_stream(corpus, tmp_path / "staging.jsonl", chunk=7)
    assert got.articles == 40
    pd.testing.assert_frame_equal(got.incidents.reports, expected.reports)
    pd.testing.assert_frame_equal(got.incidents.to_geodataframe(), expected.to_geodataframe())


def test_resume_adds_nothing_twice(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.geojson"
    runner = CliRunner()
    runner.invoke(main, ["extract", str(corpus), "-o", str(out)])
    first = out.read_bytes()
    staging = Path(f"{out}.staging.jsonl")
    n_staged = len(staging.read_text().splitlines())
    again = runner.invoke(main, ["extract", str(corpus), "-o", str(out), "--resume"])
    assert "(40 articles already staged, not redone)" in again.stderr
    assert out.read_bytes() == first
    assert len(staging.read_text().splitlines()) == n_staged == 40
    assert len(staged_keys(staging)) == 40


def test_truncated_staging_resumes_to_the_uninterrupted_output(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.geojson"
    runner = CliRunner()
    runner.invoke(main, ["extract", str(corpus), "-o", str(out)])
    complete = out.read_bytes()
    staging = Path(f"{out}.staging.jsonl")
    data = staging.read_bytes()
    # What a kill mid-write leaves: 15 whole lines and half of the 16th.
    cut = [i for i, b in enumerate(data) if b == 0x0A][14] + 1
    staging.write_bytes(data[: cut + 200])
    out.unlink()
    result = runner.invoke(main, ["extract", str(corpus), "-o", str(out), "--resume"])
    assert "(15 articles already staged, not redone)" in result.stderr
    assert out.read_bytes() == complete
    assert len(staging.read_text().splitlines()) == 40


def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "big.jsonl", 400)
    reference = tmp_path / "reference.geojson"
    CliRunner().invoke(main, ["extract", str(corpus), "-o", str(reference)])
    out = tmp_path / "out.geojson"
    staging = Path(f"{out}.staging.jsonl")
    cmd = [sys.executable, "-m", "geoclash", "extract", str(corpus), "-o", str(out)]
    proc = subprocess.Popen([*cmd, "--chunk-size", "5"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if staging.exists() and staging.read_bytes().count(b"\n") >= 30:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    staged = staging.read_bytes().count(b"\n")
    assert 30 <= staged < 400
    assert not out.exists()
    done = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "already staged, not redone" in done.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert len(staged_keys(staging)) == staging.read_bytes().count(b"\n") == 400


def _in_memory_file(inputs: object, tmp_path: Path, fmt: str) -> Path:
    """What the in-memory path writes: every record held, then one export."""
    incidents = extract_stream(inputs, tmp_path / "memory.staging.jsonl").incidents
    out = tmp_path / f"memory.{fmt}"
    _emit(incidents, fmt, str(out))
    return out


@pytest.mark.parametrize("fmt", ["geojson", "csv", "jsonl"])
def test_streamed_file_is_byte_identical_to_the_in_memory_export(fmt: str, tmp_path: Path) -> None:
    expected = _in_memory_file(REAL, tmp_path, fmt)
    out = tmp_path / f"streamed.{fmt}"
    summary = extract_stream_to(REAL, tmp_path / "s.staging.jsonl", out, format=fmt, chunk=3)
    assert out.read_bytes() == expected.read_bytes()
    assert not Path(f"{out}.part").exists()
    if fmt == "csv":
        assert out.with_suffix(".csvt").read_text() == expected.with_suffix(".csvt").read_text()
    memory = extract_stream(REAL, tmp_path / "m2.staging.jsonl").incidents
    places = memory.to_geodataframe()
    counts = (len(memory.reports), len(memory), len(places), len(memory.unresolved))
    assert (summary.reports, summary.incidents, summary.places, summary.unresolved) == counts
    # every seed and test report, each an article
    files = [p for root in REAL for p in root.iterdir() if p.suffix in (".txt", ".html")]
    assert summary.articles == len(files) and summary.places > 20
    # Some incident is told by articles that fall in different chunks of 3, so the ids are
    # the corpus-wide ones, not each chunk's own.
    staged = [k.split("\t")[0] for k in staged_keys(tmp_path / "s.staging.jsonl")]
    article_ids = [
        json.loads(line)["key"].split("\t")[0]
        for line in (tmp_path / "s.staging.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    chunk_of = {a: i // 3 for i, a in enumerate(article_ids)}
    assert len(staged) == len(article_ids)
    chunks_per_incident = places.groupby("incident_id")["article_id"].agg(
        lambda s: len({chunk_of[a] for a in s})
    )
    assert chunks_per_incident.max() > 1


def test_link_ids_of_the_streamed_run_are_the_in_memory_ones(tmp_path: Path) -> None:
    memory = extract(read_articles(REAL, on_error="skip"))
    out = tmp_path / "out.jsonl"
    extract_stream_to(REAL, tmp_path / "staging.jsonl", out, chunk=2)
    got = {
        (r["report_id"], r["location_text"], r["incident_id"])
        for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
    }
    places = memory.to_geodataframe()
    columns = (places["report_id"], places["location_text"], places["incident_id"])
    assert got == set(zip(*columns, strict=True))
    assert len({i for _, _, i in got}) > 5


def test_final_pass_resolves_at_most_chunk_articles_at_a_time(corpus: Path, tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def counting(reports, gazetteer):  # type: ignore[no-untyped-def]
        seen.append([r.report_id for r in reports])
        return resolve_reports(reports, gazetteer)

    out = tmp_path / "out.geojson"
    summary = extract_stream_to(corpus, tmp_path / "staging.jsonl", out, chunk=2, resolver=counting)
    assert summary.articles == 40
    articles_per_call = [len({rid.split("#")[0] for rid in call}) for call in seen]
    assert len(seen) == 20
    assert max(articles_per_call) == 2
    every = [rid for call in seen for rid in call]
    assert len(every) == len(set(every)) == summary.reports > 40
    assert out.read_bytes() == _in_memory_file(corpus, tmp_path, "geojson").read_bytes()


def test_interrupted_final_pass_leaves_no_half_file_and_resumes_exactly(
    corpus: Path, tmp_path: Path
) -> None:
    calls = 0

    def interrupted(reports, gazetteer):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt  # Ctrl-C while the output is half written
        return resolve_reports(reports, gazetteer)

    out = tmp_path / "out.csv"
    staging = tmp_path / "out.csv.staging.jsonl"
    with pytest.raises(KeyboardInterrupt):
        extract_stream_to(corpus, staging, out, chunk=5, resolver=interrupted)
    assert not out.exists()
    assert not Path(f"{out}.part").exists()
    summary = extract_stream_to(corpus, staging, out, chunk=5, resume=True)
    assert summary.resumed == 40
    assert out.read_bytes() == _in_memory_file(corpus, tmp_path, "csv").read_bytes()


def test_other_formats_are_written_from_the_whole_result(tmp_path: Path) -> None:
    import geopandas as gpd

    out = tmp_path / "streamed.parquet"
    summary = extract_stream_to(REAL, tmp_path / "a.staging.jsonl", out)
    memory = extract_stream(REAL, tmp_path / "b.staging.jsonl").incidents
    expected = memory.to_file(tmp_path / "memory.parquet")
    pd.testing.assert_frame_equal(gpd.read_parquet(out), gpd.read_parquet(expected))
    assert summary.places == len(memory.to_geodataframe()) > 20


def test_unknown_format_is_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Unknown output format 'gjson'; choose one of: "):
        extract_stream_to(REAL, tmp_path / "s.jsonl", tmp_path / "o.json", format="gjson")
    assert not (tmp_path / "s.jsonl").exists()


@pytest.mark.parametrize("fmt", ["geojson", "csv", "jsonl"])
def test_cli_stdout_is_the_in_memory_text(fmt: str, tmp_path: Path) -> None:
    article = str(REAL[1] / "103_sotk_2022_wire.txt")
    result = CliRunner().invoke(main, ["extract", article, "--format", fmt])
    assert result.exit_code == 0, result.output
    incidents = extract(read_articles(article))
    if fmt == "geojson":
        assert result.stdout == to_geojson(incidents) + "\n"
    else:
        expected = tmp_path / f"memory.{fmt}"
        _emit(incidents, fmt, str(expected))
        # The bytes of the file, CRLF row ends of the CSV included.
        assert result.stdout_bytes == expected.read_bytes()
    assert incidents.to_geodataframe().shape[0] > 0
    assert "1 articles read, 0 skipped" in result.stderr


_RSS_SCRIPT = """
import json, resource, sys
from geoclash.cli import main
main(["extract", sys.argv[1], "-o", sys.argv[2]], standalone_mode=False)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, len(json.load(open(sys.argv[2], encoding="utf-8"))["features"]))
"""


@pytest.mark.slow
def test_streaming_memory_is_flat_in_corpus_size(tmp_path: Path) -> None:
    peaks, places = {}, {}
    for n in (300, 1500):
        corpus = write_corpus(tmp_path / f"c{n}.jsonl", n)
        done = subprocess.run(
            [sys.executable, "-c", _RSS_SCRIPT, str(corpus), str(tmp_path / f"o{n}.geojson")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        peaks[n], places[n] = map(int, done.stdout.split()[-2:])
    # What a user runs (`geoclash extract CORPUS -o FILE`): five times the articles and the
    # places written, not more memory (the benchmark measures 1k vs 10k against 1.2x).
    assert places[1500] > 4.5 * places[300] > 0, places
    assert peaks[1500] < 1.2 * peaks[300], peaks
