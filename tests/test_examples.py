"""Documented examples print what the tool really prints (scripts/refresh_examples.py)."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "refresh_examples", ROOT / "scripts" / "refresh_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "document", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_documented_examples_are_current(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert checker().refreshed(text) == text, "run: python scripts/refresh_examples.py"


def test_the_readme_shows_the_main_result() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```console\n$ corridor route Damascus Baghdad" in text


def test_the_checker_replaces_stale_output(toy_dir: Path) -> None:
    stale = f"```console\n$ corridor places --data {toy_dir}\nold output\n```\n"
    fresh = checker().refreshed(stale)
    assert "old output" not in fresh and "Westville" in fresh


@pytest.mark.parametrize(
    "command",
    [
        "corridor route Westvile Baghdad",  # a typo: exit 2
        "corridor route Damascus Baghdad --as-of 2025-07-01 --close al-qaim --close nasib "
        "--close faysh-khabur --close ibrahim-khalil --close al-walid --close rabia",  # exit 1
    ],
)
def test_the_checker_fails_on_a_failing_example(command: str) -> None:
    module = checker()
    text = f"```console\n$ {command}\nthe old output\n```\n"
    with pytest.raises(module.ExampleError, match="README example exits"):
        module.refreshed(text)
