"""Export for GIS tools: GeoPackage layers, GeoJSON and CSV folders."""

import json
from pathlib import Path

import pytest

from corridor.cli import main
from tests.conftest import PLACES, ROADS


def test_export_formats(capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path) -> None:
    import geopandas as gpd

    gpkg = tmp_path / "net.gpkg"
    assert main(["export", "--as-of", "2025-03-01", str(gpkg), "--data", str(toy_dir)]) == 0
    crossings = gpd.read_file(gpkg, layer="crossings")
    assert crossings.crs.to_epsg() == 4326
    by_id = crossings.set_index("id")
    assert by_id.loc["north", "status"] == "closed" and by_id.loc["north", "since"] == "2024-12-08"
    assert by_id.loc["south", "status"] == "restricted"  # open one way only
    assert set(crossings["status_as_of"]) == {"2025-03-01"}
    assert len(gpd.read_file(gpkg, layer="roads")) == len(ROADS)
    folder = tmp_path / "gj"
    assert main(["export", "--format", "geojson", str(folder), "--data", str(toy_dir)]) == 0
    places = json.loads((folder / "places.geojson").read_text())
    assert len(places["features"]) == len(PLACES)
    assert main(["export", "--format", "csv", str(tmp_path / "csv"), "--data", str(toy_dir)]) == 0
    assert "LINESTRING" in (tmp_path / "csv" / "roads.csv").read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
