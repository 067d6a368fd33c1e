"""Re-run the documented examples (README.md and docs/*.md) and write their real output back.

Each ```console block starting with ``$ corridor ...`` is run (a trailing backslash continues the
command) and its output replaced; the README's Python API example is run and the block after
"prints" replaced. A document marked ``<!-- notebook -->`` (docs/notebook.md) is a notebook: its
```python cells run in order in one namespace; the ```text block after a cell holds what it
printed, then its last value as Jupyter shows it (a placeholder for an HTML view). An example
that exits non-zero or raises stops the refresh with its command: the README never keeps the old
text of a command that no longer works. ``--check`` only reports
(exit 1) whether a file is out of date; tests/test_examples.py runs the same check.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from corridor.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CONSOLE = re.compile(r"```console\n\$ (.*?)```", re.S)
NOTEBOOK = "<!-- notebook -->"
CELL = re.compile(r"```python\n(.*?)```\n(?:\n```text\n.*?```\n)?", re.S)
PYTHON = re.compile(r"(## Python API\n\n```python\n)(.*?)(```\n\nprints\n\n```\n)(.*?)(```)", re.S)


def _command(block: str) -> str:
    lines = block.split("\n")
    count = 1
    while lines[count - 1].endswith("\\"):
        count += 1
    return "\n".join(lines[:count])


class ExampleError(RuntimeError):
    """A README example does not run as documented."""


def _run(command: str) -> str:
    argv = shlex.split(command.replace("\\\n", " "))[1:]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    if code != 0:
        msg = f"README example exits {code}: {command!r}: {err.getvalue().strip()}"
        raise ExampleError(msg)
    return out.getvalue()


def _run_python(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    return out.getvalue()


def _shown(value: object) -> str:
    """Return what Jupyter shows of a cell's last value, as text."""
    if hasattr(value, "_repr_html_"):
        return f"[{type(value).__name__}: shown as HTML]"
    return repr(value)


def _run_cell(code: str, namespace: dict[str, Any], number: int) -> str:
    tree = ast.parse(code)
    final = tree.body[-1] if tree.body else None
    last = final.value if isinstance(final, ast.Expr) else None
    if last is not None:
        tree.body.pop()
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(tree, f"notebook cell {number}", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last), "cell", "eval"), namespace)
                if value is not None:
                    print(_shown(value))
    except Exception as exc:
        msg = f"notebook cell {number} raises {type(exc).__name__}: {exc}"
        raise ExampleError(msg) from exc
    return out.getvalue()


def notebook(text: str) -> tuple[str, dict[str, Any]]:
    """Run a notebook document's cells; return it with fresh outputs, and the namespace."""
    namespace: dict[str, Any] = {}
    numbers = iter(range(1, 1000))

    def cell(match: re.Match[str]) -> str:
        code = match.group(1)
        out = _run_cell(code, namespace, next(numbers))
        return f"```python\n{code}```\n" + (f"\n```text\n{out}```\n" if out else "")

    return CELL.sub(cell, text), namespace


def refreshed(text: str) -> str:
    """Return the README text with every example's output replaced by the real one."""

    def console(match: re.Match[str]) -> str:
        command = _command(match.group(1))
        return f"```console\n$ {command}\n{_run(command)}```"

    text = CONSOLE.sub(console, text)
    if NOTEBOOK in text:
        text = notebook(text)[0]
    found = PYTHON.search(text)
    if found:
        start, code, middle, _, end = found.groups()
        text = text.replace(found.group(0), start + code + middle + _run_python(code) + end)
    return text


if __name__ == "__main__":
    stale = []
    for document in DOCUMENTS:
        current = document.read_text(encoding="utf-8")
        new = refreshed(current)
        if new != current:
            stale.append(document)
            if "--check" not in sys.argv:
                document.write_text(new, encoding="utf-8")
    for document in stale:
        print(f"{'out of date' if '--check' in sys.argv else 'refreshed'}: {document}")
    sys.exit(int(bool(stale) and "--check" in sys.argv))
