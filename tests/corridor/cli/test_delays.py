"""Border delays from the command line, the fastest route, hours ranked, and signed changes."""

import csv
import io
import json

import pytest

from corridor.cli import main
from tests.corridor.cli.test_cli import CLI

DAY = ("--as-of", "2025-07-01")


def test_delay_sets_one_crossing_and_all(cli: CLI) -> None:
    code, out, _ = cli(
        "route", "Westville", "Eastburg", *DAY, "--by", "time", "--format", "json",
        "--delay", "north=1", "--delay", "all=2",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["crossings"] == ["north"]
    assert data["border_delay_h"] == 1.0 and data["border_delay_estimated"] is True
    # A crossing's own value overrides all, whatever the order.
    assert data["scenario"]["delay_h"] == {"jo-iq": 2.0, "north": 1.0, "south": 2.0, "sy-jo": 2.0}


def test_delay_is_said_to_be_an_estimate_in_titles(cli: CLI) -> None:
    _, out, _ = cli(
        "compare", "Westville", "Eastburg", *DAY, "--close", "north", "--delay", "all=3",
        "--format", "markdown",
    )  # fmt: skip
    title = out.splitlines()[0]
    assert "border delays (estimates) set to 4 crossings 3 h" in title
    assert "Border delays are typical estimates" in out


def test_bad_delays_are_one_line_errors(cli: CLI) -> None:
    for value, expected in (
        ("nrth=2", "unknown crossing 'nrth'; closest ids: north"),
        ("north=-1", "the hours must be a number from 0 to 240"),
        ("north=nan", "the hours must be a number from 0 to 240"),
        ("north", "write ID=HOURS"),
    ):
        code, out, err = cli("route", "Westville", "Eastburg", *DAY, "--delay", value)
        assert code == 2 and not out
        assert expected in err and len(err.strip().splitlines()) == 1


def test_freight_by_distance_names_a_faster_route(cli: CLI) -> None:
    args = ("route", "Westville", "Eastburg", *DAY, "--delay", "north=30")
    code, out, _ = cli(*args)
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("Fastest:"))
    assert line.startswith("Fastest: via South crossing, ") and "instead of" in line
    data = json.loads(cli(*args, "--format", "json")[1])
    assert data["crossings"] == ["north"] and data["fastest"]["crossings"] == ["south"]
    assert data["fastest"]["time_h"] < data["time_h"]
    # No faster route: no line, and null in JSON.
    assert "Fastest" not in cli("route", "Westville", "Eastburg", *DAY)[1]
    assert (
        json.loads(cli("route", "Westville", "Eastburg", *DAY, "--format", "json")[1])["fastest"]
        is None
    )


def test_a_closure_that_saves_time_keeps_its_sign(cli: CLI) -> None:
    # By distance the route takes North, 30 h at the border; closed, South is longer but faster.
    args = ("compare", "Westville", "Eastburg", *DAY, "--delay", "north=30", "--close", "north")
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv")[1])))
    assert float(rows[1]["change_km"]) > 0 and float(rows[1]["change_h"]) < -20
    table = cli(*args)[1]
    assert "-2" in next(x for x in table.splitlines() if "North crossing closed" in x)


def test_impact_ranks_by_hours(cli: CLI) -> None:
    args = ("impact", *DAY, "--format", "json", "--delay", "north=30")
    by_time = json.loads(cli(*args, "--by", "time")[1])["crossings"]
    hours = [(c["pairs_cut"], c["added_h_total"]) for c in by_time]
    assert hours == sorted(hours, key=lambda h: (-h[0], -h[1]))
    assert by_time[0]["affected_pairs"] > 0
    code, out, _ = cli("impact", *DAY, "--by", "time")
    assert code == 0 and "ranked by hours added" in out


def test_a_faster_route_within_the_uncertainty_is_said_to_be_about_equal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Bundled data, 2025-07-01: by distance via Al-Qaim (21.7 h); by time a route 0.1 h faster,
    # far less than the hours either figure may be off.
    assert main(["route", "Damascus", "Baghdad", "--as-of", "2025-07-01"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Fastest:"))
    assert "about equal: within the uncertainty of the times" in line
    assert main(["route", "Damascus", "Baghdad", "--as-of", "2025-07-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fastest"]["time_within_uncertainty"] is True
