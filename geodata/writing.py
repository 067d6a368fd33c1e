"""Write a dataset directory: the text files, the columnar roads and junctions, copied outlines.

The files are those :func:`geodata.dataset.read_dataset` reads (docs/data.md), so every command
takes the folder with ``--data``. Writing goes into a folder the caller owns (a staged one that
is renamed into place once it passes the checks: see ``corridor import osm``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from geodata import parquet
from geodata.importing import Imported
from geodata.schema import COLUMNS, FILES, IMPORT_REPORT

__all__ = ["write_dataset"]
# A NUL character makes a text file look binary to the readers: it never reaches a file.
_NUL = str.maketrans({"\x00": None})


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: str(v).translate(_NUL) for k, v in row.items()})


def _cell(value: object) -> object:
    """Return a record's field as the text files write it (lists joined by ``|``)."""
    if isinstance(value, tuple):
        return "|".join(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def _rows(records: Iterable[object], columns: Sequence[str]) -> Iterator[dict[str, object]]:
    """Yield each record (a dataclass whose fields are named as the columns) as a row."""
    for record in records:
        yield {column: _cell(getattr(record, column)) for column in columns}


def write_dataset(folder: Path, imported: Imported) -> list[Path]:
    """Write a dataset into an existing empty ``folder``; return the files written.

    The curated dataset's country outlines and typical speeds are copied as they are.
    """
    tables: tuple[tuple[str, Sequence[object], Sequence[str]], ...] = (
        ("sources", imported.sources, COLUMNS["sources"]),
        ("places", imported.places, [*COLUMNS["places"], "note"]),
        ("crossings", imported.crossings, [*COLUMNS["crossings"], "note"]),
        ("status", imported.events, [*COLUMNS["status"], "kind"]),
    )
    for key, records, columns in tables:
        _write_csv(folder / FILES[key], columns, _rows(records, columns))
    parquet.write_roads(folder / FILES["roads_parquet"], imported.roads)
    parquet.write_junctions(folder / FILES["junctions"], imported.junctions)
    curated = imported.curated
    for key in ("countries", "speeds"):
        if (curated.path / FILES[key]).exists():
            shutil.copyfile(curated.path / FILES[key], folder / FILES[key])
    text = json.dumps(imported.report, ensure_ascii=False, indent=1) + "\n"
    (folder / IMPORT_REPORT).write_text(text, encoding="utf-8")
    return sorted(p for p in folder.iterdir() if p.is_file())
