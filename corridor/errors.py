"""The errors corridor raises; each says what is wrong and how to fix it.

All derive from :class:`geodata.CorridorError`, the one base the command line catches (exit
code 2, or 1 for :class:`NoRouteError`); any other exception is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geodata.errors import CorridorError, DataError, UnknownNameError

if TYPE_CHECKING:
    from corridor.scenario import CrossingState

__all__ = [
    "CorridorError",
    "DataError",
    "InputError",
    "NoRouteError",
    "OutputError",
    "UnknownNameError",
]


class InputError(CorridorError, ValueError):
    """A request (an argument of a function or of the command line) cannot be done as written."""


class OutputError(CorridorError, OSError):
    """An output cannot, or must not, be written where it was asked for."""


class NoRouteError(CorridorError):
    """No road joins origin and destination under the scenario.

    ``reason`` says why in one line; ``blocked`` holds the crossings that stop the trip.
    """

    def __init__(self, reason: str, blocked: tuple[CrossingState, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.blocked = blocked
