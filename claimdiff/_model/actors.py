"""Actors declared once with their aliases and side, and the name resolution built on them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

import attrs

from .codes import FindingCode


def normalize_name(name: str) -> str:
    """The form under which names are matched: case-, accent- and spacing-insensitive.

    "FaMa", "FAMa" and "fama" match; so do "Goïta" and "Goita".
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("\u2013", "-").replace("\u2014", "-").split())


@attrs.frozen(kw_only=True)
class Actor:
    """Someone who fights, asserts, relays or controls: a state, an armed group, an outlet.

    Args:
        id: the stable identifier claims may use (``fama``).
        name: the display name (``Malian Armed Forces``).
        aliases: every other name the sources use, misspellings included.
        side: the side of the conflict the actor belongs to; ``None`` for third parties
            (UN missions, outlets, medical sources). Claims compare the claimant's side with
            the party's side to tell self-reported figures from adversary claims.
        kind: free label such as ``armed_group``, ``state``, ``outlet``, ``organisation``.
        notes: free text for curators.
        speaks_for: the actor this one is a voice of (a spokesperson, a minister, a general
            staff speaking for a government): its claims count as that actor's origin, side
            and perspective, transitively. A chain that comes back to itself is refused (the
            loader reports ``speaks-for-cycle`` and each actor of it then speaks for itself).
    """

    id: str
    name: str = ""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    side: str | None = None
    kind: str | None = None
    notes: str = ""
    speaks_for: str | None = None

    @property
    def label(self) -> str:
        """The name to show people."""
        return self.name or self.id

    def names(self) -> tuple[str, ...]:
        """The id, the name and every alias."""
        return (self.id, self.name, *self.aliases) if self.name else (self.id, *self.aliases)


@attrs.frozen
class ActorIndex:
    """Resolves any declared name of an actor to the actor; built once per dataset.

    Names that are not declared resolve to themselves, so a dataset without declarations still
    works; the loader reports undeclared names as findings when actors are declared.
    """

    actors: Mapping[str, Actor]
    _by_name: Mapping[str, str]
    #: Each voice's principal (see :attr:`Actor.speaks_for`), resolved through every link.
    _principals: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def build(cls, actors: Iterable[Actor]) -> ActorIndex:
        """Index ``actors`` by every name; raises ``ValueError`` when one name means two actors."""
        by_id: dict[str, Actor] = {}
        by_name: dict[str, str] = {}
        for actor in actors:
            if actor.id in by_id:
                raise ValueError(f"actor id {actor.id!r} is declared twice")
            by_id[actor.id] = actor
            for name in actor.names():
                key = normalize_name(name)
                other = by_name.setdefault(key, actor.id)
                if other != actor.id:
                    raise ValueError(
                        f"the name {name!r} is declared for two actors: {other!r} and {actor.id!r}"
                    )
        return cls(by_id, by_name, _principals(by_id, by_name)[0])

    def resolve(self, name: str) -> str:
        """The id of the actor called ``name``, or ``name`` itself when nobody is."""
        return self._by_name.get(normalize_name(name), name)

    def known(self, name: str) -> bool:
        """Whether ``name`` is a declared name of some actor."""
        return normalize_name(name) in self._by_name

    def get(self, name: str | None) -> Actor | None:
        """The actor called ``name``, if declared."""
        if name is None:
            return None
        return self.actors.get(self.resolve(name))

    def origin(self, name: str) -> str:
        """The id of the actor ``name`` speaks for, through every ``speaks_for`` link; the id
        of ``name``'s own actor (or ``name``) when it speaks for nobody."""
        actor_id = self.resolve(name)
        return self._principals.get(actor_id, actor_id)

    def side(self, name: str | None) -> str | None:
        """The side of the actor called ``name``, or of the actor it speaks for when that one
        has a side; ``None`` for third parties and strangers."""
        actor = self.get(name)
        if actor is None:
            return None
        principal = self.actors.get(self._principals.get(actor.id, actor.id))
        if principal is not None and principal.side is not None:
            return principal.side
        return actor.side

    def label(self, name: str) -> str:
        """The display name of ``name``'s actor, or ``name``."""
        actor = self.get(name)
        return actor.label if actor else name


