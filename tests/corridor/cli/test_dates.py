"""The same trip on several dates: ``compare --dates`` and ``corridor.compare_dates``."""

import csv
import datetime as dt
import io
import json

import networkx as nx
import pytest

import corridor
from tests.corridor.cli.test_cli import CLI

DATES = "2024-06-01,2025-01-01,2025-07-01"


def test_compare_dates_api(toy_graph: nx.MultiDiGraph) -> None:
    days = [dt.date(2024, 6, 1), dt.date(2025, 1, 1), dt.date(2025, 7, 1)]
    result = corridor.compare_dates(toy_graph, "Westville", "Eastburg", dates=days)
    assert [d.date for d in result.dates] == days
    routes = [d.outcome.route for d in result.dates]
    assert all(routes)
    assert [r.crossings for r in routes if r] == [("north",), ("south",), ("north",)]
    assert dict(result.dates[1].statuses) == {"north": "closed", "south": "restricted"}
    first, second = result.changes
    assert (first.opened, first.closed) == ((), ("north",))
    assert (second.opened, second.closed) == (("north",), ())
    assert first.difference is not None and first.difference.delta_km > 0
    with pytest.raises(corridor.InputError, match=r"list of datetime\.date"):
        corridor.compare_dates(toy_graph, "west", "east", dates="2025-01-01")  # type: ignore[arg-type]


def test_compare_dates_table_json_csv_markdown(cli: CLI) -> None:
    args = ("compare", "Westville", "Eastburg", "--dates", DATES)
    code, out, _ = cli(*args)
    assert code == 0
    lines = out.splitlines()
    row = next(x for x in lines if x.lstrip().startswith("2025-01-01"))
    assert "South crossing" in row and "North crossing closed" in row
    assert "closed: North crossing" in row and " km" in row
    data = json.loads(cli(*args, "--format", "json")[1])
    assert [d["date"] for d in data["dates"]] == DATES.split(",")
    assert data["dates"][1]["crossings"] == ["south"]
    assert data["changes"][1] == data["changes"][1] | {"opened": ["north"], "closed": []}
    assert isinstance(data["changes"][0]["within_uncertainty"], bool)
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv")[1])))
    assert (rows[0]["date"], rows[0]["mode"], rows[0]["weight"]) == (
        "2024-06-01",
        "freight",
        "distance",
    )
    assert rows[1]["closed"] == "north" and float(rows[1]["change_km"]) > 0
    markdown = cli(*args, "--format", "markdown")[1]
    assert "mode: freight; weight: distance" in markdown and "| 2025-07-01 |" in markdown


@pytest.mark.parametrize("dates", ["2025-13-01,today", "2025-01-01", "yesterday,today"])
def test_bad_dates_are_one_line_errors(
    cli: CLI, capsys: pytest.CaptureFixture[str], dates: str
) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse's exit, with our one-line message
        cli("compare", "Westville", "Eastburg", "--dates", dates)
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and not out and len(err.strip().splitlines()) == 1
    assert err.startswith("corridor: error: argument --dates: ") and "date" in err
