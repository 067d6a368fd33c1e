"""Export the network (places, crossings with status on a date, roads) for GIS tools."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from corridor.convert import crossing_rows
from corridor.files import OutputError, check_writable, write_atomic
from corridor.scenario import Scenario
from geodata import Dataset
from geodata.frames import crossings_frame, places_frame, roads_frame

ExportFormat = Literal["geojson", "gpkg", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("geojson", "gpkg", "csv")


def network_frames(dataset: Dataset, scenario: Scenario) -> dict[str, gpd.GeoDataFrame]:
    """Return places, crossings (with ``status``, ``since``, ``status_source``) and roads."""
    status = pd.DataFrame(crossing_rows(dataset, scenario))[["id", "status", "since", "source"]]
    crossings = crossings_frame(dataset).merge(
        status.rename(columns={"source": "status_source"}), on="id", how="left"
    )
    crossings["status_as_of"] = scenario.as_of.isoformat()
    crossings["status_mode"] = scenario.mode
    return {"places": places_frame(dataset), "crossings": crossings, "roads": roads_frame(dataset)}


def export_network(
    dataset: Dataset, scenario: Scenario, out: str | Path, *, fmt: ExportFormat
) -> list[Path]:
    """Write the network and return the files written.

    ``gpkg`` writes one GeoPackage with three layers at ``out``; ``geojson`` and ``csv``
    write ``places``, ``crossings`` and ``roads`` files into the folder ``out`` (created if
    its parent exists), CSV geometry as WKT. Every file is written atomically.
    """
    frames = network_frames(dataset, scenario)
    target = Path(out)
    if fmt == "gpkg":
        check_writable(target)
        with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
            staged = Path(scratch) / target.name
            for layer, frame in frames.items():
                frame.to_file(staged, layer=layer, driver="GPKG")
            write_atomic(target, staged.read_bytes())
        return [target]
    if target.exists() and not target.is_dir():
        msg = f"cannot write {target}: {fmt} export writes a folder of files; give a folder path"
        raise OutputError(msg)
    if not target.exists():
        check_writable(target)
        target.mkdir()
    written = []
    for layer, frame in frames.items():
        if fmt == "geojson":
            data = frame.to_json(drop_id=True, ensure_ascii=False)
        else:
            data = frame.to_wkt().to_csv(index=False)
        written.append(write_atomic(target / f"{layer}.{fmt}", data))
    return written
