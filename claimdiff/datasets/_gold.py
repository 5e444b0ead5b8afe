"""Claims with gold truth: what every benchmark adapter returns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import attrs

from .._model.claims import Claim
from .._model.values import DateValue, Value

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
            with no time), counted by reason; ``unreadable`` counts cells whose text looks like
            a value but cannot be read, which a user should look at.
        examples: the first unreadable cells, as ``file:line: message``.
    """

    name: str
    claims: tuple[Claim, ...]
    truth: Mapping[ItemKey, Value]
    skipped: Mapping[str, int] = attrs.field(factory=dict)
    examples: tuple[str, ...] = ()

    @property
    def unreadable(self) -> int:
        """How many cells (claims and gold alike) looked like a value but could not be read."""
        return sum(n for reason, n in self.skipped.items() if reason.startswith("unreadable"))

    def groups(self) -> dict[ItemKey, list[Claim]]:
        """The claims grouped by item, in claim order."""
        out: dict[ItemKey, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            out[item_key(claim)].append(claim)
        return dict(out)
