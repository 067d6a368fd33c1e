"""The README's examples print what the tool really prints (scripts/refresh_readme.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_examples_are_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "refresh_readme", ROOT / "scripts" / "refresh_readme.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```console\n$ corridor route Damascus Baghdad" in text
    assert module.refreshed(text) == text, "run: python scripts/refresh_readme.py"
