"""Progress for long runs: a bar on a terminal, nothing when output is piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import Progress


@contextmanager
def progress_bar(total: int, what: str) -> Iterator[Callable[[int], None]]:
    """Yield a function that advances a progress bar by n; silent unless stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    with Progress(transient=True) as progress:
        task = progress.add_task(what, total=total)
        yield lambda n: progress.advance(task, n)
