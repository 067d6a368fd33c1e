"""Every export says what it shows; tables are not wrapped when piped."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from tests.corridor.cli.test_cli import CLI

DAY = ("--as-of", "2025-07-01")


def test_csv_rows_carry_date_mode_and_weight(cli: CLI) -> None:
    for args in (
        ("compare", "Westville", "Eastburg", "--close", "south"),
        ("combos", "Westville", "Eastburg", "--by", "time"),
        ("impact", "--by", "time"),
    ):
        rows = list(csv.DictReader(io.StringIO(cli(*args, *DAY, "--format", "csv")[1])))
        assert rows, args
        weight = "time" if "time" in args else "distance"
        assert all(
            (r["date"], r["mode"], r["weight"]) == ("2025-07-01", "freight", weight) for r in rows
        )


def test_markdown_has_a_context_line(cli: CLI) -> None:
    out = cli("compare", "Westville", "Eastburg", *DAY, "--close", "south", "--format", "markdown")[
        1
    ]
    assert "date: 2025-07-01; mode: freight; weight: distance" in out.splitlines()[2]


def test_a_closure_off_the_route_says_so(cli: CLI) -> None:
    args = ("compare", "Westville", "Eastburg", *DAY, "--close", "south")
    table = cli(*args)[1]
    assert "+0 (not on the route)" in next(x for x in table.splitlines() if "closed" in x)
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv")[1])))
    assert [r["closed_on_route"] for r in rows] == ["", "False"]
    on_route = cli("compare", "Westville", "Eastburg", *DAY, "--close", "north")[1]
    assert "not on the route" not in on_route


def test_tables_do_not_wrap_into_a_pipe(toy_dir: Path) -> None:
    command = [sys.executable, "-m", "corridor", "compare", "Westville", "Eastburg", *DAY]
    command += ["--close", "north", "--data", str(toy_dir)]
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    row = next(x for x in lines if x.lstrip().startswith("North crossing closed"))
    assert len(row) > 80 and row.rstrip().endswith("SY > IQ")
    assert len([x for x in lines if "│" in x]) == 2  # one line per row, none wrapped
