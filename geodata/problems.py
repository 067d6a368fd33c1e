"""Problems found in a dataset: one type for what reading and validation find."""

from __future__ import annotations

from dataclasses import dataclass, field

from geodata.errors import DataError

__all__ = ["Problem", "ProblemLog"]


@dataclass(frozen=True)
class Problem:
    """One problem, located by file, record and field, with the fix in its message."""

    file: str
    message: str
    record: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = [self.file, self.record, f"field '{self.field}'" if self.field else ""]
        return ": ".join(part for part in where if part) + ": " + self.message

    def error(self) -> DataError:
        """Return this problem as an exception."""
        return DataError(str(self), (self,))


@dataclass
class ProblemLog:
    """Collects problems while a dataset is read, so one run reports every bad record."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Record a problem; the record it belongs to is left out of the dataset."""
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        """Record several problems."""
        self.problems.extend(problems)
