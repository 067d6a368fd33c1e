"""What exists on the ground: places, border crossings, their dated status, and roads."""

from geodata.geodesy import great_circle_m, line_length_m
from geodata.load import DataError, Dataset, bundled_data_dir, load_dataset
from geodata.names import UnknownNameError, normalize_name, resolve
from geodata.records import Crossing, Place, Road, Source, StatusEvent
from geodata.status import status_on, timeline

__all__ = [
    "Crossing",
    "DataError",
    "Dataset",
    "Place",
    "Road",
    "Source",
    "StatusEvent",
    "UnknownNameError",
    "bundled_data_dir",
    "great_circle_m",
    "line_length_m",
    "load_dataset",
    "normalize_name",
    "resolve",
    "status_on",
    "timeline",
]
