"""The Population data set (Pasternack and Roth) as claimdiff claims.

Layout: ``<root>/population/population_claims.csv`` (ObjectID = city, PropertyID =
``Population<year>``, PropertyValue, SourceID = Wikipedia editor, TimeStamp) and
``<root>/population/population_truth.csv`` (ObjectID, PropertyID, PropertyValue).

Each row becomes a claim that the city (``event``) had ``measure="population"`` equal to an
exact count ``as_of`` the year (a :class:`DateValue` spanning it), claimed by the editor. The
gold value of an item is exact, and so is the evaluation rule: an estimate is correct when it
equals the gold count; "within 1%" is reported beside it.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

from .._model.claims import Claim
from .._model.values import DateValue, Quantity, Value
from ._gold import GoldData, ItemKey


def _year(property_id: str) -> DateValue | None:
    digits = property_id.removeprefix("Population").lstrip("/")  # "Population/2006" occurs
    if not (digits.isdigit() and 1800 <= int(digits) <= 2100):  # "Population0013" occurs too
        return None
    y = int(digits)
    return DateValue(low=dt.date(y, 1, 1), high=dt.date(y, 12, 31), text=digits, precision="year")


def _count(text: str) -> Quantity | None:
    digits = text.strip().replace(",", "")
    return Quantity.exact(int(digits), text=text) if digits.isdigit() else None


def load_population(root: str | Path) -> GoldData:
    """Read the Population data set under ``root`` into claims and gold truth.

    Args:
        root: the folder that holds ``population/`` (the benchmark passes
            ``../shared/datasets``).

    Returns:
        One claim per row with a count and a year; rows without are counted in ``skipped``.
    """
    base = Path(root) / "population"
    claims: list[Claim] = []
    skipped: Counter[str] = Counter()
    with (base / "population_claims.csv").open(encoding="utf-8", newline="") as f:
        for row_no, row in enumerate(csv.DictReader(f), 2):
            as_of, value = _year(row["PropertyID"]), _count(row["PropertyValue"])
            if as_of is None or value is None:
                skipped["no year" if as_of is None else "no count"] += 1
                continue
            claims.append(
                Claim(
                    id=f"population:{row_no}",
                    event=row["ObjectID"],
                    measure="population",
                    value=value,
                    as_of=as_of,
                    claimant=row["SourceID"],
                    document="population/population_claims.csv",
                )
            )
    truth: dict[ItemKey, Value] = {}
    with (base / "population_truth.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            as_of, gold = _year(row["PropertyID"]), _count(row["PropertyValue"])
            if as_of is not None and gold is not None:
                truth[(row["ObjectID"], "population", as_of)] = gold
    return GoldData(name="population", claims=tuple(claims), truth=truth, skipped=dict(skipped))
