"""The layout shows the architecture: maps -> corridor -> geodata, and nothing the other way."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The one module of corridor that may import maps (lazily): it draws for the command line.
DRAWING = ROOT / "corridor" / "cli" / "drawing.py"
HEAVY = ("geopandas", "pandas", "folium", "matplotlib", "branca")


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_geodata_depends_on_nothing_of_ours() -> None:
    for path in modules("geodata"):
        assert not imports(path) & {"corridor", "maps"}, path


def test_only_the_drawing_module_of_corridor_imports_maps() -> None:
    for path in modules("corridor"):
        if path != DRAWING:
            assert "maps" not in imports(path), path
    assert "maps" in imports(DRAWING)


def test_the_command_line_does_not_load_heavy_libraries_up_front() -> None:
    # They are imported inside the functions that need them (export, frames, maps).
    for path in modules("corridor"):
        top_level = {
            (n.names[0].name if isinstance(n, ast.Import) else n.module or "").split(".")[0]
            for n in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(n, ast.Import | ast.ImportFrom)
        }
        assert not top_level & set(HEAVY), (path, top_level & set(HEAVY))


def test_modules_stay_short() -> None:
    for package in ("geodata", "corridor", "maps"):
        for path in modules(package):
            if "cli" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").count("\n")
            assert lines <= 330, f"{path} has {lines} lines; split it by concern"


def test_every_public_name_of_a_package_is_the_thing_not_a_module() -> None:
    # Names load on first use; one that shares its module's name must still be the function.
    import corridor
    import geodata

    for package in (geodata, corridor):
        for name in package.__all__:
            value = getattr(package, name)
            assert not isinstance(value, types.ModuleType), (package.__name__, name)
            assert value.__name__ == name, (package.__name__, name)


def test_a_route_answered_from_the_cache_loads_no_reader_checker_or_geodesy(
    tmp_path: Path,
) -> None:
    # What keeps `corridor route` fast (benchmarks/cli.py): the cache holds what they build.
    script = (
        "import sys\n"
        "from corridor.cli import main\n"
        "main(['route', 'Damascus', 'Baghdad', '--as-of', '2025-07-01'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "CORRIDOR_CACHE_DIR": str(tmp_path)}
    run = [sys.executable, "-c", script]
    subprocess.run(run, env=env, check=True, capture_output=True)  # fills the cache
    loaded = set(
        subprocess.run(run, env=env, check=True, capture_output=True, text=True)
        .stdout.split("\n")[-2]
        .split()
    )
    assert "corridor.routing.core" in loaded  # it did route
    unwanted = {
        "pyproj",
        "geodata.readers",
        "geodata.validate",
        "geodata.roadchecks",
        "geodata.directory",
        "rich.progress",
        "scipy",
        *HEAVY,
    }
    assert not loaded & unwanted, loaded & unwanted