@attrs.frozen
class MemoIndex(ActorIndex):
    """An :class:`ActorIndex` that remembers each name it resolved.

    Reconciling resolves the same few claimants, parties and outlets for every claim; name
    normalisation (Unicode decomposition) is the costliest step of the per-claim work, so the
    answers are kept for the length of one call (:func:`reconcile`, an estimate, learning
    reliability), never between calls.
    """

    _resolved: dict[str, str] = attrs.field(factory=dict, eq=False)
    _sides: dict[str | None, str | None] = attrs.field(factory=dict, eq=False)

    @classmethod
    def of(cls, index: ActorIndex) -> MemoIndex:
        """A memoising view of ``index``."""
        if isinstance(index, MemoIndex):
            return index
        return cls(index.actors, index._by_name, index._principals)

    def resolve(self, name: str) -> str:
        try:
            return self._resolved[name]
        except KeyError:
            resolved = self._resolved[name] = super().resolve(name)
            return resolved

    def side(self, name: str | None) -> str | None:
        try:
            return self._sides[name]
        except KeyError:
            side = self._sides[name] = super().side(name)
            return side


def _principals(
    by_id: Mapping[str, Actor], by_name: Mapping[str, str]
) -> tuple[dict[str, str], list[tuple[str, FindingCode, str]]]:
    """Each voice's principal, and the problems met: ``(actor id, code, message)``.

    A ``speaks_for`` naming nobody declared, or a chain that comes back to an actor already
    on it, is a problem; the actors concerned then speak for themselves, so that a bad
    declaration never merges origins it was not meant to. Linear: each actor is walked once.
    """
    target: dict[str, str] = {}
    problems: list[tuple[str, FindingCode, str]] = []
    for actor in by_id.values():
        if actor.speaks_for is None:
            continue
        to = by_name.get(normalize_name(actor.speaks_for))
        if to is None:
            problems.append(
                (
                    actor.id,
                    "undeclared-actor",
                    f"actor {actor.id!r} speaks for {actor.speaks_for!r}, which is not declared",
                )
            )
        elif to == actor.id:
            problems.append((actor.id, "speaks-for-cycle", f"actor {actor.id!r} speaks for itself"))
        else:
            target[actor.id] = to
    principal: dict[str, str] = {}
    cyclic: set[str] = set()
    for start in sorted(target):
        path: list[str] = []
        on_path: set[str] = set()
        at = start
        while at in target and at not in principal and at not in cyclic and at not in on_path:
            path.append(at)
            on_path.add(at)
            at = target[at]
        if at in on_path:  # the chain came back: every actor of the loop is refused
            loop = path[path.index(at) :]
            cyclic.update(loop)
            first = loop.index(min(loop))
            circle = [*loop[first:], *loop[:first], min(loop)]
            problems.append(
                (
                    min(loop),
                    "speaks-for-cycle",
                    "actors speak for each other in a circle: " + " -> ".join(circle),
                )
            )
            path = path[: path.index(at)]
            end = None
        elif at in cyclic:
            end = None
        else:
            end = principal.get(at, at)
        for voice in reversed(path):
            if end is None:
                cyclic.add(voice)  # speaks for an actor caught in a loop: not counted through
            else:
                principal[voice] = end
    return principal, problems


def speaks_for_problems(actors: Iterable[Actor]) -> list[tuple[str, FindingCode, str]]:
    """The problems of the ``speaks_for`` declarations of ``actors``: ``(actor id, finding
    code, message)`` for each target nobody declared and each circle, sorted."""
    by_id = {a.id: a for a in actors}
    by_name: dict[str, str] = {}
    for actor in by_id.values():
        for name in actor.names():
            by_name.setdefault(normalize_name(name), actor.id)
    return sorted(_principals(by_id, by_name)[1])
