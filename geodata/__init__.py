"""What exists on the ground: places, border crossings, their dated status, and roads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geodata.lazy import lazy_exports

if TYPE_CHECKING:
    from geodata.dataset import Dataset, bundled_data_dir
    from geodata.errors import CorridorError, DataError, UnknownNameError
    from geodata.geodesy import great_circle_m, line_length_m
    from geodata.load import inspect_dataset, load_dataset
    from geodata.names import normalize_name, resolve
    from geodata.problems import Problem
    from geodata.records import Crossing, Place, Road, Source, StatusEvent
    from geodata.status import status_on, timeline

__all__ = [
    "CorridorError",
    "Crossing",
    "DataError",
    "Dataset",
    "Place",
    "Problem",
    "Road",
    "Source",
    "StatusEvent",
    "UnknownNameError",
    "bundled_data_dir",
    "great_circle_m",
    "inspect_dataset",
    "line_length_m",
    "load_dataset",
    "normalize_name",
    "resolve",
    "status_on",
    "timeline",
]

# Each name is imported from its module on first use (geodata.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "Dataset": "geodata.dataset",
        "bundled_data_dir": "geodata.dataset",
        "CorridorError": "geodata.errors",
        "DataError": "geodata.errors",
        "UnknownNameError": "geodata.errors",
        "great_circle_m": "geodata.geodesy",
        "line_length_m": "geodata.geodesy",
        "inspect_dataset": "geodata.load",
        "load_dataset": "geodata.load",
        "normalize_name": "geodata.names",
        "resolve": "geodata.names",
        "Problem": "geodata.problems",
        "Crossing": "geodata.records",
        "Place": "geodata.records",
        "Road": "geodata.records",
        "Source": "geodata.records",
        "StatusEvent": "geodata.records",
        "status_on": "geodata.status",
        "timeline": "geodata.status",
    },
)
