"""Actors declared once with their aliases and side, and the name resolution built on them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

import attrs


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
    """

    id: str
    name: str = ""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    side: str | None = None
    kind: str | None = None
    notes: str = ""

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
        return cls(by_id, by_name)

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

    def side(self, name: str | None) -> str | None:
        """The side of the actor called ``name``; ``None`` for third parties and strangers."""
        actor = self.get(name)
        return actor.side if actor else None

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
        return cls(index.actors, index._by_name)

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
