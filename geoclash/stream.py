"""Single-process extraction that streams its input and can resume after an interruption.

Articles are read one at a time (:func:`geoclash.articles.iter_articles`), their reports are
appended to a JSON Lines *staging* file as they are found (one line per article: its id, a
hash of its text and its reports), and the final pass resolves and links the staged reports.
:func:`extract_stream` returns them all in memory; :func:`extract_stream_to` writes them to a
file ``chunk`` articles at a time, holding only a small link table for the whole corpus, so its
memory stays flat however many articles there are.

An interrupted run leaves a staging file whose last line may be cut short. Run again with
``resume=True``: the complete lines are kept, the cut one is dropped, and every article whose
id and text hash are already staged is skipped, so nothing is added twice and the result is
the one an uninterrupted run gives.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from .articles import ReadProblem, iter_articles
from .errors import ExportError
from .records import Casualty, Evidence, IncidentReport, PlaceMention

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .incidents import Incidents
    from .places import ResolvedPlace
    from .records import Article

logger = logging.getLogger(__name__)

__all__ = [
    "STREAM_FORMATS",
    "StreamResult",
    "StreamSummary",
    "article_key",
    "extract_stream",
    "extract_stream_to",
    "extraction_problem",
    "jsonl_lines",
    "staged_keys",
]

#: Articles between two flushes of the staging file.
DEFAULT_CHUNK = 200


def article_key(article_id: str, text: str) -> str:
    """The staging key of an article: its id and a SHA-256 of its text."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{article_id}\t{digest}"


def extraction_problem(article: Article, err: Exception) -> ReadProblem:
    """The problem recorded for an article the extractor failed on (traceback at debug level)."""
    logger.debug("extraction failed on %s", article.source or article.id, exc_info=err)
    return ReadProblem(
        article.source or article.id, f"extraction failed ({type(err).__name__}: {err})"
    )


def _report_to_json(report: IncidentReport) -> dict[str, Any]:
    record = asdict(report)
    for name in ("event_date", "published"):
        value = record[name]
        record[name] = value.isoformat() if value is not None else None
    return record


def _report_from_json(record: dict[str, Any]) -> IncidentReport:
    values = dict(record)
    for name in ("event_date", "published"):
        if values.get(name) is not None:
            values[name] = date.fromisoformat(values[name])
    values["places"] = [PlaceMention(**p) for p in values.get("places", [])]
    values["casualties"] = [Casualty(**c) for c in values.get("casualties", [])]
    values["evidence"] = [Evidence(**e) for e in values.get("evidence", [])]
    return IncidentReport(**values)


def _read_staging(path: Path) -> Iterator[dict[str, Any]]:
    """The complete records of a staging file (a cut or garbled last line is left out)."""
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                return
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and "key" in record:
                yield record


