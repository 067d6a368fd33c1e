import io
import sys

import pytest

from corridor.progress import progress_bar


def test_no_bar_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with progress_bar(10, "things") as advance:
        advance(10)
    assert err.getvalue() == ""


def test_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    seen = []
    with progress_bar(10, "things") as advance:
        advance(4)
        seen.append(True)
    assert seen == [True]
