"""The network commands: crossings (and their history), places, validate."""

import json
from pathlib import Path

import pytest

from corridor.cli import main


def test_crossing_history(capsys: pytest.CaptureFixture[str], toy_dir: Path) -> None:
    args = ["crossings", "--history", "North crossing", "--format", "json", "--data", str(toy_dir)]
    assert main(args) == 0
    history = json.loads(capsys.readouterr().out)
    assert history["id"] == "north" and history["sides"] == {"SY": "Nordside", "IQ": "Nordeast"}
    assert [e["date"] for e in history["events"]] == ["2010-01-01", "2024-12-08", "2025-06-10"]
    assert [e["status"] for e in history["events"]] == ["open", "closed", "open"]
    assert history["events"][1]["source"] == "https://example.org/source"
    assert main(["crossings", "--history", "south", "--data", str(toy_dir)]) == 0
    table = capsys.readouterr().out
    assert "South crossing: Sudside (SY) - Sudeast (IQ)" in table
    assert table.count("2010-01-01") == 2 and "2024-12-08" not in table  # south's events only


def test_crossings_table(capsys: pytest.CaptureFixture[str], toy_dir: Path) -> None:
    assert main(["crossings", "--as-of", "2025-03-01", "--data", str(toy_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Crossings on 2025-03-01 for freight")
    north = next(line for line in out.splitlines() if line.strip().startswith("north"))
    assert "closed" in north and "2024-12-08" in north
