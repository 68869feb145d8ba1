"""Running the extraction on a Dask cluster (``dask.distributed``), block by block.

The corpus is cut into blocks: byte ranges of JSON Lines files (cut at line ends), whole CSV
and text/HTML files, or the partitions of a Parquet corpus or a Dask DataFrame. Every block is
read, extracted and resolved on a worker, which loads the gazetteer once per process. Linking
reports into incidents then runs once over a small table of the reports (date, sides,
article), so its work grows with the number of reports, not with articles²; the incident ids
are sent back to the blocks that hold the reports.

The records are the same as those of the single-process path (:func:`geoclash.extract`) on
the same corpus: same report ids (line numbers count from the start of each file, as when the
file is read whole), same incident ids, same columns.
"""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._compat import import_optional
from .errors import InvalidOptionError
from .link import LinkRow as _LinkRow

if TYPE_CHECKING:
    import pandas as pd

    from .articles import ReadProblem
    from .gazetteer import Gazetteer
    from .incidents import Incidents
    from .records import Article

__all__ = [
    "DaskIncidents",
    "corpus_blocks",
    "extract_dask",
    "extract_dask_incidents",
    "gazetteer_loads",
]

#: Bytes of JSON Lines per block: a few thousand real-size articles.
DEFAULT_BLOCKSIZE = 16 * 1024 * 1024
_FILES_PER_BLOCK = 256
_JSONL = (".jsonl", ".ndjson")


# ---------------------------------------------------------------------------------------------
# Blocks of a corpus
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One unit of work: a byte range of a JSON Lines file, some files, or a frame partition.

    Attributes
    ----------
    kind : {"jsonl", "files", "frame"}
    paths : tuple of str
        The file (``jsonl``) or files (``files``) to read.
    start, end : int
        Byte range of a ``jsonl`` block; ``end`` is exclusive.
    first_line : int
        Line number (1-based) of the block's first line in its file; 0 until counted.
    frame : object
        A pandas DataFrame partition or a delayed one (``frame`` blocks).
    """

    kind: str
    paths: tuple[str, ...] = ()
    start: int = 0
    end: int = 0
    first_line: int = 0
    frame: Any = field(default=None, compare=False, repr=False)


def _jsonl_ranges(path: Path, blocksize: int) -> list[tuple[int, int]]:
    """Byte ranges of ``path`` of about ``blocksize`` bytes, each ending after a newline."""
    size = path.stat().st_size
    bounds = [0]
    with open(path, "rb") as fh:
        pos = blocksize
        while pos < size:
            fh.seek(pos)
            fh.readline()
            end = fh.tell()
            if end >= size:
                break
            if end > bounds[-1]:
                bounds.append(end)
            pos = end + blocksize
    bounds.append(size)
    return list(itertools.pairwise(bounds))


def _jsonl_is_plain(path: Path) -> bool:
    """True when the file can be cut into ranges; otherwise it is read whole (and refused)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    return bool(head.strip()) and b"\x00" not in head


def _expand(item: str | os.PathLike[str], problems: list[ReadProblem]) -> list[Path]:
    """Files of a path, folder (as :func:`~geoclash.articles.iter_articles` walks it) or glob."""
    from . import articles as ar

    path = Path(item)
    if not path.exists() and any(c in str(item) for c in "*?["):
        return sorted(Path(p) for p in glob.glob(str(item), recursive=True))
    if not path.is_dir():
        return [path]
    return list(ar._walk(path, ar._Problems(ar.OnError.SKIP, problems)))


