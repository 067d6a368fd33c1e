"""Outputs never replace an input, never land in a dataset, and never leave debris."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from corridor.cli import main
from corridor.errors import OutputError
from corridor.outputs import Output, check_outputs, write_atomic
from tests.conftest import MakeDataset

ROUTE = ["route", "west", "east", "--as-of", "2020-01-01"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["--map", "{d}/places.csv"], "places.csv"),
        (["--png", "{d}/roads.geojson"], "roads.geojson"),
        (["--map", "{d}/status.csv"], "status.csv"),
        (["--map", "{d}/new-map.html"], "new-map.html"),
    ],
)
def test_route_outputs_never_go_into_the_dataset(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, args: list[str], target: str
) -> None:
    before = snapshot(toy_dir)
    filled = [a.replace("{d}", str(toy_dir)) for a in args]
    code, err = run(capsys, *ROUTE, "--data", str(toy_dir), *filled)
    assert code == 2 and str(toy_dir / target) in err
    assert "is an input of this run" in err or "lies inside the dataset folder" in err
    assert snapshot(toy_dir) == before


def test_map_out_onto_the_status_overlay(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    overlay = tmp_path / "mine.csv"
    overlay.write_text(
        "crossing,date,status,mode,direction,precision,note,source\n"
        "north,2020-01-01,open,all,both,day,,https://example.org/x\n"
    )
    text = overlay.read_text()
    code, err = run(
        capsys, "map", "--out", str(overlay), "--status", str(overlay), "--data", str(toy_dir)
    )
    assert code == 2 and f"--out {overlay} is an input of this run ({overlay})" in err
    assert overlay.read_text() == text


def test_export_never_replaces_a_dataset(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, make_dataset: MakeDataset
) -> None:
    before = snapshot(toy_dir)
    for fmt in ("csv", "geojson", "gpkg"):
        target = toy_dir if fmt != "gpkg" else toy_dir / "net.gpkg"
        code, err = run(capsys, "export", "--format", fmt, str(target), "--data", str(toy_dir))
        assert code == 2 and "lies inside the dataset folder" in err
    other = make_dataset()
    code, err = run(capsys, "export", "--format", "csv", str(other), "--data", str(toy_dir))
    assert code == 2 and "holds a dataset; export into another folder" in err
    assert snapshot(toy_dir) == before


def test_two_outputs_of_one_run(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    same = tmp_path / "out.html"
    code, err = run(capsys, *ROUTE, "--data", str(toy_dir), "--map", str(same), "--png", str(same))
    assert code == 2 and f"--map and --png would both write {same}" in err
    assert not same.exists()


def test_replacing_a_file_of_another_kind(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    picture = tmp_path / "route.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    code, err = run(capsys, *ROUTE, "--data", str(toy_dir), "--map", str(picture))
    assert code == 2 and "exists and is a PNG picture, not an HTML map" in err
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    code, err = run(capsys, *ROUTE, "--data", str(toy_dir), "--png", str(notes))
    assert code == 2 and "is a file of another kind, not a PNG picture" in err
    assert notes.read_text() == "my notes"


def test_a_replaced_map_keeps_its_mode(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "m.html"
    assert run(capsys, *ROUTE, "--data", str(toy_dir), "--map", str(target))[0] == 0
    target.chmod(0o600)
    assert run(capsys, *ROUTE, "--data", str(toy_dir), "--map", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "fresh.html"
    umask = os.umask(0o022)
    try:
        assert run(capsys, *ROUTE, "--data", str(toy_dir), "--map", str(fresh))[0] == 0
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644


def test_links_to_an_input_are_inputs(toy_dir: Path, tmp_path: Path) -> None:
    places = toy_dir / "places.csv"
    soft, hard = tmp_path / "soft.html", tmp_path / "hard.html"
    soft.symlink_to(places)
    os.link(places, hard)
    for path in (soft, hard):
        with pytest.raises(OutputError, match="is an input of this run"):
            check_outputs([Output("--map", path, "html")], inputs=[places], folders=[])


def test_pairs_and_weights_files_are_inputs(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("origin,destination\n")
    with pytest.raises(OutputError, match=r"--out .*pairs.csv is an input of this run"):
        check_outputs([Output("--out", pairs, "html")], inputs=[pairs], folders=[])


def test_an_interrupted_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_text("old map")

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("corridor.outputs.os.replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new map")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    assert target.read_text() == "old map"


# Runs the CLI in a child process whose rename (or GeoPackage write) blocks, so the test can
# signal it while a temporary file or folder exists.
CHILD = textwrap.dedent(
    """
    import sys, time
    import corridor.outputs, pyogrio
    real_replace = corridor.outputs.os.replace
    def slow_replace(a, b):
        time.sleep(60)
        real_replace(a, b)
    corridor.outputs.os.replace = slow_replace
    real_write = pyogrio.write_dataframe
    def slow_write(*args, **kwargs):
        real_write(*args, **kwargs)
        time.sleep(60)
    pyogrio.write_dataframe = slow_write
    from corridor.cli import main
    raise SystemExit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["map", "--out", "{o}/corridor.html"], "corridor.html"),
        (["export", "--format", "gpkg", "{o}/net.gpkg"], "net.gpkg"),
    ],
)
def test_killed_writes_leave_no_debris(
    toy_dir: Path, tmp_path: Path, signum: int, command: list[str], target: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{o}", str(out)) for a in command]
    child = subprocess.Popen(
        # --no-cache: the cache's own writes would block on the slowed rename first.
        [sys.executable, "-c", CHILD, *args, "--data", str(toy_dir), "--no-cache"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".") for p in out.iterdir()):
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline, "no temporary output appeared"
        time.sleep(0.05)
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 128 + signum, err
    assert "nothing was left half-written" in err and "Traceback" not in err
    assert list(out.iterdir()) == [], [p.name for p in out.iterdir()]
