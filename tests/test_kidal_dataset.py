"""Integrity of the curated Kidal example (``examples/kidal/``), checked with PyYAML alone.

The checks do not need the claimdiff loader: they read the YAML files as plain data and test
what a curator can get wrong by hand: quotes that are not verbatim, duplicate ids, names that
no declared actor carries, undeclared events and documents, misspelt field names.

Quotes are verified against the source documents, which are not in the repository (only short
quotes travel with the project). They are looked up in ``$CLAIMDIFF_SEEDS`` or else in
``<repo>/../shared/seeds``; when neither exists the quote check is skipped, unless ``$CI`` is
set, in which case it fails.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kidal"

TOP_LEVEL_KEYS = {"actors", "documents", "events", "claims", "measures"}
CLAIM_FIELDS = {
    "id",
    "event",
    "measure",
    "value",
    "party",
    "place",
    "as_of",
    "claimant",
    "stated",
    "via",
    "quote",
    "document",
    "stance",
    "notes",
}
CLAIM_REQUIRED = {"id", "event", "measure", "value", "claimant", "quote", "document"}
RELAY_FIELDS = {"outlet", "title", "url", "published", "ref"}
ACTOR_FIELDS = {"id", "name", "aliases", "side", "kind", "notes"}
EVENT_FIELDS = {"id", "name", "when", "place", "notes"}
DOCUMENT_FIELDS = {
    "id",
    "title",
    "author",
    "publisher",
    "published",
    "url",
    "license",
    "file",
    "notes",
}
SIDES = {"mali", "rebels", "jihadists"}
KINDS = {
    "state",
    "armed_group",
    "militia",
    "mercenary",
    "organisation",
    "outlet",
    "person",
    "source",
}
MEASURE_KINDS = {"count", "date", "category", "proposition"}
STANCES = {"asserts", "denies"}

#: Measures whose kind the library knows without a ``measures:`` declaration (mirrors
#: ``claimdiff._claims.DEFAULT_MEASURE_KINDS``; kept literal so this test needs only PyYAML).
DEFAULT_MEASURE_KINDS = {
    "killed": "count",
    "wounded": "count",
    "captured": "count",
    "missing": "count",
    "displaced": "count",
    "strength": "count",
    "casualties": "count",
    "vehicles_captured": "count",
    "vehicles_destroyed": "count",
    "hostages": "count",
    "date": "date",
    "start": "date",
    "end": "date",
    "founded": "date",
    "controller": "category",
    "outcome": "category",
}

#: Parties that are groups of people rather than actors.
PLAIN_PARTIES = {"civilians", "children"}

#: A category value that is not an actor's name must be a lowercase slug label.
LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, dict), f"{path.name}: the top level must be a mapping"
    return data


FILES: dict[str, dict[str, Any]] = {p.name: _load(p) for p in sorted(EXAMPLE.glob("*.yaml"))}


def _collect(key: str) -> list[tuple[str, dict[str, Any]]]:
    return [(name, rec) for name, data in FILES.items() for rec in (data.get(key) or [])]


CLAIMS = _collect("claims")
ACTORS = [rec for _, rec in _collect("actors")]
EVENTS = [rec for _, rec in _collect("events")]
DOCUMENTS = [rec for _, rec in _collect("documents")]
MEASURES: dict[str, str] = {}
for _data in FILES.values():
    MEASURES.update(_data.get("measures") or {})


def _claim_id(item: tuple[str, dict[str, Any]]) -> str:
    return str(item[1].get("id", f"<no id in {item[0]}>"))


CLAIM_PARAMS = [pytest.param(c, id=_claim_id(c)) for c in CLAIMS]


def _norm_name(name: str) -> str:
    """Case-, accent- and spacing-insensitive form, as ``claimdiff._actors.normalize_name``."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("\u2013", "-").replace("\u2014", "-").split())


ACTOR_NAMES = {
    _norm_name(str(n))
    for a in ACTORS
    for n in [a.get("id"), a.get("name"), *(a.get("aliases") or [])]
    if n
}


