"""Write a dataset directory: the text files, the columnar roads and junctions, copied outlines.

The files are those :func:`geodata.dataset.read_dataset` reads (docs/data.md), so every command
takes the folder with ``--data``. Writing goes into a folder the caller owns (a staged one that
is renamed into place once it passes the checks: see ``corridor import osm``).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from geodata import parquet
from geodata.dataset import Dataset
from geodata.records import Crossing, Place, Source, StatusEvent
from geodata.schema import COLUMNS, FILES, IMPORT_REPORT
from geodata.tables import JunctionColumns, RoadColumns

__all__ = ["write_dataset"]
# A NUL character makes a text file look binary to the readers: it never reaches a file.
_NUL = str.maketrans({"\x00": None})


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: str(v).translate(_NUL) for k, v in row.items()})


def _place(place: Place) -> dict[str, object]:
    return {
        "id": place.id,
        "name": place.name,
        "name_ar": place.name_ar,
        "aliases": "|".join(place.aliases),
        "country": place.country,
        "kind": place.kind,
        "lon": repr(place.lon),
        "lat": repr(place.lat),
        "source": place.source,
        "note": place.note,
    }


def _crossing(crossing: Crossing) -> dict[str, object]:
    return {
        "id": crossing.id,
        "name": crossing.name,
        "country_a": crossing.country_a,
        "name_a": crossing.name_a,
        "country_b": crossing.country_b,
        "name_b": crossing.name_b,
        "modes": "|".join(crossing.modes),
        "delay_freight_h": repr(crossing.delay_freight_h),
        "delay_passenger_h": repr(crossing.delay_passenger_h),
        "lon": repr(crossing.lon),
        "lat": repr(crossing.lat),
        "source": crossing.source,
        "note": crossing.note,
    }


def _event(event: StatusEvent) -> dict[str, object]:
    return {
        "crossing": event.crossing,
        "date": event.date.isoformat(),
        "status": event.status,
        "mode": event.mode,
        "direction": event.direction,
        "precision": event.precision,
        "note": event.note,
        "source": event.source,
        "kind": event.kind,
    }


def write_dataset(
    folder: Path,
    *,
    curated: Dataset,
    sources: Sequence[Source],
    places: Sequence[Place],
    crossings: Sequence[Crossing],
    events: Sequence[StatusEvent],
    roads: RoadColumns,
    junctions: JunctionColumns,
    report: Mapping[str, Any],
) -> list[Path]:
    """Write a dataset into an existing empty ``folder``; return the files written.

    The curated dataset's country outlines and typical speeds are copied as they are.
    """
    _write_csv(folder / FILES["sources"], COLUMNS["sources"], (s.__dict__ for s in sources))
    _write_csv(folder / FILES["places"], [*COLUMNS["places"], "note"], map(_place, places))
    crossing_columns = [*COLUMNS["crossings"], "note"]
    _write_csv(folder / FILES["crossings"], crossing_columns, map(_crossing, crossings))
    _write_csv(folder / FILES["status"], [*COLUMNS["status"], "kind"], map(_event, events))
    parquet.write_roads(folder / FILES["roads_parquet"], roads)
    parquet.write_junctions(folder / FILES["junctions"], junctions)
    for key in ("countries", "speeds"):
        if (curated.path / FILES[key]).exists():
            shutil.copyfile(curated.path / FILES[key], folder / FILES[key])
    text = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    (folder / IMPORT_REPORT).write_text(text, encoding="utf-8")
    return sorted(p for p in folder.iterdir() if p.is_file())
