"""Areas to avoid: polygons a route must not enter, each maybe only for some dates or traffic.

An avoid-area file is untrusted input, read like every dataset file: a GeoJSON
FeatureCollection of Polygon or MultiPolygon features with optional ``name``, ``valid_from``,
``valid_to`` (``YYYY-MM-DD``, both days included) and ``mode`` (``freight`` or ``passenger``;
empty: every traffic). Any bad feature ends in a one-line :class:`~geodata.DataError` naming the
file, the feature and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Polygon
from shapely.validation import explain_validity

from geodata.errors import DataError
from geodata.problems import ProblemLog
from geodata.readers import _outline
from geodata.reading import Record, geojson_features
from geodata.records import MODES, Mode

__all__ = ["AvoidArea", "read_avoid_areas"]

WHAT = "avoid-area file"


@dataclass(frozen=True)
class AvoidArea:
    """A polygon no route may enter while it is active (on its dates, for its traffic)."""

    name: str
    geometry: Polygon | MultiPolygon
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    mode: Mode | None = None

    def active(self, day: dt.date, mode: Mode) -> bool:
        """Whether the area applies to ``mode`` traffic on ``day``."""
        after = self.valid_from is None or self.valid_from <= day
        before = self.valid_to is None or day <= self.valid_to
        return after and before and self.mode in (None, mode)


def _area(record: Record, geometry: Any) -> AvoidArea:
    outline = _outline(record, geometry)
    if not outline.is_valid:
        why = explain_validity(outline)
        raise record.bad("geometry", f"is not a valid polygon ({why}); fix it in your GIS")
    start = record.date("valid_from") if record.text("valid_from", required=False) else None
    end = record.date("valid_to") if record.text("valid_to", required=False) else None
    if start and end and end < start:
        raise record.bad("valid_to", f"is {end.isoformat()}, before valid_from; swap them")
    mode = record.choice("mode", MODES) if record.text("mode", required=False) else None
    name = record.text("name", required=False) or record.where.replace("feature", "area")
    return AvoidArea(name, outline, start, end, mode)


def read_avoid_areas(path: str | Path) -> tuple[AvoidArea, ...]:
    """Read an avoid-area GeoJSON file.

    Raises
    ------
    geodata.DataError
        For a file that is not GeoJSON, or the first bad feature (file, feature, field).

    """
    file, log = Path(path), ProblemLog()
    areas = []
    for record, geometry in geojson_features(file, id_field="name", what=WHAT, log=log):
        areas.append(_area(record, geometry))
    if log.problems:
        raise log.problems[0].error()
    if not areas:
        msg = f"{file}: holds no features; draw at least one Polygon to avoid"
        raise DataError(msg)
    return tuple(areas)
