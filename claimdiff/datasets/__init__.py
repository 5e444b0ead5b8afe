"""Adapters that turn public truth-discovery benchmarks into claimdiff claims with gold truth.

Each adapter reads the files as they are published (nothing is downloaded) and returns a
:class:`GoldData`: the claims, the gold value of the items that have one, and a count of the
cells that could not become claims, by reason.
"""

from ..errors import UnreadableCellError
from ._gold import GoldData, ItemKey, item_key
from .flight import load_flight, parse_flight_time
from .population import load_population

__all__ = [
    "GoldData",
    "ItemKey",
    "UnreadableCellError",
    "item_key",
    "load_flight",
    "load_population",
    "parse_flight_time",
]
