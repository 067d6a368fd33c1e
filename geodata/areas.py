"""Areas to avoid: polygons a route must not enter, each maybe only for some dates or traffic.

An avoid-area file is untrusted input, read like every dataset file: a GeoJSON
FeatureCollection of Polygon or MultiPolygon features with optional ``name``, ``valid_from``,
``valid_to`` (``YYYY-MM-DD``, both days included) and ``mode`` (``freight`` or ``passenger``;
empty: every traffic). Any bad feature ends in a one-line :class:`~geodata.DataError` naming the
file, the feature and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shapely.validation import explain_validity

from geodata.errors import DataError
from geodata.problems import ProblemLog
from geodata.readers import _outline
from geodata.reading import Record, geojson_features
from geodata.records import MODES, AvoidArea

__all__ = ["read_avoid_areas"]

WHAT = "avoid-area file"


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
