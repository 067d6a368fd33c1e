"""Export the network (places, crossings with status on a date, roads) for GIS tools."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from corridor.errors import OutputError
from corridor.outputs import check_writable, staged_folder, write_atomic
from corridor.scenario import Scenario
from corridor.summary import crossing_summaries
from geodata import Dataset

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["EXPORT_FORMATS", "ExportFormat", "export_network", "network_frames"]

ExportFormat = Literal["geojson", "gpkg", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("geojson", "gpkg", "csv")


def network_frames(dataset: Dataset, scenario: Scenario) -> dict[str, gpd.GeoDataFrame]:
    """Return places, crossings (with ``status``, ``since``, ``status_source``) and roads."""
    # geopandas takes a while to import; only the commands that need frames pay for it.
    from geodata.frames import crossings_frame, places_frame, roads_frame

    status = {
        s.crossing.id: (s.status, s.event.date.isoformat() if s.event else None, s.source_url)
        for s in crossing_summaries(dataset, scenario)
    }
    crossings = crossings_frame(dataset)
    crossings["status"] = [status[c][0] for c in crossings["id"]]
    crossings["since"] = [status[c][1] for c in crossings["id"]]
    crossings["status_source"] = [status[c][2] for c in crossings["id"]]
    crossings["status_as_of"] = scenario.as_of.isoformat()
    crossings["status_mode"] = scenario.mode
    return {"places": places_frame(dataset), "crossings": crossings, "roads": roads_frame(dataset)}


def export_network(
    dataset: Dataset, out: str | Path, *, scenario: Scenario, fmt: ExportFormat
) -> list[Path]:
    """Write the network and return the files written.

    ``gpkg`` writes one GeoPackage with three layers at ``out``; ``geojson`` and ``csv``
    write ``places``, ``crossings`` and ``roads`` files into the folder ``out`` (created if
    its parent exists), CSV geometry as WKT. Every file is written atomically.
    """
    if fmt not in EXPORT_FORMATS:
        msg = f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}"
        raise OutputError(msg)
    frames = network_frames(dataset, scenario)
    target = Path(out)
    if fmt == "gpkg":
        from pyogrio.errors import DataLayerError, DataSourceError

        with staged_folder(target) as scratch:
            staged = scratch / target.name
            try:
                for layer, frame in frames.items():
                    frame.to_file(staged, layer=layer, driver="GPKG")
            except (OSError, DataSourceError, DataLayerError) as exc:
                msg = f"cannot write {target}: {exc}; choose a writable path"
                raise OutputError(msg) from None
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
