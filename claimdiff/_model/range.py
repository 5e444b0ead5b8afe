"""A range: the span of numbers or days some claims allow, as groups and estimates state it.

It lives in the model, below the estimates and the reconciler, because both speak of it: an
estimate's interval and a group's range are the same kind of thing.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

import attrs

#: One end of a range: a number, a day, or None when no claim states a finite bound.
Bound: TypeAlias = int | float | dt.date | None


@attrs.frozen(kw_only=True)
class Range:
    """The span of numbers or days some claims allow.

    ``low``/``high`` are the most extreme finite bounds the claims state; ``low_open`` or
    ``high_open`` say that some claim leaves that side open ("at least ten" next to
    "fourteen" spans 10-14, open above). ``None`` bounds appear only when no claim states a
    finite bound on either side.
    """

    low: Bound
    high: Bound
    low_open: bool = False
    high_open: bool = False
    text: str = ""
