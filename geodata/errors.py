"""The errors geodata raises; every one the tool reports derives from :class:`CorridorError`.

A command-line run turns these (and only these) into one line on stderr and exit code 2; any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geodata.problems import Problem

__all__ = ["CorridorError", "DataError", "UnknownNameError"]


class CorridorError(Exception):
    """Base of every error that says what is wrong with a request or its data, and the fix."""


class DataError(CorridorError, ValueError):
    """A dataset file is missing, malformed or inconsistent.

    ``problems`` lists every problem found, when more than one is known.
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)


class UnknownNameError(CorridorError, ValueError):
    """A name matches no record (the message suggests the closest), or more than one.

    ``suggestions`` holds the closest names, if any were close enough to suggest.
    """

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions: tuple[str, ...] = tuple(suggestions)
