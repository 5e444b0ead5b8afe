"""Baselines: the contradictions curators have reviewed and expect, with their reasons.

A baseline entry names a group and the claims that contradict in it, and carries a
*fingerprint* of the contradiction as it was reviewed: the first 16 hex digits of the SHA-256 of
the group key and of its camps, each camp its claims' ids with their values, one per line
(format version 2). ``check`` matches entries by fingerprint, so when a claim moves to another
camp, a camp gains or loses a claim, or a claim's value changes, the contradiction is reported as
changed and must be reviewed again (and the old entry is stale). An entry whose reason is still
``TODO`` is reported as unreviewed.

Format version 1 fingerprinted the contradicting claims' ids only; such files are still read and
matched as they were written, with a warning that says how to upgrade them (``claimdiff
baseline PATHS -o FILE`` rewrites the file, keeping every reason).

The file is YAML, sorted by group, so that re-generating it gives a small diff::

    # claimdiff baseline: reviewed contradictions. Fill in each reason.
    version: 2
    acknowledged:
    - group: kidal-2014/killed/fama
      fingerprint: 3f1c0a9d2b7e4c55
      claims: [k14-killed-fama-mnla, k14-killed-fama-mali]
      reason: the MNLA counts the army's dead higher than the army does
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from .._reconciler.report import CrossContradiction, Group, Report
from ..errors import BaselineError

#: The reason written for new entries, until a curator gives one.
TODO_REASON = "TODO: why this contradiction is expected"
#: What a carried-over reason is prefixed with when the group's contradicting claims changed.
CHANGED_PREFIX = "TODO: the contradicting claims changed; was: "
#: The format written; 1 is still read (see the module's notes).
VERSION = 2

_HEADER = (
    "# claimdiff baseline: contradictions curators reviewed and expect.\n"
    "# Written by `claimdiff baseline`; re-running it keeps every reason that still matches.\n"
    "# Entries match by fingerprint: change a camp's claims or values to review it again.\n"
)


@attrs.frozen(kw_only=True)
class BaselineEntry:
    """One acknowledged contradiction.

    Args:
        group: the group key, as text (``kidal-2014/killed/fama``).
        fingerprint: see :func:`fingerprint`.
        claims: the contradicting claims' ids, sorted.
        reason: why curators expect the contradiction.
        line: where the entry starts in its file (for findings); not part of equality.
    """

    group: str
    fingerprint: str
    claims: tuple[str, ...] = ()
    reason: str = TODO_REASON
    line: int | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class Baseline:
    """The entries of a baseline file, and the file's name for findings."""

    entries: tuple[BaselineEntry, ...] = ()
    path: str | None = None
    #: The file's format version: how its fingerprints were made.
    version: int = VERSION

    def find(self, fp: str) -> BaselineEntry | None:
        """The entry with fingerprint ``fp``, if any."""
        return next((e for e in self.entries if e.fingerprint == fp), None)

    def fingerprint_of(self, group: Group) -> str:
        """The fingerprint of ``group``'s contradiction as this file's version makes it."""
        return fingerprint(group, version=self.version)

    def require_current(self) -> None:
        """Refuse a file of an older format where its fingerprints cannot be matched.

        Raises:
            BaselineError: when the file's format is older than :data:`VERSION`.
        """
        if self.version < VERSION:
            raise BaselineError(self.upgrade_message())

    def upgrade_message(self) -> str:
        """What to run to bring an older file to the current format, keeping its reasons."""
        return (
            f"{self.path or 'the baseline'} is baseline format {self.version}, which "
            "fingerprints the contradicting claims' ids only, not their camps and values; "
            f"upgrade it with `claimdiff baseline PATHS -o {self.path or 'FILE'}` "
            "(every reason is kept)"
        )


def contradicting_claims(group: Group) -> tuple[str, ...]:
    """The ids of the claims in some contradicting pair of ``group``, sorted."""
    # A group made by hand may list its pairs only; the reconciler fills in every claim.
    return group.contradicting or tuple(sorted({c for pair in group.contradictions for c in pair}))


