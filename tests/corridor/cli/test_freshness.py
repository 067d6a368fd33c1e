"""How old a status is: confirmed dates, ages, and the warning for routes for today."""

import datetime as dt
import json
from pathlib import Path

import pytest

from corridor.cli import main
from geodata.schema import COLUMNS
from tests.conftest import write_csv

# The toy's North crossing reopened for freight on 2025-06-10 and nothing was said since.
REOPENED = dt.date(2025, 6, 10)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def overlay(folder: Path, day: dt.date, status: str = "open") -> Path:
    path = folder / "seen.csv"
    row = {"crossing": "north", "date": day.isoformat(), "status": status, "mode": "freight",
           "direction": "both", "precision": "day", "note": "seen at the post", "source": "src",
           "kind": "confirmation"}  # fmt: skip
    write_csv(path, [*COLUMNS["status"], "kind"], [row])
    return path


def test_a_route_for_today_on_an_old_status_warns_on_stderr_only(
    capsys: pytest.CaptureFixture[str], toy_dir: Path
) -> None:
    code, out, err = run(
        capsys, "route", "west", "east", "--data", str(toy_dir), "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["crossings"] == ["north"]  # stdout stays JSON
    age = (dt.date.today() - REOPENED).days
    assert err.splitlines() == [
        "corridor: warning: routes for today rely on statuses older than 90 days: North crossing"
        f" confirmed 2025-06-10 ({age} days ago). Check them, or add what you know with "
        "--status FILE"
    ]


def test_a_fresh_status_overlay_confirms_and_silences_the_warning(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    seen = overlay(tmp_path, dt.date.today() - dt.timedelta(days=3))
    args = ("route", "west", "east", "--data", str(toy_dir), "--status", str(seen))
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0 and err == ""
    assert json.loads(out)["crossings"] == ["north"]
    code, out, _ = run(capsys, "crossings", "--data", str(toy_dir), "--status", str(seen),
                       "--format", "json")  # fmt: skip
    north = next(c for c in json.loads(out) if c["id"] == "north")
    assert north["confirmed"] == (dt.date.today() - dt.timedelta(days=3)).isoformat()
    assert north["age_days"] == 3


def test_an_overlay_just_over_90_days_old_still_warns(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    seen = overlay(tmp_path, dt.date.today() - dt.timedelta(days=91))
    _, _, err = run(capsys, "route", "west", "east", "--data", str(toy_dir), "--status", str(seen))
    assert "North crossing confirmed" in err and "(91 days ago)" in err
    seen = overlay(tmp_path, dt.date.today() - dt.timedelta(days=90))
    _, _, err = run(capsys, "route", "west", "east", "--data", str(toy_dir), "--status", str(seen))
    assert err == ""


def test_no_warning_for_a_past_date_or_a_forced_crossing(
    capsys: pytest.CaptureFixture[str], toy_dir: Path
) -> None:
    data = ("--data", str(toy_dir))
    assert run(capsys, "route", "west", "east", *data, "--as-of", "2025-07-01")[2] == ""
    assert run(capsys, "route", "west", "east", *data, "--open", "north")[2] == ""


def test_compare_and_combos_warn_once(capsys: pytest.CaptureFixture[str], toy_dir: Path) -> None:
    data = ("--data", str(toy_dir))
    for args in (("compare", "west", "east", "--close", "south"), ("combos", "west", "east")):
        code, _, err = run(capsys, *args, *data, "--format", "json")
        assert code == 0 and len(err.splitlines()) == 1 and "older than 90 days" in err, args


def test_crossings_say_when_each_status_was_last_confirmed(
    capsys: pytest.CaptureFixture[str], toy_dir: Path
) -> None:
    data = ("--data", str(toy_dir), "--as-of", "2025-07-01")
    code, out, _ = run(capsys, "crossings", *data, "--format", "json")
    north = next(c for c in json.loads(out) if c["id"] == "north")
    assert code == 0 and north["confirmed"] == "2025-06-10" and north["age_days"] == 21
    _, out, _ = run(capsys, "crossings", *data)
    assert "confirmed 2025-06-10 (21 days ago)" in out


def test_the_map_panel_shows_the_warning(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "route.html"
    run(capsys, "route", "west", "east", "--data", str(toy_dir), "--map", str(target))
    html = target.read_text(encoding="utf-8")
    assert 'class="corridor-warning" role="alert">Routes for today rely on statuses older' in html
    fresh = tmp_path / "past.html"
    args = ("route", "west", "east", "--data", str(toy_dir), "--as-of", "2025-07-01")
    run(capsys, *args, "--map", str(fresh))
    assert 'class="corridor-warning"' not in fresh.read_text(encoding="utf-8")
