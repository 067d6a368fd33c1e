"""What exists on the ground: places, border crossings, their dated status, and roads."""

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