def fingerprint(
    group: Group | str, claims: Iterable[str] | None = None, *, version: int = VERSION
) -> str:
    """The stable fingerprint of a group's contradiction.

    Args:
        group: a group, or a group key as text (then ``claims`` is required, and the
            fingerprint is of format version 1).
        claims: the contradicting claims' ids (format version 1 only); taken from the group
            when not given.
        version: the baseline format: 2 fingerprints the group's camps, each claim with its
            value; 1 the contradicting claims' ids only.

    Returns:
        The first 16 hex digits of ``sha256`` over the group key and, in version 2, one line
        per claim of each camp (``<camp>\t<id>\t<value>``, camps in their sorted order), or in
        version 1 the sorted contradicting ids.
    """
    if isinstance(group, Group) and version >= 2 and claims is None:
        values = {e.claim: e.value for e in group.entries}
        return camps_fingerprint(
            str(group.key), [[(cid, values.get(cid, "")) for cid in c.claims] for c in group.camps]
        )
    if isinstance(group, Group):
        key, ids = str(group.key), contradicting_claims(group) if claims is None else claims
    else:
        key, ids = group, claims or ()
    text = "\n".join((key, *sorted(ids)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def camps_fingerprint(key: str, camps: Iterable[Iterable[tuple[str, str]]]) -> str:
    """The version-2 fingerprint of the contradiction of the group ``key`` whose camps hold
    the ``(claim id, value as said)`` given, each camp's claims sorted by id (see
    :func:`fingerprint`)."""
    ordered = sorted(tuple(f"{cid}\t{value}" for cid, value in camp) for camp in camps)
    lines = [f"{i}\t{line}" for i, camp in enumerate(ordered) for line in camp]
    text = "\n".join((key, *lines))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cross_group(cross: CrossContradiction) -> str:
    """The text a baseline names a contradiction between two groups by: ``<key> & <key>``."""
    return " & ".join(str(k) for k in cross.groups)


def cross_fingerprint(cross: CrossContradiction) -> str:
    """The fingerprint of a contradiction between groups: of its rule, its groups and its
    message (which holds both sides' values), so that a change of either is reviewed again."""
    text = "\n".join((cross.rule, *(str(k) for k in cross.groups), cross.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entries_for(report: Report) -> tuple[BaselineEntry, ...]:
    """An entry for every contradiction in ``report`` (those between groups too), with the
    placeholder reason, sorted."""
    entries = [
        BaselineEntry(group=str(g.key), fingerprint=fingerprint(g), claims=contradicting_claims(g))
        for g in report.groups
        if g.verdict == "contradiction"
    ]
    entries.extend(
        BaselineEntry(group=cross_group(c), fingerprint=cross_fingerprint(c)) for c in report.cross
    )
    return tuple(sorted(entries, key=lambda e: (e.group, e.fingerprint)))


def merge(
    current: Sequence[BaselineEntry], existing: Baseline | None
) -> tuple[tuple[BaselineEntry, ...], tuple[BaselineEntry, ...]]:
    """Carry curators' reasons from ``existing`` over to the ``current`` entries.

    An entry whose fingerprint still matches keeps its reason. An entry for a group whose
    contradicting claims changed keeps the old reason behind :data:`CHANGED_PREFIX`, so the
    curator's words survive and the change is flagged for review. Curator text is never
    overwritten.

    Returns:
        The merged entries (sorted) and the existing entries that match no current
        contradiction at all, so the caller can say what was dropped.
    """
    if existing is None:
        return tuple(current), ()
    by_group: dict[str, list[BaselineEntry]] = {}
    for old in existing.entries:
        by_group.setdefault(old.group, []).append(old)
    used: set[str] = set()
    merged = []
    for entry in current:
        # An older file's entries are matched by the fingerprint they were written with.
        fp = entry.fingerprint if existing.version >= 2 else fingerprint(entry.group, entry.claims)
        same = existing.find(fp)
        if same is not None:
            used.add(same.fingerprint)
            merged.append(attrs.evolve(entry, reason=same.reason))
            continue
        olds = [o for o in by_group.get(entry.group, []) if o.fingerprint not in used]
        reviewed = [o for o in olds if not o.reason.startswith("TODO")]
        if reviewed:
            old = reviewed[0]
            used.add(old.fingerprint)
            merged.append(attrs.evolve(entry, reason=CHANGED_PREFIX + old.reason))
        else:
            used.update(o.fingerprint for o in olds)
            merged.append(entry)
    dropped = tuple(e for e in existing.entries if e.fingerprint not in used)
    return tuple(sorted(merged, key=lambda e: (e.group, e.fingerprint))), dropped


def dump_baseline(entries: Iterable[BaselineEntry]) -> str:
    """The YAML text of a baseline with ``entries``, sorted by group then fingerprint."""
    rows = [
        {
            "group": e.group,
            "fingerprint": e.fingerprint,
            "claims": list(e.claims),
            "reason": e.reason,
        }
        for e in sorted(entries, key=lambda e: (e.group, e.fingerprint))
    ]
    body = yaml.safe_dump(
        {"version": VERSION, "acknowledged": rows},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
    return _HEADER + body


_BASELINE_KEY = re.compile(rb"^acknowledged[ \t]*:", re.MULTILINE)


def is_baseline_file(path: str | Path) -> bool:
    """Whether ``path`` looks like a baseline: YAML with a top-level ``acknowledged`` key.

    No dataset has that key, so a baseline kept in a dataset's folder can be told apart
    without being named.
    """
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        with path.open("rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return False
    return _BASELINE_KEY.search(head) is not None


def read_baseline(path: str | Path) -> Baseline:
    """Read a baseline file written by :func:`dump_baseline` (or a bare list of entries).

    Raises:
        BaselineError: when the YAML is malformed or an entry lacks ``group`` or
            ``fingerprint``; the message names the file and line.
        OSError: when the file cannot be read.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BaselineError(
            f"{name}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    return parse_baseline(text, name)


def parse_baseline(text: str, name: str = "<baseline>") -> Baseline:
    """Parse baseline YAML ``text``; ``name`` is used in messages (see :func:`read_baseline`)."""
    try:
        # Aliases have no use in a baseline; refusing them keeps an alias bomb from expanding.
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise BaselineError(f"{name}:{line}: YAML aliases are not allowed in a baseline")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(error, "problem", None) or str(error)
        raise BaselineError(f"{where}: malformed YAML: {problem}") from None
    if node is None:
        return Baseline(path=name)
    items: Any = node
    # claimdiff always wrote a version; a file without one was written by hand, with the
    # fingerprints that messages show now.
    version = VERSION
    if isinstance(node, yaml.MappingNode):
        top = _mapping(node, name)
        unknown = sorted(set(top) - {"version", "acknowledged"})
        if unknown:
            raise BaselineError(
                f"{name}:{top[unknown[0]][0].start_mark.line + 1}: unknown key {unknown[0]!r} "
                "(expected 'version' and 'acknowledged')"
            )
        if "version" in top:
            version = _version(top["version"][1], name)
        items = top["acknowledged"][1] if "acknowledged" in top else None
    if items is None or (isinstance(items, yaml.ScalarNode) and items.tag.endswith(":null")):
        return Baseline(path=name, version=version)
    if not isinstance(items, yaml.SequenceNode):
        raise BaselineError(
            f"{name}:{items.start_mark.line + 1}: expected a list of acknowledged contradictions"
        )
    entries = tuple(_entry(item, name) for item in items.value)
    return Baseline(entries=entries, path=name, version=version)


def _version(node: yaml.Node, name: str) -> int:
    text = _scalar(node, name, "version")
    if text not in ("1", "2"):
        raise BaselineError(
            f"{name}:{node.start_mark.line + 1}: unknown baseline version {text!r} (this "
            f"claimdiff reads versions 1 and {VERSION}; a newer file needs a newer claimdiff)"
        )
    return int(text)


def _mapping(node: yaml.MappingNode, name: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise BaselineError(f"{name}:{key.start_mark.line + 1}: expected a text key")
        out[str(key.value)] = (key, value)
    return out


def _scalar(node: yaml.Node, name: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise BaselineError(f"{name}:{node.start_mark.line + 1}: expected text for {what}")
    return str(node.value)


_ENTRY_KEYS = ("group", "fingerprint", "claims", "reason")


def _entry(node: yaml.Node, name: str) -> BaselineEntry:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise BaselineError(f"{name}:{line}: expected an entry with a group and a fingerprint")
    fields: Mapping[str, tuple[yaml.Node, yaml.Node]] = _mapping(node, name)
    for key in fields:
        if key not in _ENTRY_KEYS:
            import difflib  # only on this error path

            close = difflib.get_close_matches(key, _ENTRY_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise BaselineError(f"{name}:{line}: unknown key {key!r}{hint}")
    for key in ("group", "fingerprint"):
        if key not in fields:
            raise BaselineError(f"{name}:{line}: entry has no {key!r}")
    claims: list[str] = []
    if "claims" in fields:
        seq = fields["claims"][1]
        if not isinstance(seq, yaml.SequenceNode):
            raise BaselineError(f"{name}:{seq.start_mark.line + 1}: expected a list of claim ids")
        claims = [_scalar(c, name, "a claim id") for c in seq.value]
    reason = _scalar(fields["reason"][1], name, "reason") if "reason" in fields else TODO_REASON
    return BaselineEntry(
        group=_scalar(fields["group"][1], name, "group"),
        fingerprint=_scalar(fields["fingerprint"][1], name, "fingerprint"),
        claims=tuple(sorted(claims)),
        reason=reason,
        line=line,
    )
