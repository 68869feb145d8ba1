"""The ``geoclash`` command line.

stdout carries only data (JSON lines, GeoJSON, CSV) so that output can be piped; messages,
progress bars and the summary go to stderr. User errors are one line and a non-zero exit.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GeoclashError

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("geoclash")


def user_errors(func: F) -> F:
    """Turn geoclash's own errors (and OS errors) into one-line CLI errors, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            # The reader of stdout went away (`| head`): stop quietly, like other Unix tools.
            sys.stderr.close()
            sys.exit(0)
        except (GeoclashError, OSError) as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geoclash")
@click.option("-v", "--verbose", count=True, help="More messages on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(verbose: int, quiet: bool) -> None:
    """Turn news reports of border clashes into mapped, checkable incident data.

    \b
    Typical use:
      geoclash map seeds/ -o clashes.html          # an interactive border map
      geoclash extract seeds/ --format geojson     # incident places as GeoJSON on stdout
      geoclash resolve Goris Sok Jermuk --json     # place names to coordinates
    """
    levels = (logging.WARNING, logging.INFO, logging.DEBUG)
    level = logging.ERROR if quiet else levels[min(verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("geoclash: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


# --- resolve / gazetteer commands (gazetteer issue) -------------------------------------------


@main.group()
def gazetteer() -> None:
    """Search and check the shipped gazetteer."""


@gazetteer.command("check")
@click.option(
    "--path",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    default=None,
    help="Gazetteer folder to check (default: the shipped one).",
)
@user_errors
def gazetteer_check(path: str | None) -> None:
    """Validate the gazetteer: points inside their country and district, ids unique, aliases valid.

    Prints one problem per line (place_id, kind, message) and exits 1 if there are any.
    """
    from .validate import check_gazetteer, known_exceptions

    problems = check_gazetteer(path)
    for problem in problems:
        click.echo(str(problem))
    exceptions = known_exceptions(path)
    for (place_id, kind), reason in sorted(exceptions.items()):
        click.echo(f"known\t{place_id}\t{kind}\t{reason}", err=True)
    allowed = len(exceptions)
    note = f" ({allowed} documented exceptions in curated/check_exceptions.tsv)" if allowed else ""
    if problems:
        click.echo(f"gazetteer check: {len(problems)} problem(s){note}", err=True)
        sys.exit(1)
    click.echo(f"gazetteer check: OK{note}", err=True)


def _printable(text: str, limit: int = 200) -> str:
    """A command-line argument made safe to print (undecodable bytes escaped, long cut)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"


def _check_countries(countries: tuple[str, ...], known: set[str]) -> list[str]:
    codes = [c.strip().upper() for c in countries]
    bad = [c for c in codes if c not in known]
    if bad:
        shown = ", ".join(repr(_printable(c, 20)) for c in bad)
        raise click.BadParameter(
            f"unknown country code(s) {shown}; use ISO 3166-1 alpha-2 codes such as AM, AZ, GE",
            param_hint="'--country'",
        )
    return codes


@main.command("resolve")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--context",
    "-c",
    "context",
    multiple=True,
    metavar="PLACE",
    help="Another place of the same report; nearby candidates win (repeatable).",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CC",
    help="ISO 3166-1 alpha-2 code of a country the report is about (repeatable).",
)
@click.option(
    "--feature",
    type=click.Choice(
        ["city", "village", "district", "province", "region", "country", "border", "corridor"]
    ),
    default=None,
    help="Only places of this kind.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name on stdout.")
@user_errors
def resolve_cmd(
    names: tuple[str, ...],
    context: tuple[str, ...],
    countries: tuple[str, ...],
    feature: str | None,
    as_json: bool,
) -> None:
    """Resolve place names to coordinates with the offline gazetteer.

    \b
    Examples:
      geoclash resolve Goris Jermuk "Kelbajar district"
      geoclash resolve Sok --context Goris --context Jermuk --json
      geoclash resolve Martuni --country AZ

    Exit status: 0 when every name resolved, 1 when any did not, 2 on usage errors.
    """
    import json

    from .gazetteer import Gazetteer

    gz = Gazetteer.default()
    codes = _check_countries(countries, set(gz.country_names()))
    unresolved = 0
    for name in names:
        res = gz.resolve(
            name, context=list(context), countries=codes, feature=feature, geometry=False
        )
        query = _printable(name, 10_000)
        if res is None:
            unresolved += 1
            reason = gz.why_unresolved(
                name, context=list(context), countries=codes, feature=feature
            )
            reason = _printable(reason or "no match")
            if as_json:
                row: dict[str, Any] = dict.fromkeys(
                    ("name", "latitude", "longitude", "country", "admin1", "feature"), None
                )
                row.update(geonameid=None, geo_precision=None, confidence=None)
                click.echo(
                    json.dumps({"query": query, **row, "alternatives": [], "reason": reason})
                )
            else:
                click.echo(f"{_printable(name, 60)}\t-\tunresolved: {reason}")
            continue
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "query": query,
                        "name": res.name,
                        "latitude": round(res.latitude, 6),
                        "longitude": round(res.longitude, 6),
                        "country": res.country,
                        "admin1": res.admin1,
                        "feature": res.feature,
                        "geonameid": res.geonameid,
                        "geo_precision": res.geo_precision,
                        "confidence": res.confidence,
                        "alternatives": [
                            {
                                "name": a.name,
                                "country": a.country,
                                "latitude": round(a.latitude, 6),
                                "longitude": round(a.longitude, 6),
                                "feature": a.feature,
                            }
                            for a in res.alternatives
                        ],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            where = ", ".join(p for p in (res.admin1, res.country) if p)
            click.echo(
                f"{_printable(name, 60)}\t{res.name} ({where}; {res.feature})\t"
                f"{res.latitude:.5f}, {res.longitude:.5f}\tprecision {res.geo_precision}\t"
                f"confidence {res.confidence:.2f} ({res.match})"
            )
    if unresolved:
        click.echo(f"{unresolved} of {len(names)} name(s) unresolved", err=True)
        sys.exit(1)


@gazetteer.command("search")
@click.argument("text")
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place on stdout.")
@user_errors
def gazetteer_search(text: str, limit: int, as_json: bool) -> None:
    """List places whose names start with TEXT, or resemble it (folded, then fuzzy).

    Exits 1 when nothing matches.
    """
    import json

    from .gazetteer import Gazetteer

    found = Gazetteer.default().search(text, limit=limit)
    for res in found:
        if as_json:
            row = {
                "place_id": res.place_id,
                "name": res.name,
                "matched": res.matched,
                "match": res.match,
                "country": res.country,
                "admin1": res.admin1,
                "feature": res.feature,
                "latitude": round(res.latitude, 6),
                "longitude": round(res.longitude, 6),
                "population": res.population,
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            shown = res.name if res.matched == res.name else f"{res.name} ({res.matched})"
            click.echo(
                f"{res.place_id}\t{shown}\t{res.country or '-'}\t{res.feature}\t"
                f"{res.latitude:.5f}, {res.longitude:.5f}\t{res.match}"
            )
    if not found:
        click.echo(f"no place matches {_printable(text, 60)!r}", err=True)
        sys.exit(1)


# --- extract command (extraction issue) -------------------------------------------------------

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def read_inputs(
    paths: tuple[str, ...], published: Any, manifest: str | None
) -> tuple[list[Any], list[Any]]:
    """Read articles for a command, printing one line per unreadable input on stderr.

    Returns the articles and the problems (so the caller can set the exit status).
    """
    from .articles import read_articles

    problems: list[Any] = []
    articles = read_articles(
        list(paths),
        published=published.date() if published else None,
        manifest=manifest,
        on_error="skip",
        errors=problems,
    )
    for problem in problems:
        click.echo(f"geoclash: {problem.source}: {problem.reason}", err=True)
    return articles, problems


def summary_line(articles: list[Any], problems: list[Any], incidents: Any) -> str:
    """The one-line summary printed on stderr after a batch."""
    skipped = sum(1 for p in problems if getattr(p, "skipped", True))
    places = incidents.to_geodataframe()
    return (
        f"geoclash: {len(articles)} articles read, {skipped} skipped, "
        f"{len(incidents.reports)} reports, {len(incidents)} incidents, {len(places)} places, "
        f"{len(incidents.unresolved)} unresolved names"
    )


def input_options(func: F) -> F:
    """The options every command that reads articles shares."""
    func = click.option(
        "--manifest",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help="CSV with file, published, url, publisher (default: manifest.csv beside the files).",
    )(func)
    func = click.option(
        "--published",
        type=_DATE,
        default=None,
        help="Publication date (YYYY-MM-DD) for articles that carry none.",
    )(func)
    return click.argument("paths", nargs=-1, required=True, type=str)(func)


@main.command()
@input_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["geojson", "csv", "jsonl"]),
    default="geojson",
    show_default=True,
    help="Output format: one record per incident place.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, help="File (default: stdout)."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: one process, streaming; dask: a Dask cluster (see --scheduler, --workers).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Address of a running Dask scheduler (with --engine dask).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of a local Dask cluster when no --scheduler is given (default: CPUs).",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="With --engine dask: write partitioned GeoParquet (places/, reports/) to this folder.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run into the same -o FILE: staged articles are not redone.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Articles between two writes of the staging file, and resolved and written to the "
    "output at a time (local engine).",
)
@user_errors
def extract(
    paths: tuple[str, ...],
    published: Any,
    manifest: str | None,
    fmt: str,
    output: str | None,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    output_dir: str | None,
    resume: bool,
    chunk_size: int,
) -> None:
    """Extract incidents from articles (.txt, .html, .jsonl, .csv, folders, - for stdin).

    The local engine streams its input and stages reports in FILE.staging.jsonl beside the
    output as it goes; after an interruption, --resume carries on where it stopped. Records
    that cannot be read are listed on stderr and in FILE.errors.jsonl.

    \b
    Examples:
      geoclash extract seeds/ --format geojson -o clashes.geojson
      geoclash extract corpus.jsonl --format jsonl | jq .location
      cat article.txt | geoclash extract - --published 2022-09-13
      geoclash extract big.jsonl -o big.geojson --resume
      geoclash extract corpus/*.jsonl --engine dask --scheduler tcp://host:8786 --output-dir out/
    """
    import tempfile
    from pathlib import Path

    from .errors import InvalidOptionError

    day = published.date() if published else None
    if engine == "dask":
        if resume:
            raise InvalidOptionError("--resume works with --engine local only")
        _extract_dask(paths, day, manifest, fmt, output, scheduler, workers, output_dir)
        return
    if scheduler or workers or output_dir:
        raise InvalidOptionError(
            "--scheduler, --workers and --output-dir need --engine dask; "
            "the local engine writes one file with -o"
        )
    if resume and not output:
        raise InvalidOptionError("--resume needs -o FILE: the run to resume is staged beside it")
    from .stream import extract_stream_to

    # Written chunk by chunk as the staged reports are resolved: memory stays flat in corpus
    # size (stdout gets the same text as a file; geojson ends with echo's extra newline).
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(f"{output}.staging.jsonl") if output else Path(tmp) / "staging.jsonl"
        result = extract_stream_to(
            list(paths),
            staging,
            output if output else sys.stdout,
            format=fmt,
            resume=resume,
            published=day,
            manifest=manifest,
            chunk=chunk_size,
            progress=True,
        )
    if not output and fmt == "geojson":
        click.echo("")
    problems = result.problems
    _report_problems(problems, output)
    line = result.summary_line()
    if result.resumed:
        line += f" ({result.resumed} articles already staged, not redone)"
    click.echo(line, err=True)
    if any(getattr(p, "skipped", True) for p in problems):
        sys.exit(1)


def _report_problems(problems: list[Any], output: str | None) -> None:
    """One stderr line per problem; with -o, also FILE.errors.jsonl (source, reason, skipped)."""
    import json

    for problem in problems:
        click.echo(f"geoclash: {problem.source}: {problem.reason}", err=True)
    if output:
        with open(f"{output}.errors.jsonl", "w", encoding="utf-8") as fh:
            for p in problems:
                row = {"source": p.source, "reason": p.reason, "skipped": p.skipped}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _emit(incidents: Any, fmt: str, output: str | None) -> None:
    """Write incident places as ``fmt`` to ``output`` or stdout (all at once)."""
    import tempfile
    from pathlib import Path

    from .export import to_geojson, write
    from .stream import jsonl_lines

    if output:
        write(incidents, output, format=fmt if fmt != "jsonl" else "geojson")
        if fmt == "jsonl":
            _geojson_to_jsonl(Path(output))
    elif fmt == "geojson":
        click.echo(to_geojson(incidents))
    elif fmt == "jsonl":
        click.echo("".join(jsonl_lines(to_geojson(incidents))), nl=False)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = write(incidents, Path(tmp) / "incidents.csv", format="csv")
            click.echo(path.read_text(encoding="utf-8"), nl=False)


def _extract_dask(
    paths: tuple[str, ...],
    day: Any,
    manifest: str | None,
    fmt: str,
    output: str | None,
    scheduler: str | None,
    workers: int | None,
    output_dir: str | None,
) -> None:
    from .scale import extract_dask_incidents

    if "-" in paths:
        from .errors import InvalidOptionError

        raise InvalidOptionError("--engine dask reads files, not stdin ('-')")
    result = extract_dask_incidents(
        list(paths),
        scheduler=scheduler,
        workers=workers,
        published=day,
        manifest=manifest,
        output_dir=output_dir,
        progress=True,
    )
    _report_problems(result.problems, output)
    incidents = result.compute() if (output or not output_dir) else None
    if incidents is not None:
        _emit(incidents, fmt, output)
    click.echo(result.summary(), err=True)
    if output_dir:
        click.echo(f"geoclash: partitioned GeoParquet in {output_dir}/places/", err=True)
    if any(p.skipped for p in result.problems):
        sys.exit(1)


def _geojson_to_jsonl(path: Any) -> None:
    from .stream import jsonl_lines

    path.write_text("".join(jsonl_lines(path.read_text(encoding="utf-8"))), encoding="utf-8")


# --- map / export commands (maps issue) -------------------------------------------------------


@main.command("map")
@input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="HTML file to write (e.g. clashes.html).",
)
@click.option(
    "--tiles",
    default="OpenStreetMap",
    show_default=True,
    help="Tile layer name or URL template; 'none' for no tile server (works offline).",
)
@click.option(
    "--assets",
    type=click.Path(file_okay=False),
    default=None,
    help="npm node_modules folder with Leaflet and plugins: copy them into the page "
    "(with --tiles none the file then needs no network at all).",
)
@click.option("--open", "open_", is_flag=True, help="Open the written map in a web browser.")
@user_errors
def map_command(
    paths: tuple[str, ...],
    published: Any,
    manifest: str | None,
    output: str,
    tiles: str,
    assets: str | None,
    open_: bool,
) -> None:
    """Draw an interactive border map of the incidents in articles.

    \b
    Examples:
      geoclash map seeds/ -o clashes.html
      geoclash map seeds/ -o clashes.html --tiles none     # no internet needed for tiles
      geoclash map seeds/ -o clashes.html --tiles none --assets tests/browser/node_modules
    """
    from pathlib import Path

    from .extractor import extract as run_extract
    from .maps import render_map, save_map

    articles, problems = read_inputs(paths, published, manifest)
    incidents = run_extract(articles, progress=False)
    fmap = render_map(incidents, tiles=None if tiles.lower() == "none" else tiles)
    target = save_map(fmap, Path(output), assets=assets)
    click.echo(summary_line(articles, problems, incidents), err=True)
    click.echo(f"geoclash: map written to {target}", err=True)
    if open_:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())
    if any(getattr(p, "skipped", True) for p in problems):
        sys.exit(1)


@main.command("export")
@input_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["geojson", "gpkg", "parquet", "csv", "kml"]),
    default=None,
    help="Output format (default: from the file suffix).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), required=True, help="File to write."
)
@user_errors
def export_command(
    paths: tuple[str, ...],
    published: Any,
    manifest: str | None,
    fmt: str | None,
    output: str,
) -> None:
    """Write the incidents in articles as GeoJSON, GeoPackage, GeoParquet, CSV or KML.

    \b
    Examples:
      geoclash export seeds/ --format gpkg -o clashes.gpkg      # layers incident_places, reports
      geoclash export seeds/ -o clashes.csv                     # format from the suffix
    """
    from .export import write
    from .extractor import extract as run_extract

    articles, problems = read_inputs(paths, published, manifest)
    incidents = run_extract(articles, progress=False)
    target = write(incidents, output, format=fmt)
    click.echo(summary_line(articles, problems, incidents), err=True)
    click.echo(f"geoclash: {target} written", err=True)
    if any(getattr(p, "skipped", True) for p in problems):
        sys.exit(1)
