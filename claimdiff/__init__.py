"""claimdiff: reconcile conflicting claims from attributed sources."""

from ._actors import Actor
from ._claims import Claim, Dataset, Document, Event, Relay
from ._errors import ClaimdiffError, DatasetError, ValueParseError
from ._findings import Finding, Location
from ._policy import DEFAULT_POLICY, ValuePolicy
from ._values import Category, DateValue, Proposition, Quantity, Unknown

__all__ = [
    "DEFAULT_POLICY",
    "Actor",
    "Category",
    "Claim",
    "ClaimdiffError",
    "Dataset",
    "DatasetError",
    "DateValue",
    "Document",
    "Event",
    "Finding",
    "Location",
    "Proposition",
    "Quantity",
    "Relay",
    "Unknown",
    "ValueParseError",
    "ValuePolicy",
]
