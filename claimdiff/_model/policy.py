"""How words of approximation and vagueness become bounds: a named, swappable policy.

Sources rarely say exactly what they mean: "about 1,000", "dozens", "heavy losses". A policy
says, once and in the open, which numbers such words allow. It is data (a frozen attrs class),
so a project can ship its own, compare reports under two policies, or record which one a
report used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .text import fold


def _fold_words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _freeze(
    mapping: Mapping[str, tuple[int | None, int | None]],
) -> Mapping[str, tuple[int | None, int | None]]:
    return MappingProxyType({k.casefold(): (v[0], v[1]) for k, v in mapping.items()})


#: Vague amounts and the count bounds they allow under the default policy. ``None`` is open.
#: Reasoning: "a few" and "several" are read as small numbers that exclude one and two is
#: usually "a couple"; "dozens" needs at least two dozen; "hundreds"/"thousands" at least two
#: hundred/thousand; words such as "heavy losses" or "many" only exclude "none" and "one or two",
#: so they carry a lower bound and no upper bound. Each bound is wide on purpose: a vague word
#: should contradict a figure only when no honest reading could join them.
DEFAULT_LEXICON: Mapping[str, tuple[int | None, int | None]] = _freeze(
    {
        "a couple": (2, 3),
        "a couple of": (2, 3),
        "a few": (2, 9),
        "few": (2, 9),
        "quelques": (2, 9),
        "several": (3, 19),
        "plusieurs": (3, 19),
        "a handful": (2, 9),
        "a dozen": (10, 14),
        "half a dozen": (5, 7),
        "dozens": (24, 199),
        "des dizaines": (20, 199),
        "scores": (40, 199),
        "hundreds": (200, 1999),
        "des centaines": (200, 1999),
        "thousands": (2000, 19999),
        "des milliers": (2000, 19999),
        "many": (10, None),
        "numerous": (10, None),
        "heavy losses": (10, None),
        "heavy casualties": (10, None),
        "considerable losses": (10, None),
        "lourdes pertes": (10, None),
        "light losses": (1, 9),
        "minor losses": (1, 9),
        # Plural scale words stack: "tens of thousands" is tens x 1000 (20,000-99,000).
        "tens": (20, 99),
        "millions": (2_000_000, 19_999_999),
        "des millions": (2_000_000, 19_999_999),
        # The same words in Spanish, Portuguese, German, Italian and Dutch.
        "varios": (3, 19),
        "varias": (3, 19),
        "vários": (3, 19),
        "várias": (3, 19),
        "mehrere": (3, 19),
        "diversi": (3, 19),
        "diverse": (3, 19),
        "parecchi": (3, 19),
        "meerdere": (3, 19),
        "verscheidene": (3, 19),
        "algunos": (2, 9),
        "algunas": (2, 9),
        "unos pocos": (2, 9),
        "alguns": (2, 9),
        "algumas": (2, 9),
        "einige": (2, 9),
        "ein paar": (2, 9),
        "alcuni": (2, 9),
        "alcune": (2, 9),
        "enkele": (2, 9),
        "decenas": (20, 199),
        "dezenas": (20, 199),
        "decine": (20, 199),
        "dutzende": (24, 199),
        "tientallen": (20, 199),
        "cientos": (200, 1999),
        "centenares": (200, 1999),
        "centenas": (200, 1999),
        "hunderte": (200, 1999),
        "centinaia": (200, 1999),
        "honderden": (200, 1999),
        "miles": (2000, 19999),
        "milhares": (2000, 19999),
        "tausende": (2000, 19999),
        "migliaia": (2000, 19999),
        "duizenden": (2000, 19999),
        "zehntausende": (20_000, 99_999),
        "tienduizenden": (20_000, 99_999),
        "hunderttausende": (200_000, 1_999_999),
        "honderdduizenden": (200_000, 1_999_999),
        "millones": (2_000_000, 19_999_999),
        "milhões": (2_000_000, 19_999_999),
        "millionen": (2_000_000, 19_999_999),
        "milioni": (2_000_000, 19_999_999),
        "miljoenen": (2_000_000, 19_999_999),
        "muchos": (10, None),
        "muchas": (10, None),
        "numerosos": (10, None),
        "muitos": (10, None),
        "muitas": (10, None),
        "viele": (10, None),
        "zahlreiche": (10, None),
        "molti": (10, None),
        "molte": (10, None),
        "numerosi": (10, None),
        "veel": (10, None),
        "talrijke": (10, None),
        "nombreux": (10, None),
        "de nombreux": (10, None),
        "de nombreuses": (10, None),
    }
)


@attrs.frozen(kw_only=True)
class ValuePolicy:
    """Named rules for reading approximate and vague figures and partial dates.

    Args:
        name: how reports refer to this policy.
        tolerance: relative half-width given to an approximate figure: "about 1,000" under 0.1
            allows 900-1,100. Applies to "about", "around", "roughly", "approximately", "some",
            "~", "nearly" (which allows only the lower half: nearly 50 is 45-50),
            "une cinquantaine".
        lexicon: vague words and the count bounds they allow.
        integer_counts: round the bounds of approximate counts outward to whole numbers.
        early_days: "early <month>" covers days 1 to ``early_days``.
        late_from: "late <month>" covers day ``late_from`` to the month's end; the middle of
            the month is what lies between. The defaults are the décades of French usage and
            of meteorological records (1-10, 11-20, 21-end), so "late October" includes the
            21st and every month's thirds start on the same days.
        words: words that may follow a figure without changing it, beyond the built-in list
            (``claimdiff._grammar.nouns.TRAILING_WORDS``): a corpus's own nouns ("technicals",
            "pinasses"). Matched case-insensitively, one word each.
    """

    name: str = "default"
    tolerance: float = attrs.field(
        default=0.1,
        validator=attrs.validators.and_(attrs.validators.ge(0.0), attrs.validators.lt(1.0)),
    )
    lexicon: Mapping[str, tuple[int | None, int | None]] = attrs.field(
        default=DEFAULT_LEXICON,
        converter=_freeze,
        hash=False,
        # A summary: the whole lexicon in every repr (and in docs/api.md's signatures) is noise.
        repr=lambda lexicon: f"<{len(lexicon)} phrases>",
    )
    integer_counts: bool = True
    early_days: int = 10
    late_from: int = 21
    words: frozenset[str] = attrs.field(default=frozenset(), converter=_fold_words)

    def vague(self, phrase: str) -> tuple[int | None, int | None] | None:
        """Bounds for a vague phrase, or ``None`` when the lexicon does not know it."""
        return self.lexicon.get(phrase.casefold().strip())


#: The policy used when none is given; documented in docs/values.md.
DEFAULT_POLICY = ValuePolicy()
