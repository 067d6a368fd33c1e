"""Read the records of a dataset file (CSV rows or GeoJSON features) with their location.

Every file is untrusted: it may be binary, in another encoding, huge, or not the JSON it claims
to be. Each of those ends in a :class:`~geodata.errors.DataError` naming the file and, where
there is one, the line; a bad record becomes a :class:`~geodata.problems.Problem` and is left
out, so one run can report them all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from geodata.errors import DataError
from geodata.problems import Problem, ProblemLog
from geodata.schema import REQUIRED_FILES

__all__ = [
    "Record",
    "csv_records",
    "each",
    "geojson_features",
    "index",
    "read_text",
]

S = TypeVar("S")
T = TypeVar("T")

# Python's csv module refuses longer fields; no place name, note or title comes near it.
MAX_FIELD_CHARS = 131_072


def _fail(path: Path, message: str, *, line: int | None = None) -> NoReturn:
    raise Problem(str(path), message, f"line {line}" if line else "").error()


def read_text(path: Path, *, what: str) -> str:
    """Return a file's text, decoded as UTF-8 (a leading byte-order mark is accepted).

    Raises
    ------
    DataError
        If the file is missing, unreadable, binary or not UTF-8.

    """
    if not path.exists():
        hint = (
            f"a dataset directory needs {', '.join(REQUIRED_FILES)}"
            if what == "dataset file"
            else f"check the path of the {what}"
        )
        _fail(path, f"file not found; {hint}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(path, f"cannot be read ({exc.strerror}); check the path of the {what}")
    if b"\x00" in data[:65536]:
        _fail(path, f"is a binary file, not a {what}; export it as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        _fail(
            path,
            f"is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8 (in Excel: 'CSV UTF-8')",
            line=line,
        )


@dataclass(frozen=True)
class Record:
    """One CSV row or GeoJSON feature's properties, with enough context to locate a problem."""

    file: Path
    where: str  # "line 3" in a CSV file, "feature 3" in a GeoJSON file
    values: Mapping[str, str]

    def location(self) -> str:
        """Return e.g. ``line 3 (id 'homs')``."""
        key = self.values.get("id") or self.values.get("crossing") or ""
        return f"{self.where} (id {key!r})" if key else self.where

    def problem(self, name: str, message: str) -> Problem:
        """Return a problem with one field of this record."""
        return Problem(str(self.file), message, self.location(), name)

    def bad(self, name: str, message: str) -> DataError:
        """Return an exception to raise for a bad field (the record is then left out)."""
        return self.problem(name, message).error()

    def text(self, name: str, *, required: bool = True) -> str:
        """Return a field's text, stripped."""
        value = (self.values.get(name) or "").strip()
        if required and not value:
            raise self.bad(name, "is empty; fill it in")
        return value

    def choice(self, name: str, allowed: Sequence[T]) -> T:
        """Return a field that must be one of ``allowed``."""
        value = self.text(name)
        for option in allowed:
            if value == option:
                return option
        raise self.bad(name, f"is {value!r}; use one of {', '.join(map(str, allowed))}")

    def number(self, name: str, *, low: float, high: float, required: bool = True) -> float:
        """Return a finite number within ``low..high``."""
        value = self.text(name, required=required)
        try:
            number = float(value)
        except ValueError:
            raise self.bad(name, f"must be a number, got {value!r}") from None
        if not math.isfinite(number):
            raise self.bad(name, f"is {value!r}; give a finite number")
        if not low <= number <= high:
            raise self.bad(name, f"is {number:g}, outside {low:g}..{high:g}")
        return number

    def date(self, name: str) -> dt.date:
        """Return an ISO date (``YYYY-MM-DD``)."""
        value = self.text(name)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.bad(name, f"is {value!r}; write dates as YYYY-MM-DD") from None

    def country(self, name: str) -> str:
        """Return an ISO 3166-1 alpha-2 code."""
        value = self.text(name)
        if len(value) != 2 or not value.isascii() or not value.isalpha() or not value.isupper():
            raise self.bad(name, f"is {value!r}; use an ISO 3166-1 alpha-2 code such as SY")
        return value

    def reference(self, name: str, known: Mapping[str, Any], what: str) -> str:
        """Return a field that must name a known record."""
        value = self.text(name)
        if value not in known:
            raise self.bad(name, f"refers to unknown {what} {value!r}; add it or fix the id")
        return value