def _truncate_partial_tail(path: Path) -> None:
    """Cut a staging file back to its last complete line (what a killed run left half-written)."""
    with open(path, "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        pos = size
        while pos > 0:
            step = min(65536, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                end = pos - step + nl + 1
                if end != size:
                    fh.truncate(end)
                return
            pos -= step
        fh.truncate(0)


def staged_keys(path: str | os.PathLike[str]) -> set[str]:
    """Keys (:func:`article_key`) of the articles already in a staging file."""
    p = Path(path)
    return {r["key"] for r in _read_staging(p)} if p.exists() else set()


@dataclass
class StreamResult:
    """What a streamed run produced.

    Attributes
    ----------
    incidents : Incidents
        Everything staged, resolved and linked (previous runs' articles included on resume).
    articles : int
        Articles read in this run (resumed ones included).
    resumed : int
        Articles skipped because they were already staged.
    problems : list of ReadProblem
        Inputs and records that could not be read or extracted.
    """

    incidents: Incidents
    articles: int
    resumed: int
    problems: list[ReadProblem] = field(default_factory=list)


@dataclass
class StreamSummary:
    """What a streamed run wrote: the counts of the one-line summary, not the records.

    Attributes
    ----------
    output : Path or None
        The file written (``None`` when the output was an open stream such as stdout).
    articles : int
        Articles read in this run (resumed ones included).
    resumed : int
        Articles skipped because they were already staged.
    reports, incidents, places : int
        Reports, distinct incident ids and incident places written (previous runs' articles
        included on resume).
    unresolved : int
        Incident place names no gazetteer knew (each is logged at INFO level).
    problems : list of ReadProblem
        Inputs and records that could not be read or extracted.
    """

    output: Path | None
    articles: int
    resumed: int
    reports: int
    incidents: int
    places: int
    unresolved: int
    problems: list[ReadProblem] = field(default_factory=list)

    def summary_line(self) -> str:
        """The one-line summary the CLI prints (same shape as for the in-memory path)."""
        skipped = sum(1 for p in self.problems if getattr(p, "skipped", True))
        return (
            f"geoclash: {self.articles} articles read, {skipped} skipped, "
            f"{self.reports} reports, {self.incidents} incidents, {self.places} places, "
            f"{self.unresolved} unresolved names"
        )


def _compact(key: str) -> int:
    """A 128-bit number standing for a staging key in the set of articles seen: 86 bytes per
    article instead of 145, and no two keys of a corpus will share one (odds ~ n**2 / 2**129).
    """
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(digest, "big")


def _stage(
    inputs: Any,
    path: Path,
    *,
    resume: bool,
    published: date | str | None,
    manifest: str | os.PathLike[str] | None,
    chunk: int,
    progress: bool,
    gz: Gazetteer,
    problems: list[ReadProblem],
) -> tuple[int, int]:
    """Extract every article not yet staged and append its reports to ``path``.

    Returns the articles read and how many of them were already staged.
    """
    from .extractor import extract_reports

    if resume and path.exists():
        _truncate_partial_tail(path)
        done = {_compact(r["key"]) for r in _read_staging(path)}
    else:
        path.write_bytes(b"")
        done = set()

    stream = iter_articles(
        inputs, published=published, manifest=manifest, on_error="skip", errors=problems
    )
    if progress:
        from tqdm import tqdm

        stream = tqdm(stream, desc="extracting", unit="article", disable=None)
    read = resumed = 0
    staged_before = frozenset(done)
    with open(path, "a", encoding="utf-8") as out:
        for article in stream:
            read += 1
            key = article_key(article.id, article.text)
            compact = _compact(key)
            if compact in done:
                if compact in staged_before:
                    resumed += 1
                else:
                    problems.append(
                        ReadProblem(
                            article.source or article.id,
                            "same id and text as an earlier article; left out",
                            skipped=False,
                        )
                    )
                continue
            try:
                reports = extract_reports(article, gz)
            except Exception as err:
                # One article the extractor trips on must not stop a batch of millions.
                problems.append(extraction_problem(article, err))
                continue
            record = {"key": key, "reports": [_report_to_json(r) for r in reports]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            done.add(compact)
            if read % chunk == 0:
                out.flush()
    return read, resumed


def extract_stream(
    inputs: Any,
    staging: str | os.PathLike[str],
    *,
    resume: bool = False,
    published: date | str | None = None,
    manifest: str | os.PathLike[str] | None = None,
    chunk: int = DEFAULT_CHUNK,
    progress: bool = False,
    gazetteer: Gazetteer | None = None,
    errors: list[ReadProblem] | None = None,
) -> StreamResult:
    """Extract incidents from a stream of articles, staging reports on disk as it goes.

    The result holds every record in memory; :func:`extract_stream_to` writes a file instead
    and holds a bounded number of reports at once, whatever the corpus size.

    Parameters
    ----------
    inputs : path, DataFrame or list of them
        As for :func:`geoclash.articles.iter_articles`; jsonl and csv are streamed.
    staging : path
        The JSON Lines staging file (created; on ``resume`` kept and extended).
    resume : bool
        Keep what ``staging`` already holds and skip those articles (same id and text).
    published, manifest
        As for :func:`geoclash.articles.iter_articles`.
    chunk : int
        Articles between two flushes of the staging file.
    progress : bool
        A progress bar on stderr (only when stderr is a terminal).
    gazetteer : Gazetteer, optional
        Defaults to :meth:`geoclash.Gazetteer.default`.
    errors : list, optional
        Receives the problems as they happen (also in the result).

    Returns
    -------
    StreamResult
    """
    from .gazetteer import Gazetteer
    from .incidents import build_incidents
    from .places import resolve_reports

    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    problems: list[ReadProblem] = errors if errors is not None else []
    path = Path(staging)
    read, resumed = _stage(
        inputs,
        path,
        resume=resume,
        published=published,
        manifest=manifest,
        chunk=chunk,
        progress=progress,
        gz=gz,
        problems=problems,
    )
    reports = [_report_from_json(r) for rec in _read_staging(path) for r in rec["reports"]]
    incidents = build_incidents(reports, resolve_reports(reports, gz))
    return StreamResult(incidents, read, resumed, problems)


# --- bounded-memory final pass ----------------------------------------------------------------

#: Formats :func:`extract_stream_to` appends chunk by chunk (the others are written at once).
STREAM_FORMATS: tuple[str, ...] = ("geojson", "csv", "jsonl")

_GEOJSON_HEAD = '{"type":"FeatureCollection","features":['
_GEOJSON_TAIL = "]}\n"

Resolver = Callable[[Sequence[IncidentReport], "Gazetteer"], list["ResolvedPlace"]]


def jsonl_lines(geojson: str) -> list[str]:
    """GeoJSON FeatureCollection text as JSON Lines: one object per feature, its properties
    and its ``geometry`` (each line ends with a newline)."""
    return [
        json.dumps({**f["properties"], "geometry": f["geometry"]}, ensure_ascii=False) + "\n"
        for f in json.loads(geojson)["features"]
    ]


def _link_ids(path: Path) -> list[str]:
    """The incident id of every staged report, in staging order.

    The reports go through :class:`~geoclash.link.Linker` one at a time, as the few fields
    linking reads (:class:`~geoclash.link.LinkRow`); none of them is kept.
    """
    from .link import Linker, LinkRow

    linker = Linker()
    days: dict[str, date] = {}
    for rec in _read_staging(path):
        for r in rec["reports"]:
            day = r.get("event_date")
            if day is not None and day not in days:
                days[day] = date.fromisoformat(day)
            linker.add(
                LinkRow(
                    r["report_id"],
                    r["article_id"],
                    days[day] if day is not None else None,
                    r["time_precision"],
                    r["actor1"],
                    r["actor2"],
                )
            )
    return linker.incident_ids()


def _staged_chunks(path: Path, chunk: int) -> Iterator[list[IncidentReport]]:
    """The staged reports, ``chunk`` articles at a time (an article's reports stay together)."""
    batch: list[IncidentReport] = []
    articles = 0
    for rec in _read_staging(path):
        batch.extend(_report_from_json(r) for r in rec["reports"])
        articles += 1
        if articles == chunk:
            yield batch
            batch, articles = [], 0
    if articles:
        yield batch


class _Sink:
    """Appends the incident places of one chunk after another to one text stream, in the
    bytes :mod:`geoclash.export` writes for all of them at once."""

    def __init__(self, out: TextIO, fmt: str, scratch: Path) -> None:
        self.out, self.fmt, self.scratch = out, fmt, scratch
        self.started = False
        if fmt == "geojson":
            out.write(_GEOJSON_HEAD)

    def add(self, incidents: Incidents) -> None:
        from .export import to_geojson, write

        if self.fmt == "geojson":
            text = to_geojson(incidents)
            if not (text.startswith(_GEOJSON_HEAD) and text.endswith(_GEOJSON_TAIL)):
                raise RuntimeError("geoclash.export.to_geojson changed its framing")
            body = text[len(_GEOJSON_HEAD) : -len(_GEOJSON_TAIL)]
            if body:
                self.out.write("," + body if self.started else body)
                self.started = True
        elif self.fmt == "jsonl":
            self.out.writelines(jsonl_lines(to_geojson(incidents)))
        else:
            # Bytes, not read_text(): the rows' CRLF must come through untranslated.
            data = write(incidents, self.scratch / "chunk.csv", format="csv").read_bytes()
            text = data.decode("utf-8")
            # The header once; the column names hold no line break, so it is the first line.
            self.out.write(text[text.index("\r\n") + 2 :] if self.started else text)
            self.started = True

    def close(self) -> None:
        if self.fmt == "geojson":
            self.out.write(_GEOJSON_TAIL)


def _with_incident_ids(incidents: Incidents, ids: dict[str, str]) -> Incidents:
    """``incidents`` with the corpus-wide incident ids instead of the chunk's own."""
    from .incidents import Incidents

    places, reports = incidents.to_geodataframe(), incidents.reports
    places["incident_id"] = places["report_id"].map(ids).astype("string")
    reports["incident_id"] = reports["report_id"].map(ids).astype("string")
    return Incidents(places, reports, incidents.unresolved)


def extract_stream_to(
    inputs: Any,
    staging: str | os.PathLike[str],
    output: str | os.PathLike[str] | TextIO,
    *,
    format: str | None = None,
    resume: bool = False,
    published: date | str | None = None,
    manifest: str | os.PathLike[str] | None = None,
    chunk: int = DEFAULT_CHUNK,
    progress: bool = False,
    gazetteer: Gazetteer | None = None,
    errors: list[ReadProblem] | None = None,
    resolver: Resolver | None = None,
) -> StreamSummary:
    """Extract incidents from a stream of articles and write them, in bounded memory.

    Articles are staged as in :func:`extract_stream`. The final pass then reads the staging
    file twice: once for the few fields linking needs (the incident ids of the whole corpus),
    once ``chunk`` articles at a time to resolve those reports and append their incident
    places to ``output``. Memory holds one chunk's reports, and for the whole corpus only what
    :class:`~geoclash.link.Linker` keeps (about 250 bytes per article) and 86 bytes per
    article for telling articles already seen, so it stays flat as the corpus grows (10,000
    articles peak at the RSS of 1,000). The file written is byte for byte what
    :func:`geoclash.export.write` (and, for ``jsonl``, the CLI) writes for the in-memory
    result of the same corpus.

    Parameters
    ----------
    inputs, staging, resume, published, manifest, progress, gazetteer, errors
        As for :func:`extract_stream`.
    output : path or text stream
        The file to write (replaced at the end, so an interrupted run leaves no half file),
        or an open text stream such as ``sys.stdout``.
    format : str, optional
        ``geojson``, ``csv`` or ``jsonl`` (:data:`STREAM_FORMATS`) are written chunk by chunk;
        ``gpkg``, ``parquet`` and ``kml`` are written at once from the whole result. When
        None, chosen from the suffix of ``output`` (``.jsonl`` is jsonl).
    chunk : int
        Articles between two flushes of the staging file, and articles resolved and written
        at a time in the final pass.
    resolver : callable, optional
        Resolves one chunk's reports, ``resolver(reports, gazetteer)``; defaults to
        :func:`geoclash.places.resolve_reports` (a wrapper can watch the chunks go by).

    Returns
    -------
    StreamSummary

    Raises
    ------
    ExportError
        For an unknown format, or ``output`` that cannot be written.
    """
    import tempfile

    from .export import write
    from .gazetteer import Gazetteer
    from .incidents import build_incidents
    from .places import resolve_reports

    target = None if hasattr(output, "write") else Path(cast("str", output))
    fmt = _output_format(target, format)
    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    if fmt not in STREAM_FORMATS:
        if target is None:
            raise ExportError(f"{fmt} is written to a file, not a stream; pass a path")
        result = extract_stream(
            inputs,
            staging,
            resume=resume,
            published=published,
            manifest=manifest,
            chunk=chunk,
            progress=progress,
            gazetteer=gz,
            errors=errors,
        )
        _log_unresolved(result.incidents)
        write(result.incidents, target, format=fmt)
        inc = result.incidents
        return StreamSummary(
            target,
            result.articles,
            result.resumed,
            len(inc.reports),
            len(inc),
            len(inc.to_geodataframe()),
            len(inc.unresolved),
            result.problems,
        )

    problems: list[ReadProblem] = errors if errors is not None else []
    path = Path(staging)
    read, resumed = _stage(
        inputs,
        path,
        resume=resume,
        published=published,
        manifest=manifest,
        chunk=chunk,
        progress=progress,
        gz=gz,
        problems=problems,
    )
    incident_ids = _link_ids(path)
    resolve = resolver if resolver is not None else resolve_reports
    places = unresolved = 0
    partial = None if target is None else Path(f"{target}.part")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            with _open_output(output, partial) as out:
                sink = _Sink(out, fmt, Path(scratch))
                position = 0
                for reports in _staged_chunks(path, chunk):
                    ids = {r.report_id: incident_ids[position + i] for i, r in enumerate(reports)}
                    position += len(reports)
                    chunk_incidents = _with_incident_ids(
                        build_incidents(reports, resolve(reports, gz)), ids
                    )
                    _log_unresolved(chunk_incidents)
                    places += len(chunk_incidents.to_geodataframe())
                    unresolved += len(chunk_incidents.unresolved)
                    sink.add(chunk_incidents)
                if not sink.started and fmt == "csv":
                    sink.add(_empty_incidents())  # the header of an empty table
                sink.close()
            if target is not None and partial is not None:
                if fmt == "csv":
                    sidecar = Path(scratch, "chunk.csvt")
                    os.replace(sidecar, target.with_suffix(".csvt"))
                os.replace(partial, target)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the CLI stops quietly
    except OSError as err:
        raise ExportError(f"cannot write {target or 'the output'}: {err}") from err
    finally:
        if partial is not None and partial.exists():
            partial.unlink()
    return StreamSummary(
        target,
        read,
        resumed,
        len(incident_ids),
        len(set(incident_ids)),
        places,
        unresolved,
        problems,
    )


def _output_format(target: Path | None, format: str | None) -> str:
    from .export import FORMATS, _choose_format

    if format is not None:
        fmt = format.lower().strip()
        if fmt not in (*FORMATS, "jsonl"):
            choices = ", ".join(dict.fromkeys((*FORMATS, *STREAM_FORMATS)))
            raise ExportError(f"Unknown output format {format!r}; choose one of: {choices}")
        return fmt
    if target is None:
        return "geojson"
    if target.suffix.lower() == ".jsonl":
        return "jsonl"
    return _choose_format(target, None)


@contextmanager
def _open_output(output: Any, partial: Path | None) -> Iterator[TextIO]:
    if partial is None:
        yield output
        return
    # newline="": the CSV rows carry their own CRLF, as export.write leaves them.
    with open(partial, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _empty_incidents() -> Incidents:
    from .incidents import Incidents

    return Incidents.empty()


def _log_unresolved(incidents: Incidents) -> None:
    for row in incidents.unresolved.itertuples():
        logger.info("unresolved place %r in %s: %s", row.text, row.report_id, row.reason)