def corpus_blocks(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    blocksize: int = DEFAULT_BLOCKSIZE,
    problems: list[ReadProblem] | None = None,
) -> list[Block]:
    """Cut a corpus into blocks of work, in reading order.

    Parameters
    ----------
    inputs : path or list of paths
        ``.jsonl``/``.ndjson`` files (cut into byte ranges), ``.parquet`` files or folders of
        them (one block per partition), other article files (``.csv``, ``.txt``, ``.html``;
        grouped a few hundred to a block), or folders of such files.
    blocksize : int
        Bytes of JSON Lines per block.
    problems : list, optional
        Receives what walking the folders found unreadable (symlink loops, no articles).

    Returns
    -------
    list of Block
        ``jsonl`` blocks still have ``first_line == 0``; :func:`extract_dask_incidents` counts
        the lines on the workers.
    """
    if blocksize <= 0:
        raise InvalidOptionError(f"blocksize must be a positive number of bytes, not {blocksize}")
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        for i in range(0, len(pending), _FILES_PER_BLOCK):
            blocks.append(Block("files", tuple(pending[i : i + _FILES_PER_BLOCK])))
        pending.clear()

    for item in items:
        if Path(item).suffix.lower() == ".parquet" or (
            Path(item).is_dir() and any(Path(item).glob("*.parquet"))
        ):
            flush()
            dd = import_optional("dask.dataframe")
            frame = dd.read_parquet(str(item))
            blocks.extend(Block("frame", frame=part) for part in frame.to_delayed())
            continue
        for path in _expand(item, problems if problems is not None else []):
            if path.suffix.lower() in _JSONL and path.is_file() and _jsonl_is_plain(path):
                flush()
                blocks.extend(
                    Block("jsonl", (str(path),), start, end)
                    for start, end in _jsonl_ranges(path, blocksize)
                )
            else:
                pending.append(str(path))
    flush()
    return blocks


# ---------------------------------------------------------------------------------------------
# Work on a worker
# ---------------------------------------------------------------------------------------------

_GAZETTEER: Gazetteer | None = None
_LOADS = 0


def _worker_gazetteer() -> Gazetteer:
    """The gazetteer of this worker process, loaded on its first block only."""
    global _GAZETTEER, _LOADS
    if _GAZETTEER is None:
        from .gazetteer import Gazetteer

        _GAZETTEER = Gazetteer.default()
        _LOADS += 1
    return _GAZETTEER


def gazetteer_loads() -> tuple[int, int]:
    """``(pid, times the gazetteer was loaded)`` for this process (run it on each worker)."""
    return os.getpid(), _LOADS


def _count_lines(block: Block) -> int:
    with open(block.paths[0], "rb") as fh:
        fh.seek(block.start)
        return fh.read(block.end - block.start).count(b"\n")


def _renumber(label: str, offset: int) -> str:
    """``"<DataFrame>#3"`` of a partition -> its number in the whole frame."""
    for prefix in ("<DataFrame>#", "frame#"):
        rest = label[len(prefix) :]
        if offset and label.startswith(prefix) and rest.isdigit():
            return f"{prefix}{int(rest) + offset}"
    return label


def _block_articles(
    block: Block,
    published: date | None,
    manifest: str | None,
    problems: list[ReadProblem],
) -> Iterator[Article]:
    from . import articles as ar

    if block.kind == "files":
        yield from ar.iter_articles(
            list(block.paths),
            published=published,
            manifest=manifest,
            on_error="skip",
            errors=problems,
        )
        return
    sink = ar._Problems(ar.OnError.SKIP, problems)
    if block.kind == "frame":
        # Parquet and Dask give Arrow strings with pd.NA; records expect None for "missing".
        frame = block.frame.astype(object)
        frame = frame.where(frame.notna(), None)
        # Rows are numbered from the start of the whole frame, as when it is read in one piece.
        offset, before = block.first_line, len(problems)
        for article in ar.iter_articles(
            frame, published=published, on_error="skip", errors=problems
        ):
            yield replace(
                article,
                id=_renumber(article.id, offset),
                source=_renumber(article.source or "", offset) or None,
            )
        problems[before:] = [
            replace(p, source=_renumber(p.source, offset)) for p in problems[before:]
        ]
        return
    path = Path(block.paths[0])
    meta = ar._Manifests(manifest, sink).meta(path)
    with open(path, "rb") as fh:
        fh.seek(block.start)
        data = fh.read(block.end - block.start)
    yield from ar._iter_jsonl_lines(
        data.splitlines(keepends=True),
        label=str(path),
        stem=path.stem,
        meta=meta,
        default=published,
        problems=sink,
        first_lineno=block.first_line,
    )


@dataclass
class _Part:
    """What one block produced; ``link`` is the small table the linking step needs."""

    places: Any
    reports: Any
    unresolved: Any
    problems: list[ReadProblem]
    articles: int
    link: list[_LinkRow]


def _extract_block(block: Block, published: date | None, manifest: str | None) -> _Part:
    from .extractor import extract_reports
    from .incidents import build_incidents
    from .places import resolve_reports
    from .stream import extraction_problem

    gz = _worker_gazetteer()
    problems: list[ReadProblem] = []
    reports = []
    n = 0
    for article in _block_articles(block, published, manifest, problems):
        n += 1
        try:
            reports.extend(extract_reports(article, gz))
        except Exception as err:
            # As in the local engine: record it and go on with the block.
            problems.append(extraction_problem(article, err))
    incidents = build_incidents(reports, resolve_reports(reports, gz))
    link = [_LinkRow.of(r) for r in reports]
    return _Part(
        incidents.to_geodataframe(),
        incidents.reports,
        incidents.unresolved,
        problems,
        n,
        link,
    )


