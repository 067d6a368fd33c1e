"""Roads and junctions as columns: a network of a million rows without an object per row.

An imported OpenStreetMap network has hundreds of thousands of sections and junctions. They are
held as arrays (:class:`RoadColumns`, :class:`JunctionColumns`) behind read-only mappings
(:class:`RoadTable`, :class:`JunctionTable`) that build a record only when one is asked for, so
the checks and the graph work on whole columns while the rest of the code keeps reading
``dataset.roads[id]``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from geodata.records import Crossing, Junction, Place, Road

__all__ = [
    "JunctionColumns",
    "JunctionTable",
    "Nodes",
    "RoadColumns",
    "RoadTable",
    "junction_columns",
    "road_columns",
]

Texts = npt.NDArray[np.object_]
Numbers = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]
_Record = TypeVar("_Record")


def _texts(values: Sequence[str] | Texts) -> Texts:
    array = np.empty(len(values), dtype=object)
    array[:] = list(values)
    return array


def _optional(value: float | None) -> float:
    return np.nan if value is None else value


def _number(value: Any) -> float | None:
    return None if np.isnan(value) else float(value)


@dataclass(frozen=True)
class RoadColumns:
    """Road sections as columns, one row per section; ``nan`` stands for "none" in numbers.

    The columns mirror :class:`~geodata.records.Road` (``road_class`` is the file's ``class``,
    ``start`` and ``end`` its ``from`` and ``to``).
    """

    id: Texts
    ref: Texts
    name: Texts
    name_ar: Texts
    road_class: Texts
    start: Texts
    end: Texts
    source: Texts
    speed_kph: Numbers
    oneway: Flags
    geometry: npt.NDArray[np.object_]
    length_km: Numbers
    length_source: Texts
    length_basis: Texts
    sourced_gap_km: Numbers

    def __len__(self) -> int:
        return len(self.id)

    def take(self, rows: npt.ArrayLike) -> RoadColumns:
        """Return the rows selected by an index or boolean array."""
        return RoadColumns(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    def record(self, row: int) -> Road:
        """Return one row as a :class:`~geodata.records.Road`."""
        return Road(
            id=self.id[row],
            ref=self.ref[row],
            name=self.name[row],
            road_class=self.road_class[row],
            start=self.start[row],
            end=self.end[row],
            speed_kph=_number(self.speed_kph[row]),
            source=self.source[row],
            geometry=self.geometry[row],
            length_km=_number(self.length_km[row]),
            length_source=self.length_source[row],
            length_basis=self.length_basis[row],
            sourced_gap_km=_number(self.sourced_gap_km[row]),
            oneway=bool(self.oneway[row]),
            name_ar=self.name_ar[row],
        )


def road_columns(roads: Mapping[str, Road]) -> RoadColumns:
    """Return any mapping of roads as columns (a :class:`RoadTable`'s own, without a copy)."""
    if isinstance(roads, RoadTable):
        return roads.columns
    rows = list(roads.values())
    geometry = np.empty(len(rows), dtype=object)
    geometry[:] = [r.geometry for r in rows]
    return RoadColumns(
        id=_texts([r.id for r in rows]),
        ref=_texts([r.ref for r in rows]),
        name=_texts([r.name for r in rows]),
        name_ar=_texts([r.name_ar for r in rows]),
        road_class=_texts([r.road_class for r in rows]),
        start=_texts([r.start for r in rows]),
        end=_texts([r.end for r in rows]),
        source=_texts([r.source for r in rows]),
        speed_kph=np.array([_optional(r.speed_kph) for r in rows], dtype=np.float64),
        oneway=np.array([r.oneway for r in rows], dtype=bool),
        geometry=geometry,
        length_km=np.array([_optional(r.length_km) for r in rows], dtype=np.float64),
        length_source=_texts([r.length_source for r in rows]),
        length_basis=_texts([r.length_basis for r in rows]),
        sourced_gap_km=np.array([_optional(r.sourced_gap_km) for r in rows], dtype=np.float64),
    )


class _Table(Mapping[str, _Record]):
    """Records by id, held as columns (anything with an ``id`` column and a length)."""

    def __init__(self, columns: Any) -> None:
        self.columns = columns
        self._rows = dict(zip(columns.id.tolist(), range(len(columns)), strict=True))

    def _record(self, row: int) -> _Record:
        raise NotImplementedError

    def __getitem__(self, key: str) -> _Record:
        return self._record(self._rows[key])

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class RoadTable(_Table[Road]):
    """Roads by id, held as columns; a :class:`~geodata.records.Road` is built when read."""

    columns: RoadColumns

    def _record(self, row: int) -> Road:
        return self.columns.record(row)


@dataclass(frozen=True)
class JunctionColumns:
    """Junctions as columns, one row each."""

    id: Texts
    lon: Numbers
    lat: Numbers
    country: Texts
    source: Texts

    def __len__(self) -> int:
        return len(self.id)

    def take(self, rows: npt.ArrayLike) -> JunctionColumns:
        """Return the rows selected by an index or boolean array."""
        return JunctionColumns(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})


def junction_columns(junctions: Mapping[str, Junction]) -> JunctionColumns:
    """Return any mapping of junctions as columns (a :class:`JunctionTable`'s own)."""
    if isinstance(junctions, JunctionTable):
        return junctions.columns
    rows = list(junctions.values())
    return JunctionColumns(
        id=_texts([j.id for j in rows]),
        lon=np.array([j.lon for j in rows], dtype=np.float64),
        lat=np.array([j.lat for j in rows], dtype=np.float64),
        country=_texts([j.country for j in rows]),
        source=_texts([j.source for j in rows]),
    )


class JunctionTable(_Table[Junction]):
    """Junctions by id, held as columns; a :class:`~geodata.records.Junction` is built when read."""

    columns: JunctionColumns

    def _record(self, row: int) -> Junction:
        c = self.columns
        return Junction(
            str(c.id[row]),
            float(c.lon[row]),
            float(c.lat[row]),
            str(c.country[row]),
            str(c.source[row]),
        )


@dataclass(frozen=True)
class Nodes:
    """Every node of a network (places, junctions, crossings) as arrays, for whole-column work.

    ``country`` is empty for a crossing, which belongs to both of its sides.
    """

    id: Texts
    lon: Numbers
    lat: Numbers
    country: Texts
    crossing: Flags
    row: Mapping[str, int]

    @classmethod
    def of(
        cls,
        places: Mapping[str, Place],
        junctions: Mapping[str, Junction],
        crossings: Mapping[str, Crossing],
    ) -> Nodes:
        """Gather the nodes of a dataset (the first record wins where ids repeat)."""
        table = junction_columns(junctions)
        named: list[Place | Crossing] = [*places.values(), *crossings.values()]
        ids = np.concatenate([_texts([n.id for n in named]), table.id])
        lon = np.concatenate([[n.lon for n in named], table.lon])
        lat = np.concatenate([[n.lat for n in named], table.lat])
        country = np.concatenate(
            [
                _texts([p.country for p in places.values()]),
                _texts([""] * len(crossings)),
                table.country,
            ]
        )
        crossing = np.zeros(len(ids), dtype=bool)
        crossing[len(places) : len(named)] = True
        row = {key: i for i, key in reversed(list(enumerate(ids.tolist())))}
        return cls(ids, lon.astype(np.float64), lat.astype(np.float64), country, crossing, row)

    def rows(self, ids: Texts) -> npt.NDArray[np.intp]:
        """Return the row of each id (-1 for an unknown one)."""
        return np.fromiter((self.row.get(i, -1) for i in ids), dtype=np.intp, count=len(ids))