def _ws(text: str) -> str:
    return " ".join(text.split())


def _seeds_dir() -> Path | None:
    env = os.environ.get("CLAIMDIFF_SEEDS")
    candidate = Path(env) if env else REPO.parent / "shared" / "seeds"
    return candidate if candidate.is_dir() else None


class _Texts(dict):  # type: ignore[type-arg]
    """The seed documents' whitespace-normalised texts, by id, with a short repr for reports."""

    def __repr__(self) -> str:
        return f"<{len(self)} seed documents>"


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    directory = _seeds_dir()
    if directory is None:
        reason = (
            "the Kidal source documents are not in the repository; set CLAIMDIFF_SEEDS to the "
            "directory holding them (default <repo>/../shared/seeds) to verify the quotes"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    texts = _Texts()
    for doc in DOCUMENTS:
        path = directory / str(doc.get("file") or doc["id"])
        if path.is_file():
            texts[str(doc["id"])] = _ws(path.read_text(encoding="utf-8"))
    return texts


def test_dataset_is_there() -> None:
    assert {"actors.yaml", "sources.yaml", "events.yaml"} <= set(FILES)
    assert CLAIMS, "no claims found"
    assert len(DOCUMENTS) == 5


# (1) quotes are verbatim --------------------------------------------------------------------


@pytest.mark.parametrize("item", CLAIM_PARAMS)
def test_quote_is_in_document(item: tuple[str, dict[str, Any]], seeds: dict[str, str]) -> None:
    _, claim = item
    document = str(claim.get("document"))
    assert document in seeds, f"document {document!r} not found in the seeds directory"
    quote = _ws(str(claim.get("quote") or ""))
    assert quote, "empty quote"
    assert quote in seeds[document], f"quote not found verbatim in {document}: {quote!r}"


# (2) ids are unique -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "records"),
    [
        ("claim", [c for _, c in CLAIMS]),
        ("actor", ACTORS),
        ("event", EVENTS),
        ("document", DOCUMENTS),
    ],
)
def test_ids_are_unique(what: str, records: list[dict[str, Any]]) -> None:
    counts = Counter(str(r.get("id")) for r in records)
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate {what} ids: {duplicates}"


def test_actor_names_are_unambiguous() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for actor in ACTORS:
        for name in [actor.get("id"), actor.get("name"), *(actor.get("aliases") or [])]:
            if not name:
                continue
            other = owner.setdefault(_norm_name(str(name)), str(actor["id"]))
            if other != actor["id"]:
                clashes.append(f"{name!r}: {other} and {actor['id']}")
    assert not clashes, "names declared for two actors: " + "; ".join(clashes)


# (3) names resolve to declared actors -------------------------------------------------------


def _measure_kind(measure: str) -> str | None:
    return MEASURES.get(measure) or DEFAULT_MEASURE_KINDS.get(measure)


@pytest.mark.parametrize("item", CLAIM_PARAMS)
def test_names_resolve_to_actors(item: tuple[str, dict[str, Any]]) -> None:
    _, claim = item
    unknown = []
    claimant = claim.get("claimant")
    if claimant is not None and _norm_name(str(claimant)) not in ACTOR_NAMES:
        unknown.append(f"claimant {claimant!r}")
    party = claim.get("party")
    if (
        party is not None
        and str(party) not in PLAIN_PARTIES
        and _norm_name(str(party)) not in ACTOR_NAMES
    ):
        unknown.append(f"party {party!r}")
    for relay in claim.get("via") or []:
        outlet = relay.get("outlet") if isinstance(relay, dict) else None
        if outlet is None or _norm_name(str(outlet)) not in ACTOR_NAMES:
            unknown.append(f"via outlet {outlet!r}")
    if _measure_kind(str(claim.get("measure"))) == "category":
        for member in re.split(r"\s+or\s+", str(claim.get("value"))):
            member = member.strip()
            if _norm_name(member) not in ACTOR_NAMES and not LABEL.fullmatch(member):
                unknown.append(f"category value {member!r} (neither an actor nor a slug label)")
    assert not unknown, "undeclared: " + ", ".join(unknown)


