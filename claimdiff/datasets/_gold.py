"""Claims with gold truth: what every benchmark adapter returns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import attrs

from .._claims import Claim
from .._values import DateValue, Value

#: What a gold value is about: event, measure and the date the figure holds for.
ItemKey = tuple[str, str, "DateValue | None"]


def item_key(claim: Claim) -> ItemKey:
    """The item ``claim`` answers, as gold truth is keyed (these data sets have no parties)."""
    return (claim.event, claim.measure, claim.as_of)


@attrs.frozen(kw_only=True)
class GoldData:
    """A benchmark's claims and gold truth.

    Args:
        name: the data set's name.
        claims: one claim per (source, item) cell that holds a usable value.
        truth: the gold value by item.
        skipped: cells that hold text but no value (``Not Available``, ``Cancelled``, a date
            with no time), counted by reason.
    """

    name: str
    claims: tuple[Claim, ...]
    truth: Mapping[ItemKey, Value]
    skipped: Mapping[str, int] = attrs.field(factory=dict)

    def groups(self) -> dict[ItemKey, list[Claim]]:
        """The claims grouped by item, in claim order."""
        out: dict[ItemKey, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            out[item_key(claim)].append(claim)
        return dict(out)
