"""Single-process extraction that streams its input and can resume after an interruption.

Articles are read one at a time (:func:`geoclash.articles.iter_articles`), their reports are
appended to a JSON Lines *staging* file as they are found (one line per article: its id, a
hash of its text and its reports), and the final pass resolves and links the staged reports.
Memory holds the reports, never the articles' text.

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
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import ReadProblem, iter_articles
from .records import Casualty, Evidence, IncidentReport, PlaceMention

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .incidents import Incidents
    from .records import Article

logger = logging.getLogger(__name__)

__all__ = ["StreamResult", "article_key", "extract_stream", "extraction_problem", "staged_keys"]

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
    from .extractor import extract_reports
    from .gazetteer import Gazetteer
    from .incidents import build_incidents
    from .places import resolve_reports

    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    problems: list[ReadProblem] = errors if errors is not None else []
    path = Path(staging)
    if resume and path.exists():
        _truncate_partial_tail(path)
        done = staged_keys(path)
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
            if key in done:
                if key in staged_before:
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
            done.add(key)
            if read % chunk == 0:
                out.flush()

    reports = [_report_from_json(r) for rec in _read_staging(path) for r in rec["reports"]]
    incidents = build_incidents(reports, resolve_reports(reports, gz))
    return StreamResult(incidents, read, resumed, problems)
