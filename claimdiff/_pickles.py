"""Pickles of what a forked child found, for the process that joins it.

By default an instance of an attrs class with slots pickles its fields as a mapping from
their names, built when it is dumped and looked up field by field when it is loaded.
:func:`dumps` pickles it as the tuple of its fields in their order instead, which attrs's own
``__setstate__`` reads back, as it reads the pickles of attrs before 22.2. The groups a
child built whole, with their entries and camps, then dump in two thirds of the time, load in
four fifths and take a fifth less room (docs/performance.md). :func:`pickle.loads`
reads the result; nothing needs registering. Only classes whose ``__getstate__`` and
``__setstate__`` attrs made are pickled so: one that pickles itself its own way keeps it.
How a type is pickled is found the first time it is, and kept: a copyreg registration made
for a type after that is not seen here (a child that then fails to pickle leaves its work to
the parent).
"""

from __future__ import annotations

import copyreg
import io
import operator
import pickle
from collections.abc import Callable
from typing import Any, Final

import attrs

__all__ = ["dumps"]

_Reducer = Callable[[Any], Any]


class _Reducers(dict[type, _Reducer]):
    """The pickler's dispatch table: a reducer per type, found the first time the type is
    pickled: slotted attrs classes by their fields, the others as usual."""

    def __missing__(self, cls: type) -> _Reducer:
        if issubclass(cls, type):
            raise KeyError(cls)  # a class (of a metaclass): pickled by name, as usual
        reducer = copyreg.dispatch_table.get(cls) or _by_fields(cls) or _AS_USUAL
        self[cls] = reducer
        return reducer


#: What the pickler does with an object of a type no table names.
_AS_USUAL: Final = operator.methodcaller("__reduce_ex__", pickle.HIGHEST_PROTOCOL)
#: Instances made without ``__init__``, their state then set (pickle's NEWOBJ).
_NEW: Final = copyreg.__newobj__  # type: ignore[attr-defined]


def _by_fields(cls: type) -> _Reducer | None:
    """A reducer to the tuple of the fields, for a class attrs made with slots and with its
    own ``__getstate__`` and ``__setstate__``; else ``None``."""
    made = vars(cls)
    if not attrs.has(cls) or "__slots__" not in made:
        return None
    if (
        any(
            getattr(made.get(name), "__module__", None) != _ATTRS_MADE
            for name in ("__getstate__", "__setstate__")
        )
        or cls.__reduce_ex__ is not object.__reduce_ex__
        or cls.__reduce__ is not object.__reduce__
        or hasattr(cls, "__getnewargs_ex__")
        or hasattr(cls, "__getnewargs__")
    ):
        return None  # it pickles itself its own way
    names = [field.name for field in attrs.fields(cls)]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
        name = names[0]
        return lambda obj: (_NEW, (cls,), (getattr(obj, name),))
    get = operator.attrgetter(*names)
    return lambda obj: (_NEW, (cls,), get(obj))


@attrs.frozen
class _Probe:
    part: int


#: The module of the functions attrs makes (its own, wherever attrs keeps them).
_ATTRS_MADE: Final = vars(_Probe)["__setstate__"].__module__


_REDUCERS: Final = _Reducers()


def dumps(obj: Any) -> bytes:
    """``obj`` pickled (highest protocol), slotted attrs instances as tuples."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(obj)
    return buffer.getvalue()
