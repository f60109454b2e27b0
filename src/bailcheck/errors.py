"""One exception tree for everything a user can get wrong, the one position type, and the exit
codes: each command's single error handler (cli/app.py) turns these into a message and a code."""

from __future__ import annotations

EXIT_OK = 0  # nothing at or above --fail-on
EXIT_FINDINGS = 1  # something at or above --fail-on (or a regression mismatch)
EXIT_ERROR = 2  # a record, rule file, template or command-line error
EXIT_INTERNAL = 3  # a bug in bailcheck: never shares a code with findings or input errors
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_BROKEN_PIPE = 141  # the reader of our output went away (128 + SIGPIPE)


class Problem:
    """One thing wrong with an input file, at a 1-based line and column.

    Immutable, compared and ordered as the tuple (path, line, column, message, hint). A plain
    class rather than a dataclass: it is defined on every start, where a dataclass's generated
    methods cost a millisecond."""

    __slots__ = ("column", "hint", "line", "message", "path")
    __match_args__ = ("path", "line", "column", "message", "hint")

    path: str
    line: int
    column: int
    message: str
    hint: str

    def __init__(self, path: str, line: int, column: int, message: str, hint: str = "") -> None:
        setter = object.__setattr__
        setter(self, "path", path)
        setter(self, "line", line)
        setter(self, "column", column)
        setter(self, "message", message)
        setter(self, "hint", hint)

    def _key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.message, self.hint)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Problem is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Problem is immutable")

    def __reduce__(self) -> tuple[type[Problem], tuple[str, int, int, str, str]]:
        return (Problem, self._key())

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() >= other._key()

    def __repr__(self) -> str:
        return (f"Problem(path={self.path!r}, line={self.line!r}, column={self.column!r}, "
                f"message={self.message!r}, hint={self.hint!r})")

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_record(self) -> dict[str, object]:
        out: dict[str, object] = {"message": self.message, "line": self.line, "column": self.column}
        if self.hint:
            out["hint"] = self.hint
        return out


class BailcheckError(Exception):
    """Base of every error bailcheck reports to its user (exit code 2)."""

    def __init__(self, problems: list[Problem] | str) -> None:
        super().__init__(problems)
        self.problems = [] if isinstance(problems, str) else sorted(problems)
        self.text = problems if isinstance(problems, str) else ""

    def __str__(self) -> str:
        if self.text:
            return self.text
        return "\n".join(str(p) for p in self.problems)


class InputError(BailcheckError):
    """A YAML file could not be read safely (size, encoding, syntax, aliases, nesting)."""


class RecordError(BailcheckError):
    """A bail record does not follow the record format."""


class PolicyError(BailcheckError):
    """A rule file is invalid."""


class TemplateError(BailcheckError):
    """A draft template is invalid or refers to a missing value."""


class UsageError(BailcheckError):
    """A command-line argument is wrong."""


class OutputError(BailcheckError):
    """A file the user asked for cannot be written (permission, full disk, not a regular file)."""
