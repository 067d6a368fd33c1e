"""Sweeps on a Dask cluster give exactly what they give here."""

import contextlib
import datetime as dt
import io
from collections.abc import Iterator

import numpy as np
import pytest
from distributed import Client, LocalCluster

from corridor import Scenario
from corridor.cli import main
from corridor.combos import combination_matrices, combinations
from corridor.impact import default_pairs, impact
from corridor.routing import build_overlay
from corridor.routing.overlay import Overlay
from corridor.sweep import LOCAL, Runner, _Dask, dask_runner
from geodata import load_dataset

JULY = Scenario(as_of=dt.date(2025, 7, 1))
CROSSINGS = ["al-qaim", "al-walid", "nasib", "trebil", "rabia", "faysh-khabur"]


@pytest.fixture(scope="module")
def overlay() -> Overlay:
    from corridor import build_graph

    return build_overlay(build_graph(load_dataset()))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Runner]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local,
        Client(local) as client,
    ):
        yield _Dask(client)


def test_combos_on_two_workers_equal_the_local_run(overlay: Overlay, cluster: Runner) -> None:
    # A small batch (memory) makes many batches, so both workers get some.
    kwargs = {"crossings": CROSSINGS, "scenario": JULY, "memory": 1}
    here = combinations(overlay, "Damascus", "Baghdad", **kwargs)  # type: ignore[arg-type]
    there = combinations(overlay, "Damascus", "Baghdad", runner=cluster, **kwargs)  # type: ignore[arg-type]
    assert [(o.crossings, o.count) for o in there] == [(o.crossings, o.count) for o in here]
    for a, b in zip(here, there, strict=True):
        np.testing.assert_array_equal(a.masks, b.masks)
        assert (a.route is None) == (b.route is None)
        if a.route and b.route:
            assert a.route.distance_km == b.route.distance_km


def test_impact_and_the_full_table_on_two_workers_equal_the_local_run(
    overlay: Overlay, cluster: Runner
) -> None:
    pairs = default_pairs(overlay, between=("SY", "IQ"))
    # About 2 MB a chunk: several chunks of the 600-odd pairs, for both workers.
    here = impact(overlay, pairs, scenario=JULY, memory=1 << 21)
    there = impact(overlay, pairs, scenario=JULY, memory=1 << 21, runner=cluster)
    assert here == there
    table = list(combination_matrices(overlay, JULY, CROSSINGS[:4], memory=1, runner=LOCAL))
    spread = list(combination_matrices(overlay, JULY, CROSSINGS[:4], memory=1, runner=cluster))
    assert len(table) == len(spread) > 1
    for (m1, c1), (m2, c2) in zip(table, spread, strict=True):
        np.testing.assert_array_equal(m1, m2)
        np.testing.assert_array_equal(c1, c2)


def test_the_command_line_takes_a_scheduler(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["combos", "Damascus", "Baghdad", "--as-of", "2025-07-01", "--crossings"]
    args += [",".join(CROSSINGS[:3]), "--format", "json"]
    assert main(args) == 0
    here = capsys.readouterr().out
    assert main([*args, "--scheduler", "local"]) == 0
    assert capsys.readouterr().out == here


@pytest.mark.parametrize(
    ("scheduler", "message"),
    [
        ("nowhere", "use 'local' or an address like tcp://HOST:8786"),
        ("tcp://127.0.0.1:9", "cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
    ],
)
def test_a_bad_scheduler_is_one_line(
    scheduler: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("corridor.sweep.CONNECT_TIMEOUT", "1s")
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["impact", "--between", "SY,IQ", "--scheduler", scheduler])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and message in err


def test_dask_runner_yields_results_in_order() -> None:
    with dask_runner("local") as runner:
        assert list(runner.map(pow, 2, range(20))) == [2**i for i in range(20)]
