"""Relay chains as text: ``"Le Point [2] > encyclopedia"`` read into relays, and relays
written back as that text where it holds all of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._model.claims import Relay
from .messages import _Expected

_RELAY_TEXT = re.compile(r"(?P<outlet>.*?)\s*(?P<ref>\[[^\[\]]*\])?")
_REF = re.compile(r"\[[^\[\]]*\]")


def relay_from_text(text: str) -> Relay:
    """``"Le Point [2]"`` as ``Relay(outlet="Le Point", ref="[2]")``."""
    if "\n" in text or "\r" in text:
        # A line break is not part of a name; two relays are written "A > B".
        raise _Expected("an outlet's name on one line (a chain is written 'A > B')", text)
    match = _RELAY_TEXT.fullmatch(text.strip())
    if match is None or not match["outlet"]:
        raise _Expected("an outlet's name in the via chain", text)
    return Relay(outlet=match["outlet"], ref=match["ref"])


def relay_from_text_or_none(text: str) -> Relay | None:
    """:func:`relay_from_text`, or ``None`` for text without an outlet."""
    try:
        return relay_from_text(text)
    except _Expected:
        return None


def relay_text(relay: Relay) -> str | None:
    """The chain text of a relay, or ``None`` when the chain form cannot hold all of it."""
    if relay.title is not None or relay.url is not None or relay.published is not None:
        return None
    outlet = relay.outlet
    if relay_from_text_or_none(outlet) != Relay(outlet=outlet) or ">" in outlet:
        return None
    if relay.ref is None:
        return outlet
    return f"{outlet} {relay.ref}" if _REF.fullmatch(relay.ref) else None


def via_text(via: Sequence[Relay]) -> str | None:
    """The chain ``"Le Point [2] > encyclopedia"``, or ``None`` when it would lose something."""
    parts = [relay_text(r) for r in via]
    if not parts or any(p is None for p in parts):
        return None
    return " > ".join(p for p in parts if p is not None)
