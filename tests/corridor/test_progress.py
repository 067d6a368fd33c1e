"""The progress bar draws on a terminal (a real pseudo-terminal) and stays silent when piped."""

import io
import os
import pty
import subprocess
import sys
import textwrap

import pytest

from corridor.progress import progress_bar

CHILD = textwrap.dedent(
    """
    import time
    from corridor.progress import progress_bar
    with progress_bar(10, "combinations") as advance:
        for _ in range(10):
            advance(1)
            time.sleep(0.05)
    """
)


def test_no_bar_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with progress_bar(10, "things") as advance:
        advance(10)
    assert err.getvalue() == ""


def test_bar_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    assert child.wait(timeout=30) == 0
    os.close(leader)
    text = drawn.decode("utf-8", "replace")
    assert "combinations" in text  # the bar's label
    assert "\u2501" in text  # its bar
    assert "100%" in text or "━━━━━━━━━━" in text
