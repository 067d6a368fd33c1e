"""Reading a dataset directory (plus status overlays) into a :class:`geodata.Dataset`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from geodata.dataset import Dataset, StatusFile, bundled_data_dir
from geodata.problems import Problem, ProblemLog
from geodata.readers import (
    read_countries,
    read_crossings,
    read_places,
    read_references,
    read_roads,
    read_sources,
    read_speeds,
    read_status,
)
from geodata.records import Crossing, Junction, Place, Road
from geodata.schema import FILES

__all__ = ["read_dataset"]


def read_dataset(
    path: str | Path | None, *, status_files: Sequence[str | Path] = (), log: ProblemLog
) -> Dataset:
    """Read a dataset directory; bad records are logged in ``log`` and left out.

    This reads only: :func:`geodata.load.load_dataset` also runs the checks of ``validate``.

    Raises
    ------
    DataError
        If a file cannot be read at all (missing, binary, not UTF-8, not CSV or GeoJSON, a
        missing column): nothing sound can be built from the rest.

    """
    root = Path(path) if path is not None else bundled_data_dir()
    if not root.is_dir():
        problem = Problem(
            str(root),
            f"not a dataset directory; pass --data a folder holding {FILES['places']} etc.",
        )
        raise problem.error()
    sources = read_sources(root / FILES["sources"], log)
    places = read_places(root / FILES["places"], sources, log)
    crossings = read_crossings(root / FILES["crossings"], sources, log)
    for clash in sorted(set(places) & set(crossings)):
        log.add(
            Problem(
                str(root / FILES["crossings"]),
                f"is also a place id; give the crossing its own id (e.g. {clash}-crossing)",
                f"id {clash!r}",
                "id",
            )
        )
        del crossings[clash]
    columnar = (root / FILES["roads_parquet"]).exists()
    if columnar and (root / FILES["roads"]).exists():
        message = f"holds both {FILES['roads']} and {FILES['roads_parquet']}; keep one of them"
        raise Problem(str(root), message).error()
    roads_file = root / FILES["roads_parquet" if columnar else "roads"]
    files = [root / FILES[key] for key in ("sources", "places", "crossings", "status")]
    files.append(roads_file)
    timelines = [
        StatusFile(
            root / FILES["status"],
            tuple(read_status(root / FILES["status"], crossings, sources, log)),
            overlay=False,
        )
    ]
    for overlay in map(Path, status_files):
        events = read_status(overlay, crossings, sources, log, what="status file (--status)")
        timelines.append(StatusFile(overlay, tuple(events), overlay=True))
        files.append(overlay)
    nodes: dict[str, Place | Crossing] = {**places, **crossings}
    junctions: Mapping[str, Junction] = {}
    if columnar or (root / FILES["junctions"]).exists():
        from geodata import parquet  # pyarrow: only imported networks need it

        junctions = parquet.read_junctions(root / FILES["junctions"], nodes, sources, log)
    roads: Mapping[str, Road] = (
        parquet.read_roads(roads_file, _Either(nodes, junctions), sources, log)
        if columnar
        else read_roads(roads_file, nodes, sources, log)
    )
    optional = {
        key: root / FILES[key] for key in ("junctions", "countries", "references", "speeds")
    }
    files += [p for p in optional.values() if p.exists()]
    events = sorted((e for t in timelines for e in t.events), key=lambda e: (e.crossing, e.date))
    return Dataset(
        path=root,
        sources=sources,
        places=places,
        crossings=crossings,
        events=tuple(events),
        roads=roads,
        countries=read_countries(optional["countries"], sources, log),
        references=tuple(read_references(optional["references"], nodes, sources, log)),
        speeds=read_speeds(optional["speeds"], sources, log),
        status_files=tuple(timelines),
        files=tuple(files),
        junctions=junctions,
    )


@dataclass(frozen=True)
class _Either:
    """Ids known to either of two mappings (road ends: places and crossings, or junctions)."""

    first: Mapping[str, object]
    second: Mapping[str, object]

    def __contains__(self, key: object) -> bool:
        return key in self.first or key in self.second
