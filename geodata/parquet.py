"""The columnar dataset files: ``roads.parquet`` and ``junctions.parquet`` (GeoParquet 1.1).

Geometry is WKB in a ``geometry`` column described by the file's ``geo`` metadata (encoding
WKB, CRS OGC:CRS84: longitude, latitude on WGS84). Both files are read and written with
pyarrow alone (no pandas), whole columns at a time, and checked column-wise: a bad row becomes
a :class:`~geodata.problems.Problem` naming the file, its row and id, and the field, and is left
out, as in the text files. pyarrow is an optional dependency (``pip install 'corridor[osm]'``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import numpy as np
import numpy.typing as npt
import shapely

from geodata.problems import Problem, ProblemLog
from geodata.records import LENGTH_BASES, ROAD_CLASSES
from geodata.tables import Flags, JunctionColumns, JunctionTable, RoadColumns, RoadTable, Texts

__all__ = ["read_junctions", "read_roads", "write_junctions", "write_roads"]

INSTALL = "pip install 'corridor[osm]'"
# Text columns: (file column, RoadColumns field, required).
_ROAD_TEXTS = (
    ("id", "id", True),
    ("ref", "ref", True),
    ("name", "name", True),
    ("name_ar", "name_ar", False),
    ("class", "road_class", True),
    ("from", "start", True),
    ("to", "end", True),
    ("source", "source", True),
    ("length_source", "length_source", False),
    ("length_basis", "length_basis", False),
)
_ROAD_NUMBERS = ("speed_kph", "length_km", "sourced_gap_km")
_JUNCTION_TEXTS = ("id", "country", "source")
_CRS84 = {"OGC:CRS84", "EPSG:4326"}
Bad = npt.NDArray[np.bool_]


def _arrow(path: Path) -> tuple[ModuleType, ModuleType]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        message = f"reading or writing GeoParquet needs pyarrow; install it: {INSTALL}"
        raise Problem(str(path), message).error() from None
    return pa, pq


def _geo_metadata(geometry: npt.NDArray[np.object_]) -> bytes:
    bbox = [float(v) for v in shapely.total_bounds(geometry)] if len(geometry) else []
    column: dict[str, Any] = {
        "encoding": "WKB",
        "geometry_types": ["LineString"],
        "crs": {"id": {"authority": "OGC", "code": "CRS84"}, "name": "WGS 84 (CRS84)"},
    }
    if bbox and all(np.isfinite(bbox)):
        column["bbox"] = bbox
    geo = {"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": column}}
    return json.dumps(geo).encode("utf-8")


def write_roads(path: Path, roads: RoadColumns) -> None:
    """Write road sections as GeoParquet LineStrings (lon, lat); ``nan`` numbers become null."""
    pa, pq = _arrow(path)
    columns = {
        name: pa.array(getattr(roads, field).tolist(), pa.string())
        for name, field, _ in _ROAD_TEXTS
    }
    for name in _ROAD_NUMBERS:
        columns[name] = pa.array(getattr(roads, name), pa.float64(), from_pandas=True)
    columns["oneway"] = pa.array(roads.oneway, pa.bool_())
    columns["geometry"] = pa.array(list(shapely.to_wkb(roads.geometry)), pa.binary())
    table = pa.table(columns).replace_schema_metadata({"geo": _geo_metadata(roads.geometry)})
    pq.write_table(table, path, compression="zstd")


def write_junctions(path: Path, junctions: JunctionColumns) -> None:
    """Write junctions as a plain Parquet table of ``id, lon, lat, country, source``."""
    pa, pq = _arrow(path)
    table = pa.table(
        {
            "id": pa.array(junctions.id.tolist(), pa.string()),
            "lon": pa.array(junctions.lon, pa.float64()),
            "lat": pa.array(junctions.lat, pa.float64()),
            "country": pa.array(junctions.country.tolist(), pa.string()),
            "source": pa.array(junctions.source.tolist(), pa.string()),
        }
    )
    pq.write_table(table, path, compression="zstd")


class _Reader:
    """One GeoParquet file read column by column; bad rows collect problems and are left out."""

    def __init__(self, path: Path, log: ProblemLog, *, geo: bool) -> None:
        pa, pq = _arrow(path)
        self.path, self.log, self.pa = path, log, pa
        try:
            self.table = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            self.fail(f"cannot be read as Parquet ({exc}); write it again with corridor import osm")
        if geo:
            self._check_geo()
        self.ids = self.text("id")
        self.bad: Bad = np.zeros(self.table.num_rows, dtype=bool)

    def fail(self, message: str) -> NoReturn:
        raise Problem(str(self.path), message).error()

    def _check_geo(self) -> None:
        raw = (self.table.schema.metadata or {}).get(b"geo")
        try:
            geo = json.loads(raw) if raw else {}
            column = geo["columns"]["geometry"] if geo["primary_column"] == "geometry" else None
        except (ValueError, KeyError, TypeError):
            column = None
        if not isinstance(column, dict):
            self.fail("has no GeoParquet 'geo' metadata for a 'geometry' column; write it again")
        if column.get("encoding") != "WKB":
            self.fail(f"geometry encoding is {column.get('encoding')!r}; write it as WKB")
        crs = column.get("crs")
        code = crs.get("id", {}) if isinstance(crs, dict) else {}
        name = f"{code.get('authority')}:{code.get('code')}" if isinstance(code, dict) else "?"
        if "crs" in column and crs is not None and name not in _CRS84:
            self.fail(f"geometry CRS is {name}; corridor needs lon/lat (OGC:CRS84)")

    def _column(self, name: str, kind: Any, *, required: bool) -> Any:
        if name not in self.table.column_names:
            if required:
                self.fail(f"missing column {name!r}; see docs/data.md for the columns")
            return None
        column = self.table.column(name)
        try:
            return column.cast(kind)
        except (self.pa.ArrowException, ValueError):
            self.fail(f"column {name!r} holds {column.type}, not {kind}; write it again")

    def text(self, name: str, *, required: bool = True) -> Texts:
        column = self._column(name, self.pa.string(), required=required)
        values = np.empty(self.table.num_rows, dtype=object)
        values[:] = column.fill_null("").to_pylist() if column is not None else ""
        return values

    def number(self, name: str) -> npt.NDArray[np.float64]:
        column = self._column(name, self.pa.float64(), required=False)
        if column is None:
            return np.full(self.table.num_rows, np.nan)
        return np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.float64)

    def flag(self, name: str) -> Flags:
        column = self._column(name, self.pa.bool_(), required=False)
        if column is None:
            return np.zeros(self.table.num_rows, dtype=bool)
        return np.asarray(column.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)

    def check(self, field: str, wrong: Bad, message: Callable[[int], str]) -> None:
        """Log a problem for each row (not yet bad) where ``wrong`` holds."""
        for row in np.flatnonzero(wrong & ~self.bad):
            where = f"row {row + 1} (id {self.ids[row]!r})" if self.ids[row] else f"row {row + 1}"
            self.log.add(Problem(str(self.path), message(int(row)), where, field))
        self.bad |= wrong

    def known(self, field: str, values: Texts, known: Container[str], what: str) -> None:
        wrong = np.fromiter((v not in known for v in values), dtype=bool, count=len(values))
        self.check(
            field, wrong, lambda r: f"refers to unknown {what} {values[r]!r}; add it or fix the id"
        )

    def numbers(self, field: str, values: npt.NDArray[np.float64], low: float, high: float) -> None:
        with np.errstate(invalid="ignore"):
            wrong = ~np.isnan(values) & ~((values >= low) & (values <= high))
        self.check(field, wrong, lambda r: f"is {values[r]:g}, outside {low:g}..{high:g}")

    def unique_ids(self) -> None:
        self.check("id", self.ids == "", lambda r: "is empty; fill it in")
        _, first = np.unique(self.ids.astype(str), return_index=True)
        repeated = np.ones(len(self.ids), dtype=bool)
        repeated[first] = False
        self.check("id", repeated, lambda r: f"repeats {self.ids[r]!r}; ids must be unique")

    def lines(self) -> npt.NDArray[np.object_]:
        """Return the geometry column as LineStrings of lon/lat points with some length."""
        column = self._column("geometry", self.pa.binary(), required=True)
        lines: npt.NDArray[np.object_] = shapely.from_wkb(
            np.asarray(column.to_numpy(zero_copy_only=False), dtype=object), on_invalid="ignore"
        )
        wrong = shapely.get_type_id(lines) != 1
        self.check("geometry", wrong, lambda r: "is not a WKB LineString; draw it again")
        coords, owner = shapely.get_coordinates(lines[~self.bad], return_index=True)
        rows = np.flatnonzero(~self.bad)
        wrong = np.zeros(len(lines), dtype=bool)
        wrong[rows[owner[~_lonlat(coords[:, 0], coords[:, 1])]]] = True
        self.check("geometry", wrong, lambda r: "has a point that is not a lon/lat position")
        # A zero planar length means fewer than two distinct points (it measures nothing).
        flat = np.zeros(len(lines), dtype=bool)
        flat[rows] = shapely.length(lines[rows]) == 0
        self.check("geometry", flat, lambda r: "has fewer than two distinct points; draw it again")
        return lines


def _lonlat(lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]) -> Bad:
    with np.errstate(invalid="ignore"):
        return np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)


def read_roads(
    path: Path, nodes: Container[str], sources: Mapping[str, Any], log: ProblemLog
) -> RoadTable:
    """Read ``roads.parquet``: road sections whose ends are known nodes (bad rows left out).

    Raises
    ------
    DataError
        If the file is not GeoParquet, lacks a column, or pyarrow is not installed.

    """
    reader = _Reader(path, log, geo=True)
    texts: dict[str, Any] = {
        field: reader.text(name, required=required) for name, field, required in _ROAD_TEXTS
    }
    numbers: dict[str, Any] = {name: reader.number(name) for name in _ROAD_NUMBERS}
    reader.unique_ids()
    geometry = reader.lines()
    classes = texts["road_class"]
    wrong = ~np.isin(classes.astype(str), ROAD_CLASSES)
    usage = ", ".join(ROAD_CLASSES)
    reader.check("class", wrong, lambda r: f"is {classes[r]!r}; use one of {usage}")
    reader.known("from", texts["start"], nodes, "place, junction or crossing")
    reader.known("to", texts["end"], nodes, "place, junction or crossing")
    reader.known("source", texts["source"], sources, "source")
    reader.numbers("speed_kph", numbers["speed_kph"], 5, 140)
    reader.numbers("length_km", numbers["length_km"], 0.01, 5000)
    reader.numbers("sourced_gap_km", numbers["sourced_gap_km"], 0, 5000)
    # As in roads.geojson, the basis and source of a length mean something only with one.
    sourced = ~np.isnan(numbers["length_km"])
    texts["length_basis"] = np.where(sourced, texts["length_basis"], "geometry").astype(object)
    texts["length_source"] = np.where(sourced, texts["length_source"], "").astype(object)
    basis = texts["length_basis"]
    wrong = ~np.isin(basis.astype(str), LENGTH_BASES)
    usage = ", ".join(LENGTH_BASES)
    reader.check("length_basis", wrong, lambda r: f"is {basis[r]!r}; use one of {usage}")
    cited = texts["length_source"]
    unknown = sourced & np.fromiter((c not in sources for c in cited), bool, count=len(cited))
    reader.check("length_source", unknown, lambda r: f"refers to unknown source {cited[r]!r}")
    columns = RoadColumns(**texts, **numbers, oneway=reader.flag("oneway"), geometry=geometry)
    return RoadTable(columns.take(~reader.bad))


def read_junctions(
    path: Path, taken: Container[str], sources: Mapping[str, Any], log: ProblemLog
) -> JunctionTable:
    """Read the optional ``junctions.parquet``; absent means none (bad rows left out).

    ``taken`` holds the ids of places and crossings, which a junction may not reuse.
    """
    if not path.exists():
        return JunctionTable(JunctionColumns(*(np.empty(0, dtype=t) for t in "OffOO")))
    reader = _Reader(path, log, geo=False)
    texts = {name: reader.text(name) for name in _JUNCTION_TEXTS}
    reader.unique_ids()
    reused = np.fromiter((i in taken for i in reader.ids), bool, count=len(reader.ids))
    reader.check(
        "id", reused, lambda r: "is also a place or crossing id; give the junction its own"
    )
    lon, lat = reader.number("lon"), reader.number("lat")
    reader.check(
        "lon", ~_lonlat(lon, lat), lambda r: f"({lon[r]}, {lat[r]}) is not a lon/lat position"
    )
    country = texts["country"]
    iso2 = np.fromiter(
        (len(c) == 2 and c.isascii() and c.isalpha() and c.isupper() for c in country),
        bool,
        count=len(country),
    )
    reader.check("country", ~iso2, lambda r: f"is {country[r]!r}; use an ISO 3166-1 alpha-2 code")
    reader.known("source", texts["source"], sources, "source")
    columns = JunctionColumns(texts["id"], lon, lat, country, texts["source"])
    return JunctionTable(columns.take(~reader.bad))
