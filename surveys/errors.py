"""Exceptions raised by the surveys package."""

from __future__ import annotations

from collections.abc import Iterable


class DefinitionError(Exception):
    """One problem in one survey definition file."""

    def __init__(self, file: str, path: str, reason: str) -> None:
        self.file = file
        self.path = path
        self.reason = reason
        super().__init__(f"{file}: {path}: {reason}")

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.reason}"

    def __repr__(self) -> str:
        return f"DefinitionError({self.file!r}, {self.path!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DefinitionError):
            return NotImplemented
        return (self.file, self.path, self.reason) == (other.file, other.path, other.reason)

    def __hash__(self) -> int:
        return hash((self.file, self.path, self.reason))


class DefinitionErrors(Exception):
    """Every problem found in one or more definition files, so officers can fix them in one go."""

    def __init__(self, errors: Iterable[DefinitionError]) -> None:
        self.errors: list[DefinitionError] = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.errors) == 1:
            return str(self.errors[0])
        lines = [f"{len(self.errors)} problems in survey definitions:"]
        lines += [f"  - {error}" for error in self.errors]
        return "\n".join(lines)


class AnswerError(ValueError):
    """An answer that cannot be accepted; `message` is written to be shown to a child."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class SchemaVersionError(ValueError):
    """A definition document whose `schema` this code cannot read or upgrade."""
