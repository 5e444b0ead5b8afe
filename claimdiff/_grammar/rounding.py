"""The precision a figure written rounded carries: "2,500" next to "2,475", "13,000" next to
"12,944".

A rounding policy maps a figure to the interval it stands for when it was written rounded, or to
``None`` when it is read as exact. The reconciler asks it only where the figures as stated
contradict: a group that agrees as written is reported as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from .._model.values import Quantity

#: A rounding policy: the interval a rounded figure stands for, or ``None`` for "exact".
RoundingPolicy: TypeAlias = Callable[[Quantity], "tuple[float, float] | None"]

#: The share of a figure its rounding may stand for at most (see :func:`trailing_zeros`).
MAX_SHARE = 0.05
#: Figures below this are read as exact: "40" and "50" killed stay a contradiction.
SMALLEST_ROUNDED = 1000


def trailing_zeros(value: Quantity) -> tuple[float, float] | None:
    """A whole figure of at least 1,000 ending in two zeros or more stands for the figures
    that round to it: the whole figures from half a unit of its last non-zero digit below to
    just under half a unit above, at most 5% of it. The upper end is open, as rounding is, so
    two different round figures ("2,500" and "2,600") never share a figure and never agree.

    "2,500" is 2,450-2,549; "13,000" is 12,500-13,499; "10,000" is 9,500-10,499 (a
    figure of one significant digit is as often an order of magnitude as a rounding, so the
    share caps it); "2,475", "40" and "about 1,000" (already a span) are left as they are.
    """
    n = value.low
    if value.qualifier != "exact" or value.options or n is None or n != value.high:
        return None
    if isinstance(n, float):
        if not n.is_integer():
            return None
        n = int(n)
    if abs(n) < SMALLEST_ROUNDED:
        return None
    unit = 1
    while n % (unit * 10) == 0:
        unit *= 10
    if unit < 100:
        return None
    half = min(unit / 2, abs(n) * MAX_SHARE)
    return (n - half, n + half - 1)


def exact(value: Quantity) -> tuple[float, float] | None:
    """Every figure is exact as written: "2,500" and "2,475" contradict."""
    return None


#: The rounding policies by name.
ROUNDING: dict[str, RoundingPolicy] = {"trailing-zeros": trailing_zeros, "exact": exact}
#: The policy ``reconcile`` uses unless told otherwise.
DEFAULT_ROUNDING = "trailing-zeros"


def rounding_name(policy: str | RoundingPolicy | None) -> str:
    """The name a report records for ``policy``: its own, or a callable's ``__name__``."""
    if policy is None:
        return DEFAULT_ROUNDING
    if isinstance(policy, str):
        return policy
    return getattr(policy, "__name__", type(policy).__name__)


def rounding_policy(policy: str | RoundingPolicy | None) -> RoundingPolicy:
    """The policy named ``policy`` (``trailing-zeros``, ``exact``), or ``policy`` itself.

    Raises:
        ValueError: for a name that is no policy.
    """
    if policy is None:
        return ROUNDING[DEFAULT_ROUNDING]
    if callable(policy):
        return policy
    try:
        return ROUNDING[policy]
    except KeyError:
        known = ", ".join(sorted(ROUNDING))
        raise ValueError(f"unknown rounding policy {policy!r} (expected {known})") from None
