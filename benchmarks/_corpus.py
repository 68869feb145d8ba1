"""Synthetic corpora for the scale tests and benchmarks: real excerpts, repeated and varied.

The articles are the seeds and the test reports; each copy gets its own id, a publication date
moved by whole weeks, and its casualty-like numbers changed, so the copies are distinct
articles that still read like the originals.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SMALL_NUMBER = re.compile(r"(?<![\d,.])([1-9])(?![\d,.])")


def base_articles() -> list[dict[str, object]]:
    """The seeds and the test reports as corpus records (text, title, published, url...)."""
    from geoclash.articles import read_articles

    paths = [ROOT / "seeds", ROOT / "tests" / "data" / "reports"]
    records = []
    for a in read_articles([p for p in paths if p.exists()], on_error="skip"):
        records.append(
            {
                "id": a.id,
                "text": a.text,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "url": a.url,
                "publisher": a.publisher,
            }
        )
    return records


def _vary(record: dict[str, object], k: int) -> dict[str, object]:
    out = dict(record)
    out["id"] = f"{record['id']}-{k:06d}"
    if k and isinstance(record.get("published"), str):
        from datetime import date

        day = date.fromisoformat(str(record["published"])) + timedelta(weeks=k % 200)
        out["published"] = day.isoformat()
    if k % 3 == 1:
        # "2 soldiers" -> "3 soldiers": numbers change, the sentence does not.
        out["text"] = _SMALL_NUMBER.sub(lambda m: str(int(m.group(1)) % 9 + 1), str(record["text"]))
    return out


def write_corpus(path: Path, n: int, *, without_id_every: int = 0) -> Path:
    """Write ``n`` varied articles to ``path`` as JSON Lines and return the path.

    ``without_id_every`` > 0 drops the id of every so many records, so their ids come from
    the line number.
    """
    base = base_articles()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            record = _vary(base[i % len(base)], i // len(base))
            if without_id_every and i % without_id_every == without_id_every - 1:
                del record["id"]
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