def _with_ids(part: _Part, ids: dict[str, str]) -> _Part:
    places, reports = part.places, part.reports
    if len(places):
        places = places.assign(incident_id=places["report_id"].map(ids).astype("string"))
    if len(reports):
        reports = reports.assign(incident_id=reports["report_id"].map(ids).astype("string"))
    return _Part(places, reports, part.unresolved, part.problems, part.articles, [])


def _write_part(part: _Part, folder: str, number: int) -> int:
    from .export import _typed_frame, _typed_places
    from .incidents import Incidents
    from .schema import REPORT_COLUMNS

    incidents = Incidents(part.places, part.reports, part.unresolved)
    name = f"part.{number:05d}.parquet"
    _typed_places(incidents).to_parquet(
        Path(folder, "places", name), index=False, schema_version="1.0.0"
    )
    _typed_frame(incidents.reports, REPORT_COLUMNS).to_parquet(
        Path(folder, "reports", name), index=False
    )
    return len(part.places)


# With an output folder, a block's frames go to disk as soon as they are made, so a worker
# holds one block at a time however large the corpus: the futures keep only the link table.
_FRAMES = ".frames"


def _frames_path(folder: str, number: int) -> Path:
    return Path(folder, _FRAMES, f"part.{number:05d}.pickle")