def csv_records(
    path: Path, columns: Sequence[str], *, what: str, log: ProblemLog
) -> Iterator[Record]:
    """Yield the rows of a CSV file that must have ``columns``.

    A missing file or column, or text the CSV reader cannot split, stops the file (raised); a
    row with more fields than columns is logged and left out.
    """
    reader = csv.DictReader(io.StringIO(read_text(path, what=what), newline=""))
    try:
        header = reader.fieldnames or ()
        missing = [c for c in columns if c not in header]
        if missing:
            _fail(
                path,
                f"missing column(s) {', '.join(missing)}; the header must name "
                f"{', '.join(columns)} (see docs/data.md)",
                line=1,
            )
        for values in reader:
            record = Record(path, f"line {reader.line_num}", values)
            if None in values:
                log.add(record.problem("", "has more fields than columns; quote commas in text"))
                continue
            yield record
    except csv.Error as exc:
        # The reader counts the lines it finished; the one it failed on is the next.
        line = reader.line_num + 1
        if "field larger than field limit" in str(exc):
            message = f"a field is longer than {MAX_FIELD_CHARS:,} characters; shorten it"
        else:
            message = f"cannot be read as CSV ({exc}); fix the quoting"
        _fail(path, message, line=line)


def _strict_json(text: str, path: Path) -> Any:
    def reject(constant: str) -> NoReturn:
        _fail(path, f"holds {constant}, which is not a number in JSON; give finite numbers")

    try:
        return json.loads(text, parse_constant=reject)
    except json.JSONDecodeError as exc:
        _fail(
            path, f"is not valid JSON ({exc.msg}); export it again from your GIS", line=exc.lineno
        )
    except RecursionError:
        _fail(path, "nests too deeply to be GeoJSON; export it again from your GIS")


def geojson_features(
    path: Path, *, id_field: str, what: str, log: ProblemLog
) -> Iterator[tuple[Record, Any]]:
    """Yield each GeoJSON feature as a record of its properties, with its geometry (or None).

    Property values become text (``null`` becomes empty). A feature that is not an object, or
    whose ``properties`` is not an object, is logged and left out.
    """
    collection = _strict_json(read_text(path, what=what), path)
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        _fail(path, "is not a GeoJSON FeatureCollection (no list of 'features')")
    for number, feature in enumerate(features, start=1):
        where = Record(path, f"feature {number}", {})
        if not isinstance(feature, dict):
            log.add(where.problem("", "is not a GeoJSON Feature object; export it again"))
            continue
        props = feature.get("properties")
        if props is not None and not isinstance(props, dict):
            log.add(where.problem("properties", "is not an object of name: value pairs"))
            continue
        values = {str(k): "" if v is None else str(v) for k, v in (props or {}).items()}
        record = Record(path, where.where, {"id": values.get(id_field, ""), **values})
        yield record, feature.get("geometry")


def each(items: Iterable[S], parse: Callable[[S], T], log: ProblemLog) -> Iterator[T]:
    """Parse items one by one; a bad one is logged and left out."""
    for item in items:
        try:
            yield parse(item)
        except DataError as exc:
            log.extend(list(exc.problems) or [Problem("", str(exc))])


def index(
    records: Iterable[tuple[Record, T]], key: Callable[[T], str], log: ProblemLog
) -> dict[str, T]:
    """Return records by key; a repeated key is logged and the later record left out."""
    found: dict[str, T] = {}
    for record, value in records:
        if key(value) in found:
            log.add(record.problem("id", f"repeats {key(value)!r}; ids must be unique"))
            continue
        found[key(value)] = value
    return found
