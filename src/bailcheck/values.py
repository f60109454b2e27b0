"""Small value classes without dataclasses, for the results made for every record.

`Value` gives a class what a dataclass would: equality and hashing over its fields (less any
named in `_uncompared`), a repr naming each field, and pickling (worker processes send results
back); `Frozen` adds that no field can be assigned after construction, as `frozen=True` does.
A subclass names its fields, in the constructor's order, as `_FIELDS` and as its `__slots__`,
and sets them with `set_field` (or `fill`, when speed does not matter). Defining one costs a
fraction of a dataclass, which is generated code compiled at import.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from itertools import repeat
from typing import Any

set_field = object.__setattr__  # the one way to set a field of a Frozen value


class Value:
    __slots__ = ()
    _FIELDS: tuple[str, ...] = ()  # in the constructor's order
    _uncompared: tuple[str, ...] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def _compared(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS
                     if name not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Value) and other.__class__ is self.__class__:
            return self._compared() == other._compared()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{self.__class__.__qualname__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, self._fields())


class Frozen(Value):
    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise _frozen(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise _frozen(f"cannot delete field {name!r}")


def _frozen(message: str) -> AttributeError:
    """The error a frozen dataclass raises (an AttributeError), for code that catches it; its
    module is imported only here, on the way to the error, never at start-up."""
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(message)


def fill(value: Frozen, *fields: Any) -> None:
    """Set every field of a Frozen value, in order (its __init__ in one line). The fields are
    set by `map` rather than a loop: several are made for every record."""
    names = value._FIELDS
    if len(fields) != len(names):
        raise TypeError(f"{value.__class__.__name__} takes {len(names)} fields, not {len(fields)}")
    _consume(map(set_field, repeat(value), names, fields))


_consume: Callable[[Iterable[Any]], None] = deque(maxlen=0).extend  # runs an iterator through