def _stage_part(part: _Part, folder: str, number: int) -> _Part:
    """Pickle a block's frames into the output folder and keep only its small fields."""
    import pickle

    path = _frames_path(folder, number)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump((part.places, part.reports), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return _Part(None, None, part.unresolved, part.problems, part.articles, part.link)


def _load_frames(folder: str, number: int) -> tuple[Any, Any]:
    import pickle

    with open(_frames_path(folder, number), "rb") as fh:
        return pickle.load(fh)  # written by _stage_part


def _extract_staged(task: Any, args: tuple[Any, ...], folder: str, number: int) -> _Part:
    """Run one block's extraction ``task`` and stage its frames (see :func:`_stage_part`)."""
    return _stage_part(task(*args), folder, number)


def _finish_part(light: _Part, ids: dict[str, str], folder: str, number: int) -> int:
    """Give a staged block its incident ids, write its GeoParquet, stage the final frames."""
    import pickle

    places, reports = _load_frames(folder, number)
    part = _with_ids(
        _Part(places, reports, light.unresolved, light.problems, light.articles, []), ids
    )
    written = _write_part(part, folder, number)
    with open(_frames_path(folder, number), "wb") as fh:
        pickle.dump((part.places, part.reports), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return written


def _staged_places(folder: str, number: int) -> Any:
    return _load_frames(folder, number)[0]


def _staged_reports(folder: str, number: int) -> Any:
    return _load_frames(folder, number)[1]


def _places_of(part: _Part) -> Any:
    return part.places


def _reports_of(part: _Part) -> Any:
    return part.reports


def _link_of(part: _Part) -> list[_LinkRow]:
    return part.link


def _summary_of(part: _Part) -> tuple[int, list[ReadProblem], Any]:
    return part.articles, part.problems, part.unresolved


# ---------------------------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------------------------


@dataclass
class DaskIncidents:
    """Incidents computed on a cluster.

    Attributes
    ----------
    places : dask_geopandas.GeoDataFrame
        One row per incident place (:data:`geoclash.schema.PLACE_COLUMNS`), EPSG:4326.
    reports : dask.dataframe.DataFrame
        One row per report (:data:`geoclash.schema.REPORT_COLUMNS`).
    unresolved : pandas.DataFrame
        Place names no gazetteer knew.
    problems : list of ReadProblem
        Inputs and records that could not be read.
    articles : int
        Articles read.
    """

    places: Any
    reports: Any
    unresolved: pd.DataFrame
    problems: list[ReadProblem]
    articles: int

    def compute(self) -> Incidents:
        """Gather everything into one :class:`~geoclash.incidents.Incidents` (fits in memory)."""
        from .incidents import Incidents

        return Incidents(self.places.compute(), self.reports.compute(), self.unresolved)

    def summary(self) -> str:
        """The one-line summary (articles, skipped, reports, incidents, places, unresolved)."""
        reports = self.reports.compute()
        skipped = sum(1 for p in self.problems if p.skipped)
        return (
            f"geoclash: {self.articles} articles read, {skipped} skipped, "
            f"{len(reports)} reports, {reports['incident_id'].nunique()} incidents, "
            f"{len(self.places)} places, {len(self.unresolved)} unresolved names"
        )


def _client(client: Any, scheduler: str | None, workers: int | None) -> tuple[Any, bool]:
    """The client to use and whether we started it (and must close it)."""
    if client is not None:
        return client, False
    distributed = import_optional("distributed")
    if scheduler:
        return distributed.Client(scheduler), True
    if workers is not None and workers < 1:
        raise InvalidOptionError(f"workers must be at least 1, not {workers}")
    cluster = distributed.LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    return distributed.Client(cluster), True


def _progress(futures: list[Any], show: bool) -> None:
    distributed = import_optional("distributed")
    if not show:
        distributed.wait(futures)
        return
    from tqdm import tqdm

    with tqdm(total=len(futures), desc="blocks", unit="block", disable=None) as bar:
        for _ in distributed.as_completed(futures):
            bar.update(1)


def _meta() -> tuple[Any, Any]:
    from .incidents import Incidents

    empty = Incidents.empty()
    return empty.to_geodataframe(), empty.reports


def extract_dask_incidents(
    inputs: Any,
    *,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    published: date | str | None = None,
    manifest: str | os.PathLike[str] | None = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
    output_dir: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> DaskIncidents:
    """Extract, resolve and link incidents on a Dask cluster.

    Parameters
    ----------
    inputs : path, list of paths, or dask.dataframe.DataFrame
        A corpus: JSON Lines, CSV, Parquet, text/HTML files or folders (see
        :func:`corpus_blocks`), or a Dask DataFrame with a ``text`` column and an ``id``
        column (rows without an id are numbered within their partition).
    client : distributed.Client, optional
        Use this client. Otherwise connect to ``scheduler`` or start a ``LocalCluster``.
    scheduler : str, optional
        Address of a running scheduler, e.g. ``"tcp://10.0.0.5:8786"``.
    workers : int, optional
        Worker processes of the local cluster (default: one per CPU).
    published : datetime.date or str, optional
        Publication date for articles that carry none.
    manifest : path, optional
        CSV of file, published, url, publisher (see :func:`geoclash.read_articles`).
    blocksize : int
        Bytes of JSON Lines per block.
    output_dir : path, optional
        Also write partitioned GeoParquet: ``places/part.NNNNN.parquet`` (incident places,
        GeoParquet 1.0) and ``reports/part.NNNNN.parquet``. Each block's frames are then
        staged in ``.frames/`` as soon as they are made, so a worker holds one block at a time
        whatever the corpus size, and the returned collections read them back lazily.
    progress : bool
        Show a progress bar (blocks done) on stderr.

    Returns
    -------
    DaskIncidents

    Raises
    ------
    MissingDependencyError
        dask, distributed or dask-geopandas is not installed.
    InvalidOptionError
        ``blocksize`` or ``workers`` is not positive, or ``published`` is not a date.
    """
    from .articles import _default_date

    dask = import_optional("dask")
    dd = import_optional("dask.dataframe")
    import_optional("dask_geopandas")  # registers the GeoDataFrame backend for ``dd``
    from .link import link_reports

    default = _default_date(published)
    manifest_str = str(manifest) if manifest is not None else None
    walk_problems: list[ReadProblem] = []
    if isinstance(inputs, dd.DataFrame):
        blocks = [Block("frame", frame=part) for part in inputs.to_delayed()]
    else:
        blocks = corpus_blocks(inputs, blocksize=blocksize, problems=walk_problems)

    client, owned = _client(client, scheduler, workers)
    try:
        counts = client.gather(
            client.map(_count_lines, [b for b in blocks if b.kind == "jsonl"], pure=False)
        )
        numbered: list[Block] = []
        line: dict[str, int] = {}
        it = iter(counts)
        for b in blocks:
            if b.kind == "jsonl":
                first = line.get(b.paths[0], 1)
                line[b.paths[0]] = first + next(it)
                b = Block("jsonl", b.paths, b.start, b.end, first)
            numbered.append(b)
        # A delayed partition is computed on the workers, never here; its length gives the
        # row numbers of the next one.
        frames = {
            i: client.compute(b.frame) if hasattr(b.frame, "dask") else client.scatter(b.frame)
            for i, b in enumerate(numbered)
            if b.kind == "frame"
        }
        lengths = dict(
            zip(frames, client.gather(client.map(len, list(frames.values()))), strict=True)
        )
        folder = None if output_dir is None else str(output_dir)
        if folder is not None:
            _clear_output(Path(folder))
        parts = []
        rows_before = 0
        for i, b in enumerate(numbered):
            task: Any
            args: tuple[Any, ...]
            if b.kind == "frame":
                task, args = _extract_frame_block, (frames[i], default, rows_before)
                rows_before += lengths[i]
            else:
                task, args = _extract_block, (b, default, manifest_str)
            if folder is None:
                parts.append(client.submit(task, *args, pure=False))
            else:
                parts.append(client.submit(_extract_staged, task, args, folder, i, pure=False))
        _progress(parts, progress)
        frames.clear()  # the partitions are extracted: let the cluster drop them

        links = client.gather(client.map(_link_of, parts))
        rows = [row for table in links for row in table]
        ids = link_reports(rows)
        per_part = [{row.report_id: ids[row.report_id] for row in table} for table in links]
        if folder is None:
            final = [client.submit(_with_ids, p, m) for p, m in zip(parts, per_part, strict=True)]
        else:
            final = parts  # staged on disk; ids are given when each block is finished
        del parts
        summaries = client.gather(client.map(_summary_of, final))
        problems = walk_problems + [p for _, probs, _ in summaries for p in probs]
        n_articles = sum(n for n, _, _ in summaries)
        import pandas as pd

        unresolved_frames = [u for _, _, u in summaries if len(u)]
        unresolved = (
            pd.concat(unresolved_frames, ignore_index=True)
            if unresolved_frames
            else pd.DataFrame(columns=["report_id", "text", "role", "reason"])
        )
        if folder is not None:
            # Blocks one at a time from disk; the result reads the staged frames back lazily.
            client.gather(
                [
                    client.submit(_finish_part, p, m, folder, i, pure=False)
                    for i, (p, m) in enumerate(zip(final, per_part, strict=True))
                ]
            )
            del final
            place_parts = [dask.delayed(_staged_places)(folder, i) for i in range(len(numbered))]
            report_parts = [dask.delayed(_staged_reports)(folder, i) for i in range(len(numbered))]
        else:
            place_parts = client.map(_places_of, final)
            report_parts = client.map(_reports_of, final)
        if owned and folder is None:
            # The cluster goes away with us: keep the (small) results in this process.
            place_parts = [dask.delayed(x) for x in client.gather(place_parts)]
            report_parts = [dask.delayed(x) for x in client.gather(report_parts)]
        places_meta, reports_meta = _meta()
        # Dask would turn the object columns (the ``casualties`` lists) into strings.
        with dask.config.set({"dataframe.convert-string": False}):
            places = dd.from_delayed(place_parts, meta=places_meta, verify_meta=False)
            reports = dd.from_delayed(report_parts, meta=reports_meta, verify_meta=False)
        return DaskIncidents(places, reports, unresolved, problems, n_articles)
    finally:
        if owned:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


def _clear_output(folder: Path) -> None:
    """Empty the output folder's part files of an earlier run (nothing else is touched)."""
    for sub in ("places", "reports", _FRAMES):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for old in (folder / sub).glob("part.*"):
            old.unlink()


def _extract_frame_block(frame: Any, published: date | None, rows_before: int) -> _Part:
    return _extract_block(Block("frame", first_line=rows_before, frame=frame), published, None)


def extract_dask(
    inputs: Any,
    *,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    published: date | str | None = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
    output_dir: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> Any:
    """Extract incident places on a Dask cluster; see :func:`extract_dask_incidents`.

    Returns
    -------
    dask_geopandas.GeoDataFrame
        One row per incident place, the same records as
        ``geoclash.extract(...).to_geodataframe()`` on the same corpus.

    Examples
    --------
    >>> from geoclash.scale import extract_dask
    >>> places = extract_dask(["corpus/*.jsonl"], scheduler="tcp://host:8786")  # doctest: +SKIP
    """
    return extract_dask_incidents(
        inputs,
        client=client,
        scheduler=scheduler,
        workers=workers,
        published=published,
        blocksize=blocksize,
        output_dir=output_dir,
        progress=progress,
    ).places
