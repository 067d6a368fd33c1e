"""Pickles whose shapely geometries travel together, as one array decoded in one call.

A road network holds a geometry per road and direction. Pickled one by one, each is decoded by
its own call on loading (two seconds for a country's roads); here they are set aside while
pickling and stored as one WKB array that shapely decodes at C speed. (A ``LinearRing`` pickles
the usual way: WKB would bring it back as a ``LineString``.)
"""

from __future__ import annotations

import copyreg
import io
import pickle
from typing import Any, NoReturn

import numpy as np
import shapely
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)

__all__ = ["dumps", "loads"]

_GEOMETRY_TYPES = (
    Point,
    LineString,
    Polygon,
    MultiPoint,
    MultiLineString,
    MultiPolygon,
    GeometryCollection,
)


def _geometry(index: int) -> NoReturn:
    """Stand for the geometry at ``index`` of the array; :func:`loads` resolves it."""
    msg = "a geometry set aside by geodata.pickling must be loaded with geodata.pickling.loads"
    raise pickle.UnpicklingError(msg)


def dumps(value: object) -> bytes:
    """Pickle ``value`` with its geometries set aside in one WKB array."""
    geometries: list[Any] = []

    def set_aside(geometry: Any) -> tuple[Any, tuple[int]]:
        geometries.append(geometry)
        return _geometry, (len(geometries) - 1,)

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # Looked up by exact type, in C, only for geometries: every other object pickles as usual.
    pickler.dispatch_table = {**copyreg.dispatch_table, **dict.fromkeys(_GEOMETRY_TYPES, set_aside)}
    pickler.dump(value)
    wkb = (
        shapely.to_wkb(np.array(geometries, dtype=object), include_srid=True) if geometries else []
    )
    return pickle.dumps((list(wkb), buffer.getvalue()), protocol=pickle.HIGHEST_PROTOCOL)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, geometries: Any) -> None:
        super().__init__(io.BytesIO(data))
        self._geometries = geometries

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, _geometry.__name__):
            return self._geometries.__getitem__
        return super().find_class(module, name)


def loads(data: bytes) -> object:
    """Load what :func:`dumps` pickled."""
    wkb, payload = pickle.loads(data)
    geometries = shapely.from_wkb(np.array(wkb, dtype=object)) if wkb else np.array([])
    return _Unpickler(payload, geometries).load()