# (4) events are declared ---------------------------------------------------------------------


def test_events_are_declared() -> None:
    event_ids = {str(e.get("id")) for e in EVENTS}
    missing = sorted(
        f"{c.get('id')}: {c.get('event')!r}"
        for _, c in CLAIMS
        if str(c.get("event")) not in event_ids
    )
    assert not missing, "claims about undeclared events:\n" + "\n".join(missing)


# (5) documents are declared ------------------------------------------------------------------


def test_documents_are_declared() -> None:
    document_ids = {str(d.get("id")) for d in DOCUMENTS}
    missing = sorted(
        f"{c.get('id')}: {c.get('document')!r}"
        for _, c in CLAIMS
        if str(c.get("document")) not in document_ids
    )
    assert not missing, "claims quoting undeclared documents:\n" + "\n".join(missing)


# (6) only known keys and fields --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_has_only_known_top_level_keys(name: str) -> None:
    unknown = set(FILES[name]) - TOP_LEVEL_KEYS
    assert not unknown, f"{name}: unknown top-level keys {sorted(unknown)}"


@pytest.mark.parametrize("item", CLAIM_PARAMS)
def test_claim_has_only_known_fields(item: tuple[str, dict[str, Any]]) -> None:
    _, claim = item
    assert isinstance(claim, dict)
    assert not set(claim) - CLAIM_FIELDS, f"unknown fields {sorted(set(claim) - CLAIM_FIELDS)}"
    assert not CLAIM_REQUIRED - set(claim), f"missing fields {sorted(CLAIM_REQUIRED - set(claim))}"
    for relay in claim.get("via") or []:
        assert isinstance(relay, dict), f"a via entry must be a mapping, got {relay!r}"
        assert not set(relay) - RELAY_FIELDS, (
            f"unknown via fields {sorted(set(relay) - RELAY_FIELDS)}"
        )
    # Values and scopes are text in the value grammar: YAML must not have turned them into
    # numbers, booleans ("yes") or dates.
    for field in ("value", "as_of", "place", "party", "claimant", "quote"):
        if field in claim:
            assert isinstance(claim[field], str), f"{field} must be a string, got {claim[field]!r}"
    assert claim.get("stance", "asserts") in STANCES


def test_records_have_only_known_fields() -> None:
    problems = []
    for kind, records, fields in (
        ("actor", ACTORS, ACTOR_FIELDS),
        ("event", EVENTS, EVENT_FIELDS),
        ("document", DOCUMENTS, DOCUMENT_FIELDS),
    ):
        for record in records:
            extra = set(record) - fields
            if extra:
                problems.append(f"{kind} {record.get('id')}: unknown fields {sorted(extra)}")
    for actor in ACTORS:
        if actor.get("side") is not None and actor["side"] not in SIDES:
            problems.append(f"actor {actor['id']}: side {actor['side']!r} not in {sorted(SIDES)}")
        if actor.get("kind") not in KINDS:
            problems.append(
                f"actor {actor['id']}: kind {actor.get('kind')!r} not in {sorted(KINDS)}"
            )
    for event in EVENTS:
        if "when" in event and not isinstance(event["when"], str):
            problems.append(f"event {event['id']}: when must be a string")
    assert not problems, "\n".join(problems)


def test_measures_have_known_kinds() -> None:
    bad = {m: k for m, k in MEASURES.items() if k not in MEASURE_KINDS}
    assert not bad, f"measures with unknown kinds: {bad}"
    undeclared = sorted(
        {str(c.get("measure")) for _, c in CLAIMS if _measure_kind(str(c.get("measure"))) is None}
    )
    assert not undeclared, f"measures with no kind (declare them under `measures:`): {undeclared}"
