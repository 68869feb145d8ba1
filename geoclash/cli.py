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
    allowed = len(known_exceptions(path))
    note = f" ({allowed} documented exceptions in curated/check_exceptions.tsv)" if allowed else ""
    if problems:
        click.echo(f"gazetteer check: {len(problems)} problem(s){note}", err=True)
        sys.exit(1)
    click.echo(f"gazetteer check: OK{note}", err=True)


# --- extract command (extraction issue) -------------------------------------------------------

# --- map / export commands (maps issue) -------------------------------------------------------
