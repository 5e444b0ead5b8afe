"""The figure grammar: how a source's words for a number become a :class:`Quantity`.

The grammar reads the *leading figure expression* of a text ("at least ten", "150-200",
"une cinquantaine", "almeno 40", "1959 or 1966") in seven languages, and accounts for every
word after it: each must be one that cannot change the figure (``_grammar.nouns``: "civilians
killed", "soldati maliani", "[1]"), else the text is refused with a message naming the words
not read. It tries readings in a fixed order and backtracks: the first reading that leaves no
word unaccounted for wins. docs/values.md lists every form.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

import attrs

from .._model.policy import DEFAULT_LEXICON, ValuePolicy
from .._model.values import Qualifier, Quantity
from ..errors import AmbiguousFigureError, ValueParseError
from .nouns import DURATION_UNITS, FOREIGN_SCALES, PERCENT_PHRASES, TRAILING_WORDS, split_words
from .numbers import (
    SCALE_NAMES,
    Figure,
    Token,
    as_number,
    figures,
    format_number,
    glued_hyphen,
    is_number_word,
    tokenize,
    word,
)

_Phrase = tuple[str, ...]
#: Phrases by their first word, each word's longest first (so that "a couple of" wins over
#: "a couple"): a reading tries only the phrases that start with the word it is at. The empty
#: phrase, which a lexicon may hold, is under ``None``: it matches anywhere.
Phrases = Mapping[str | None, tuple[_Phrase, ...]]


def _phrase(text: str) -> _Phrase:
    return tuple(t.norm for t in tokenize(text))


def _phrases(*texts: str) -> Phrases:
    by_first: dict[str | None, list[_Phrase]] = {}
    for phrase in sorted({_phrase(text) for text in texts}, key=lambda p: (-len(p), p)):
        by_first.setdefault(phrase[0] if phrase else None, []).append(phrase)
    return {first: tuple(phrases) for first, phrases in by_first.items()}


# Each table holds the words of English, French, Spanish, Portuguese, German, Italian and Dutch,
# in that order; docs/values.md lists them. A phrase is matched on folded tokens.
_ZERO = _phrases(
    "none", "nobody", "no one", "no-one", "nil", "aucun", "aucune", "personne", "nadie",
    "ninguno", "ninguna", "ninguém", "nenhum", "nenhuma", "niemand", "keiner", "nessuno",
    "nessuna", "niemand", "geen enkele",
)  # fmt: skip
# "no" + one of these nouns is zero; any other "no ..." is not ("no reliable figure").
_ZERO_DETERMINERS = frozenset(
    split_words(
        "no aucun aucune ningún ningun ninguna nenhum nenhuma kein keine keinen nessun nessuna geen"
    )
)
_ZERO_NOUNS = frozenset(
    split_words(
        """
        casualties casualty deaths death dead losses loss victims victim fatalities injuries
    injured wounded mort morts victime victimes blessé blessés perte pertes muerto muertos
    víctima víctimas herido heridos baja bajas morto mortos vítima vítimas ferido feridos
    tote toten todesopfer opfer verletzte verletzten verluste morto morti vittima vittime
    ferito feriti doden dode slachtoffers slachtoffer gewonden"""
    )
)
_ABOUT = _phrases(
    "about", "around", "roughly", "approximately", "approx", "approx.", "some", "~", "≈",
    "c.", "ca.", "circa", "an estimated", "estimated", "est.", "an approximate", "more or less",
    "environ", "quelque", "autour de", "à peu près", "approximativement", "aux alentours de",
    "grosso modo", "près d'environ",
    "alrededor de", "cerca de", "aproximadamente", "unos", "unas", "en torno a",
    "más o menos", "aprox.", "unos aproximadamente",
    "por volta de", "em torno de", "uns", "umas", "mais ou menos", "aprox",
    "etwa", "rund", "ungefähr", "zirka", "gegen", "an die", "schätzungsweise",
    "intorno a", "intorno ai", "intorno alle", "attorno a", "attorno ai", "all'incirca",
    "più o meno", "approssimativamente", "circa",
    "ongeveer", "rond", "rond de", "zo'n", "omstreeks", "naar schatting", "plusminus",
)  # fmt: skip
_NEARLY = _phrases(
    "nearly", "almost", "close to", "just under", "près de", "presque", "pas loin de",
    "casi", "cerca de casi", "quase", "perto de", "fast", "knapp", "beinahe", "nahezu",
    "quasi", "poco meno di", "vicino a", "bijna", "nagenoeg", "haast", "ruim onder",
)  # fmt: skip
_AT_LEAST = _phrases(
    "at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum",
    "at minimum", "upwards of", "as few as", "≥",
    "au moins", "pas moins de", "au minimum", "au bas mot",
    "al menos", "por lo menos", "como mínimo", "no menos de", "un mínimo de",
    "pelo menos", "no mínimo", "ao menos", "não menos de", "um mínimo de",
    "mindestens", "wenigstens", "zumindest", "nicht weniger als",
    "almeno", "come minimo", "non meno di", "perlomeno", "per lo meno", "quanto meno",
    "minstens", "ten minste", "tenminste", "minimaal", "niet minder dan",
)  # fmt: skip
_MORE_THAN = _phrases(
    "more than", "over", "well over", "just over", "well above", "just above",
    "slightly more than", "a little over", "in excess of", "above", "greater than", "plus de",
    "au-delà de",
    "más de", "mas de", "mais de", "acima de", "mehr als", "über", "ueber",
    "più di", "piu di", "oltre", "meer dan", "ruim", "boven de",
)  # fmt: skip
_AT_MOST = _phrases(
    "up to", "at most", "no more than", "not more than", "a maximum of", "maximum",
    "at maximum", "as many as", "≤",
    "jusqu'à", "au plus", "au maximum", "pas plus de", "tout au plus",
    "hasta", "como máximo", "a lo sumo", "no más de", "un máximo de",
    "até", "no máximo", "não mais de", "não mais que", "um máximo de",
    "bis zu", "höchstens", "maximal", "nicht mehr als",
    "fino a", "al massimo", "non più di", "massimo",
    "tot", "hooguit", "maximaal", "niet meer dan", "ten hoogste", "tot wel",
)  # fmt: skip
_FEWER_THAN = _phrases(
    "fewer than", "less than", "under", "below", "moins de", "menos de", "weniger als",
    "unter", "meno di", "minder dan",
)  # fmt: skip
OR_MORE = _phrases(
    "+", "or more", "or over", "and more", "and over", "ou plus", "et plus", "plus",
    "o más", "o mas", "ou mais", "oder mehr", "und mehr", "o più", "e più", "of meer",
    "en meer",
)  # fmt: skip
OR_LESS = _phrases(
    "or fewer", "or less", "ou moins", "o menos", "ou menos", "oder weniger", "o meno",
    "of minder",
)  # fmt: skip
OR_SO = _phrases("or so")
# Words that stress a figure without changing it: "only 5", "just 5", "seulement 5".
_ONLY = _phrases(
    "only", "just", "merely", "seulement", "solo", "sólo", "apenas", "nur", "lediglich",
    "soltanto", "solamente", "slechts", "maar",
)  # fmt: skip
# The bounds and hedges that sources also write after the figure and its nouns.
_POST_AT_LEAST = _phrases(
    "at least", "at the least", "at minimum", "au moins", "au minimum", "al menos",
    "por lo menos", "como mínimo", "pelo menos", "no mínimo", "ao menos", "mindestens",
    "wenigstens", "almeno", "come minimo", "minstens", "ten minste", "minimaal",
)  # fmt: skip
_POST_AT_MOST = _phrases(
    "at most", "at the most", "at maximum", "au plus", "tout au plus", "au maximum",
    "como máximo", "a lo sumo", "no máximo", "höchstens", "maximal", "al massimo", "hooguit",
    "maximaal", "ten hoogste",
)  # fmt: skip
_POST_ABOUT = _phrases(
    "approximately", "approx.", "circa", "ca.", "environ", "à peu près", "grosso modo",
    "aproximadamente", "más o menos", "mais ou menos", "etwa", "ungefähr", "zirka",
    "più o meno", "all'incirca", "ongeveer", "plusminus",
)  # fmt: skip
# A range opener and the words that may separate its two figures.
_RANGE_OPENERS: Mapping[str, frozenset[str]] = {
    "between": frozenset({"and"}),
    "entre": frozenset({"et", "y", "e", "a"}),  # "entre quatro a 15": Portuguese and Spanish
    "zwischen": frozenset({"und"}),
    "tra": frozenset({"e"}),
    "fra": frozenset({"e"}),
    "tussen": frozenset({"en"}),
    "from": frozenset({"to", "\u2013", "-"}),
    "de": frozenset({"à", "a"}),
    "von": frozenset({"bis"}),
    "da": frozenset({"a"}),
    "van": frozenset({"tot"}),
}
RANGE_SEPS = frozenset({"\u2013", "-", "to", "à", "a", "bis", "tot"})
ALTERNATIVE_SEPS = frozenset({"or", "ou", "o", "oder"})
# "une cinquantaine", "una decina", "un centenar", "uma dezena": about fifty, ten, a hundred.
_APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
    "decina": 10, "dozzina": 12, "quindicina": 15, "ventina": 20, "trentina": 30,
    "quarantina": 40, "cinquantina": 50, "sessantina": 60, "settantina": 70, "ottantina": 80,
    "novantina": 90, "centinaio": 100, "migliaio": 1000,
    "decena": 10, "docena": 12, "veintena": 20, "treintena": 30, "centenar": 100, "millar": 1000,
    "dezena": 10, "dúzia": 12, "vintena": 20, "centena": 100, "milhar": 1000,
}  # fmt: skip
_APPROX_ARTICLES = frozenset({"une", "un", "una", "uno", "um", "uma"})
# Scales after a vague word: "several thousand", "quelques centaines", "des dizaines de
# milliers", "several dozen", "decine di migliaia", "einige tausend".
_SCALES = {
    **dict.fromkeys(
        split_words(
            """
            hundred hundreds centaines cientos centenares centenas centinaia hundert hunderte
        honderd honderden"""
        ),
        100,
    ),
    **dict.fromkeys(
        split_words(
            """
            thousand thousands mille milliers mil miles milhares migliaia tausend tausende
        duizend duizenden"""
        ),
        1000,
    ),
    **dict.fromkeys(
        split_words("million millions millones milhões milioni millionen miljoen miljoenen"), 10**6
    ),
    **dict.fromkeys(split_words("dozen dozens dutzend douzaines"), 12),
    **dict.fromkeys(split_words("dizaines decenas dezenas decine"), 10),
}
_PLURAL_SCALES = frozenset(
    split_words("""hundreds thousands millions centaines milliers cientos centenares miles millones
    centenas milhares milhões centinaia migliaia milioni hunderte tausende millionen honderden
    duizenden miljoenen""")
)
_OF = frozenset({"of", "de", "di", "von", "van"})
# Words that, right after a figure, mean the text goes on with figures we did not read.
CONNECTORS = frozenset(
    split_words("or ou o oder to and et y e und en à a au until till through odd bis tot")
)
_PUNCTUATION = frozenset(",;:.()")
# Sources give two or three alternatives; the cap keeps the backtracking shallow.
_MAX_OPTIONS = 12


@attrs.frozen(kw_only=True)
class _Shape:
    """A reading before it becomes a Quantity: exact bounds, and the figures stated."""

    low: Fraction | None
    high: Fraction | None
    qualifier: Qualifier
    nominal: Fraction | None = None
    options: tuple[tuple[Fraction, Figure], ...] = ()
    stated: tuple[Fraction, ...] = ()


@attrs.define
class _Reader:
    ts: Sequence[Token]
    count: bool
    policy: ValuePolicy
    text: str
    notes: list[str] = attrs.Factory(list)
    # The tokens' normal forms, compared with phrases as slices (phrases are many).
    norms: tuple[str, ...] = attrs.field(init=False)
    figures_at: dict[int, list[Figure]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.norms = tuple(t.norm for t in self.ts)

    def match(self, i: int, phrases: Phrases) -> Iterator[int]:
        """Yield the end of every phrase that matches at ``i``, longest first."""
        norms = self.norms
        if i < len(norms):
            for p in phrases.get(norms[i], ()):
                end = i + len(p)
                if norms[i:end] == p:
                    yield end
        if None in phrases:
            yield i

    def figures(self, i: int) -> list[Figure]:
        """:func:`figures` at ``i``, read once however many readings try them."""
        found = self.figures_at.get(i)
        if found is None:
            found = self.figures_at[i] = figures(self.ts, i)
        return found

    def norm(self, i: int) -> str | None:
        return self.ts[i].norm if i < len(self.ts) else None

    def approximate(
        self, n: Fraction, below_only: bool = False, explicit: tuple[Fraction | None, ...] = ()
    ) -> _Shape:
        if explicit:
            low, high = explicit
        else:
            t = _tolerance(self.policy.tolerance)
            low, high = n * (1 - t), n if below_only else n * (1 + t)
            if self.count and self.policy.integer_counts:
                low, high = Fraction(math.floor(low)), Fraction(math.ceil(high))
        return _Shape(low=low, high=high, nominal=n, qualifier="approximate", stated=(n,))

    def at_least(self, n: Fraction, strict: bool) -> _Shape:
        # "more than 30" is 31 for a count; a measure has no next value, so it keeps 30.
        low = n + 1 if strict and self.count else n
        return _Shape(low=low, high=None, qualifier="at_least", stated=(n,))

    def at_most(self, n: Fraction, strict: bool) -> _Shape:
        high = n - 1 if strict and self.count else n
        low = Fraction(0) if self.count else None
        return _Shape(low=low, high=high, qualifier="at_most", stated=(n,))


@functools.lru_cache(maxsize=16)
def _tolerance(tolerance: float) -> Fraction:
    # str(): 0.1 means 1/10, not its binary; cached: Fraction's string parsing is slow.
    return Fraction(str(tolerance))


def _scaled(first: Fraction, last: Figure, first_fig: Figure) -> Fraction:
    # "between 2 and 3 million": the scale of the last figure carries to a smaller bare one.
    if first_fig.scale == 1 and last.scale > 1 and first < last.value / last.scale:
        return first * last.scale
    return first


def _group_may_carry(r: _Reader, a: Figure, b: Figure) -> bool:
    """Whether "a to b" may mean a thousand times ``a`` to ``b``: a bare first end of up to
    three digits before a last end written in digit groups ("10 à 15 000", "8-10,000")."""
    if a.scale != 1 or b.scale != 1 or a.end - a.start != 1 or b.end - b.start != 1:
        return False
    first, last = r.ts[a.start], r.ts[b.start]
    if first.kind != "num" or last.kind != "num" or not first.norm.isdigit():
        return False
    raw = r.text[last.start : last.end]
    grouped = any(not c.isdigit() for c in raw.strip())
    # A first end of zero carries nothing: a thousand times zero is zero ("0 to 15,000").
    return grouped and 0 < a.value < 1000 <= b.value and a.value * 1000 <= b.value


def _ranges(r: _Reader, i: int, seps: frozenset[str] = RANGE_SEPS) -> Iterator[tuple[_Shape, int]]:
    for a in r.figures(i):
        if r.norm(a.end) not in seps:
            continue
        if glued_hyphen(r.ts, a.end):
            # "forty-fifty": a hyphen inside words joins them; it is no range dash.
            if r.figures(a.end + 1):
                r.notes.append("a hyphen between number words is no range: write 'forty to fifty'")
            continue
        for b in r.figures(a.end + 1):
            if _group_may_carry(r, a, b):
                r.notes.append(
                    "the thousands of the last end may carry to the first ('10 to 15,000' is "
                    "10,000 to 15,000 in much reporting): write both ends in full"
                )
                continue
            low = _scaled(a.value, b, a)
            if low > b.value:
                r.notes.append("the range runs backwards")
                continue
            yield _Shape(low=low, high=b.value, qualifier="range", stated=(low, b.value)), b.end


def _paren_bounds(r: _Reader, i: int) -> Iterator[tuple[tuple[Fraction | None, ...], int]]:
    """Explicit bounds in parentheses, as format_value writes them: (900-1100), (≥10), (≤9)."""
    if r.norm(i) != "(":
        return
    if r.norm(i + 1) in ("≥", "≤"):
        for f in r.figures(i + 2):
            if r.norm(f.end) == ")":
                yield ((f.value, None) if r.norm(i + 1) == "≥" else (None, f.value)), f.end + 1
        return
    for shape, end in _ranges(r, i + 1):
        if r.norm(end) == ")":
            yield (shape.low, shape.high), end + 1


_ZERO_SHAPE = _Shape(low=Fraction(0), high=Fraction(0), nominal=Fraction(0), qualifier="exact")


def _zero(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    for end in r.match(i, _ZERO):
        yield _ZERO_SHAPE, end
    if r.norm(i) in _ZERO_DETERMINERS and word(r.ts, i + 1) in _ZERO_NOUNS:
        yield _ZERO_SHAPE, i + 2


@functools.lru_cache(maxsize=16)
def _lexicon_tables(words: tuple[str, ...]) -> tuple[Phrases, dict[tuple[str, ...], str]]:
    """A lexicon's phrases, tokenised once per lexicon rather than once per value parsed."""
    return _phrases(*words), {_phrase(word): word for word in words}


#: The last lexicon read and its tables: a policy's lexicon is one frozen mapping for a whole
#: dataset, so an identity check spares building and hashing a tuple of its phrases per value.
_last_lexicon: list[tuple[Mapping[str, object], tuple[Phrases, dict[tuple[str, ...], str]]]] = []


def _tables_of(lexicon: Mapping[str, object]) -> tuple[Phrases, dict[tuple[str, ...], str]]:
    if _last_lexicon and _last_lexicon[0][0] is lexicon:
        return _last_lexicon[0][1]
    tables = _lexicon_tables(tuple(lexicon))
    _last_lexicon[:] = [(lexicon, tables)]
    return tables


def _vague(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    lexicon = r.policy.lexicon
    phrases, keys = _tables_of(lexicon)
    for end in r.match(i, phrases):
        least, most = lexicon[keys[tuple(t.norm for t in r.ts[i:end])]]
        scale, j = 1, end
        if r.norm(j) in _OF and r.norm(j + 1) in _PLURAL_SCALES:
            scale, j = _SCALES[r.ts[j + 1].norm], j + 2
        elif r.norm(j) in _SCALES:
            scale, j = _SCALES[r.ts[j].norm], j + 1
            # "several hundred thousand": a larger scale multiplies the first.
            if r.norm(j) in _SCALES and _SCALES[r.ts[j].norm] > scale:
                scale, j = scale * _SCALES[r.ts[j].norm], j + 1
        yield (
            _Shape(
                low=None if least is None else Fraction(least * scale),
                high=None if most is None else Fraction(most * scale),
                qualifier="vague",
            ),
            j,
        )
    if r.norm(i) == "vague":  # the canonical form: "vague (24-199)"
        for (low, high), end in _paren_bounds(r, i + 1):
            yield _Shape(low=low, high=high, qualifier="vague"), end


def _approximate(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    if word(r.ts, i) in _APPROX_ARTICLES and word(r.ts, i + 1) in _APPROX_NOUNS:
        n, j = Fraction(_APPROX_NOUNS[r.ts[i + 1].norm]), i + 2
        if r.norm(j) in _OF and r.norm(j + 1) in _PLURAL_SCALES:
            n, j = n * _SCALES[r.ts[j + 1].norm], j + 2
        yield r.approximate(n), j
    for below_only, phrases in ((False, _ABOUT), (True, _NEARLY)):
        for start in r.match(i, phrases):
            if not below_only:
                # "about 150-200": the range already says how unsure it is; no second widening.
                for shape, end in _ranges(r, start):
                    yield attrs.evolve(shape, qualifier="approximate"), end
            for f in r.figures(start):
                for bounds, end in _paren_bounds(r, f.end):
                    low, high = bounds
                    if (low is None or low <= f.value) and (high is None or f.value <= high):
                        yield r.approximate(f.value, explicit=bounds), end
                yield r.approximate(f.value, below_only), f.end


def _bounds(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    for phrases, lower, strict in (
        (_AT_LEAST, True, False),
        (_MORE_THAN, True, True),
        (_AT_MOST, False, False),
        (_FEWER_THAN, False, True),
    ):
        for start in r.match(i, phrases):
            for f in r.figures(start):
                if lower:
                    yield r.at_least(f.value, strict), f.end
                elif f.value > 0 or not (strict and r.count):  # "fewer than 0" allows no count
                    yield r.at_most(f.value, strict), f.end


def _alternatives(r: _Reader, first: Figure) -> Iterator[tuple[_Shape, int]]:
    # "40 or 50", "40, 50 or 60", "40 or 50 or 60"; a list without "or" ("40, 50") is refused.
    def more(
        figs: tuple[Figure, ...], j: int, said_or: bool
    ) -> Iterator[tuple[tuple[Figure, ...], int]]:
        sep = r.norm(j)
        # An "or" glued to the figures around it is no word of its own: "0o17", "4o5".
        glued = 0 < j < len(r.ts) and r.ts[j].start == r.ts[j - 1].end and sep != ","
        if (sep == "," or sep in ALTERNATIVE_SEPS) and not glued and len(figs) < _MAX_OPTIONS:
            for f in r.figures(j + 1):
                yield from more((*figs, f), f.end, said_or or sep != ",")
        if said_or:
            yield figs, j

    for figs, end in more((first,), first.end, False):
        last = figs[-1]
        values = [_scaled(f.value, last, f) for f in figs[:-1]] + [last.value]
        yield (
            _Shape(
                low=min(values),
                high=max(values),
                qualifier="alternatives",
                options=tuple(zip(values, figs, strict=True)),
                stated=tuple(values),
            ),
            end,
        )


def _figure_led(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    yield from _ranges(r, i)
    for f in r.figures(i):
        for end in r.match(f.end, OR_MORE):
            yield r.at_least(f.value, strict=False), end
        for end in r.match(f.end, OR_LESS):
            yield r.at_most(f.value, strict=False), end
        for end in r.match(f.end, OR_SO):
            yield r.approximate(f.value), end
        yield from _alternatives(r, f)
        exact = _Shape(
            low=f.value, high=f.value, nominal=f.value, qualifier="exact", stated=(f.value,)
        )
        yield exact, f.end


def _range_openers(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    seps = _RANGE_OPENERS.get(r.norm(i) or "")
    if seps is not None:  # each opener is one word: a look-up, not a scan of phrases
        yield from _ranges(r, i + 1, seps)


# Words that can change a figure: a capitalised one ("Plus", "MORE") is no proper noun.
_CHANGES_FIGURE = frozenset(
    split_words(
        """
        more less fewer extra additional other others another further plus minus times each
    per every half demi mezzo medio meio halb twice double triple maybe perhaps possibly
    probably likely odd dozen dozens
    score scores percent cent k m mn bn tens about around over under up to or and"""
    )
)
# Elided articles and prepositions glued to a noun: "l'armée", "d'enfants", "dell'esercito".
_ELIDED = frozenset(split_words("l d qu j s n c dell all nell dall sull un quell"))
_ARITHMETIC = frozenset(
    split_words("plus + and et y e und en more additional another further other others")
)
_PERCENT = _phrases(*PERCENT_PHRASES)
# "14 blessés dont 8 graves", "40 killed, including 12 children": a part of the figure follows.
_SUBSET = frozenset(
    split_words(
        """dont including incl whom which among davon darunter cui cuales incluidos incluidas
        quais incluindo waaronder waarvan"""
    )
)
_DECIMAL_WORDS = frozenset(split_words("point virgule coma vírgula komma virgola"))
# "two and a half million", "deux millions et demi", "due milioni e mezzo".
_HALF = frozenset(split_words("half demi demie medio media meio meia mezzo mezza halb halve"))
# Words that are never a name, however capitalised ("40 A Day", "40 Prozent", "40 More"):
# every word of the grammar's tables, units, and words that change a figure.
_NOT_NAMES = frozenset(
    {
        *_CHANGES_FIGURE,
        *CONNECTORS,
        *_DECIMAL_WORDS,
        *_HALF,
        *DURATION_UNITS,
        *(w for p in PERCENT_PHRASES for w in split_words(p)),
        *(
            w
            for table in (_ZERO, _ABOUT, _NEARLY, _AT_LEAST, _MORE_THAN, _AT_MOST, _FEWER_THAN)
            for phrases in table.values()
            for phrase in phrases
            for w in phrase
        ),
        *(w for phrase in DEFAULT_LEXICON for w in split_words(phrase)),
        *_APPROX_NOUNS,
        *_SCALES,
    }
)
# The trailing words, less any that is a figure in one of the languages read ("tre", "een").
TRAILING = frozenset(w for w in TRAILING_WORDS if not is_number_word(w) and w not in SCALE_NAMES)


def _accounted(r: _Reader, k: int, first: bool) -> bool:
    """Whether the token ``ts[k]`` after a figure is one that cannot change it."""
    t = r.ts[k]
    if t.kind == "sym":
        return t.norm in _PUNCTUATION or (not first and glued_hyphen(r.ts, k))
    if t.kind == "num":
        return False
    w = t.norm
    if first and w in CONNECTORS:
        return False  # "40 or ...", "40 and ...": the text goes on with figures
    if w in TRAILING:
        return True
    if w in SCALE_NAMES or w in FOREIGN_SCALES or is_number_word(w):
        return False
    if w in r.policy.words:
        return True
    head, apostrophe, rest = w.partition("'")
    if apostrophe and head in _ELIDED and rest:
        return rest in TRAILING_WORDS or rest in r.policy.words or r.text[t.start].isupper()
    # A proper noun or its adjective ("Malian", "MNLA", "Wagner") names who, not how many;
    # a capitalised word shaped like a scale, a fraction, a rate or a unit of time changes the
    # figure ("2 Billionen", "zwei Drittel", "12 Lakh", "12 Daily", "12 Minuten") and is none.
    return r.text[t.start].isupper() and w not in _NOT_NAMES and _FIGURE_SHAPED.fullmatch(w) is None


#: "Billion" written with a capital after a figure: German's "Billion", French and Dutch
#: "billion"/"biljoen" are 10**12, English's "billion" 10**9. English writes it in lower case
#: mid-sentence, so a capital marks the long scale as often as a headline.
_LONG_SCALE = re.compile(r"(?<=\S)\s+(?:Billion(?:s|en)?|BILLION)\b")

#: Folded words that change the figure they follow although a capital makes them look like
#: names: scales and their plurals in any language, fractions ("Drittel", "Hundertstel"),
#: rates, and units of time. Refused rather than read as a name.
_FIGURE_SHAPED = re.compile(
    r"\w*(?:illion|illiard|yriad)\w*|lakhs?|crores?|\w+(?:tel|stel)|"
    r"daily|weekly|monthly|yearly|annually|hourly|t[aä]glich\w*|j[aä]hrlich\w*|w[oö]chentlich|"
    r"(?:minute|minuten|minuti|minutos|minutes|seconds?|sekunden?|hours?|stunden?|days?|"
    r"tage?n?|jours?|dias?|giorni|dagen?|weeks?|wochen?|semaines?|semanas?|settimane|"
    r"months?|monate?n?|mois|mes(?:es)?|mesi|maanden?|years?|jahre?n?|ans?|annees?|anos?|"
    r"anni|jaren?)"
)


def _unread(r: _Reader, j: int, stop: int | None = None) -> int | None:
    """The first token after a reading ending at ``j`` (and before ``stop``) that no rule
    accounts for, if any."""
    ts = r.ts
    if j < len(ts) and ts[j].kind in ("word", "num") and 0 < j and ts[j].start == ts[j - 1].end:
        return j  # "40k", "1959s": a glued suffix changes the figure
    k, first = j, True
    stop = len(ts) if stop is None else stop
    while k < stop:
        if ts[k].norm == "[":  # a citation marker: "[1]", "[a]", "[note 3]"
            close = next((m for m in range(k + 1, min(k + 5, len(ts))) if ts[m].norm == "]"), None)
            if close is None:
                return k
            k = close + 1
            continue
        if not _accounted(r, k, first):
            return k
        first = first and ts[k].kind != "word"
        k += 1
    return None


def _postposed(r: _Reader, shape: _Shape, end: int) -> _Shape | None:
    """A bound or hedge written after a figure and its nouns: "16 morts au moins", "15 morts
    environ", "40 killed at least". Only as the text's last words, and only after one figure."""
    ts, n = r.ts, len(r.ts)
    while n > end and ts[n - 1].norm in _PUNCTUATION:
        n -= 1
    assert shape.nominal is not None  # an exact reading states its figure
    for start in range(end, n):
        for table in (_POST_AT_LEAST, _POST_AT_MOST, _POST_ABOUT):
            if n in r.match(start, table) and _unread(r, end, stop=start) is None:
                if table is _POST_AT_LEAST:
                    return r.at_least(shape.nominal, strict=False)
                if table is _POST_AT_MOST:
                    return r.at_most(shape.nominal, strict=False)
                return r.approximate(shape.nominal)
    return None


def unread_after(text: str, start: int, policy: ValuePolicy) -> str | None:
    """The part of ``text`` from the ``start``-th token on that no rule accounts for, if any.

    For readers built on this grammar (durations) that read a figure themselves.
    """
    ts = tokenize(text)
    r = _Reader(ts, False, policy, text)
    k = _unread(r, start) if start < len(ts) else None
    return None if k is None else text[ts[k].start :].strip()


def _hint(r: _Reader, shape: _Shape, k: int, said: str) -> str:
    """What to write instead, built from the source's own figure where it can be."""
    ts, text = r.ts, r.text
    rest = [t.norm for t in ts[k:]]
    if rest[0] in _DECIMAL_WORDS or any(w in _HALF for w in rest):
        return "a decimal or fraction in words: write the figure in digits"
    if ts[k].start == ts[k - 1].end and ts[k].kind == "word":
        return "a suffix glued to a figure changes it: write the figure in full"
    if rest[0] == "odd" or rest[:2] == ["-", "odd"]:
        return f"'odd' makes the figure approximate: write 'about {said}'"
    if any(next(r.match(m, _PERCENT), None) is not None for m in range(k, len(ts))):
        return "a figure with '%' is a percent: declare the measure's kind as percent"
    if rest[0] in DURATION_UNITS:
        return "a figure with a unit of time is a duration: declare the measure's kind as duration"
    foreign = next((w for w in rest if w in FOREIGN_SCALES), None)
    if foreign is not None:
        scale = FOREIGN_SCALES[foreign]
        written = [format_number(as_number(v * scale)) for v in shape.stated]
        # A bound or hedge would need its own words again: only exact figures and ranges.
        plain = shape.qualifier in ("exact", "range") and 1 <= len(written) <= 2
        suggestion = f": write {'–'.join(written)!r}" if plain else ""
        return f"{foreign!r} is a scale word in a language the reader does not read{suggestion}"
    if any(t.kind == "num" or is_number_word(t.norm) for t in ts[k:]):
        if any(w in _SUBSET for w in [t.norm for t in ts[: k + 1]][-3:]):
            return (
                "what follows is a part of the figure: "
                "write the figure alone, the part as its own claim"
            )
        if rest[0] in _ARITHMETIC or any(w in ("more", "plus", "+") for w in rest):
            return "write the total, or two claims"
        if shape.qualifier != "exact":
            return (
                "a bound, hedge or range over a second figure has no one reading: make two claims"
            )
        m = next(m for m in range(k, len(ts)) if ts[m].kind == "num" or is_number_word(ts[m].norm))
        found = r.figures(m)
        other = text[ts[m].start : ts[found[0].end - 1].end] if found else ts[m].norm
        return f"a second figure: write '{said} or {other}' for alternatives, or make two claims"
    if rest[0] in SCALE_NAMES:
        return f"the scale word {rest[0]!r} was not read with the figure"
    unread = sorted(
        {
            ts[m].norm
            for m in range(k, len(ts))
            if ts[m].kind == "word" and not _accounted(r, m, False)
        }
    )
    changing = [w for w in unread if w in _CHANGES_FIGURE]
    if changing:
        return f"{changing[0]!r} changes the figure: write the figure it means"
    if unread:
        listed = ", ".join(map(repr, unread))
        if len(unread) == 1:
            return f"if {listed} does not change the figure, add it to the policy's words"
        return f"if {listed} do not change the figure, add them to the policy's words"
    return "write the figure alone"


def _integral(r: _Reader, shape: _Shape) -> bool:
    ok = all(v.denominator == 1 for v in shape.stated)
    if not ok:
        r.notes.append("a count is a whole number")
    return ok


def _only(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    for start in r.match(i, _ONLY):
        yield from _figure_led(r, start)


def _readings(r: _Reader) -> Iterator[tuple[_Shape, int]]:
    for form in (_zero, _vague, _approximate, _bounds, _range_openers, _only, _figure_led):
        yield from form(r, 0)


def _build(shape: _Shape, text: str, ts: Sequence[Token]) -> Quantity:
    def num(v: Fraction | None) -> int | float | None:
        return None if v is None else as_number(v)

    options = tuple(
        Quantity.exact(as_number(v), text=text[ts[f.start].start : ts[f.end - 1].end])
        for v, f in shape.options
    )
    return Quantity(
        low=num(shape.low),
        high=num(shape.high),
        text=text,
        nominal=num(shape.nominal),
        qualifier=shape.qualifier,
        options=options,
    )


def parse_quantity(text: str, *, count: bool, policy: ValuePolicy) -> Quantity:
    """Read a figure expression ("at least ten", "150-200", "une cinquantaine").

    Every word is accounted for: after the figure expression, only punctuation, citation
    markers, the words of :data:`claimdiff._grammar.nouns.TRAILING_WORDS`, the policy's ``words``
    and capitalised names may follow.

    Args:
        text: the source's words; a trailing noun phrase ("... civilians killed") is read over.
        count: read as a count: whole figures, "more than 30" is at least 31, "up to 50" starts
            at 0, approximate bounds are rounded outward when ``policy.integer_counts``.
        policy: tolerance, vague-word lexicon and extra trailing words.

    Returns:
        The quantity, keeping ``text`` exactly as given.

    Raises:
        ValueParseError: if no figure expression starts the text, or a word after it is not
            accounted for; the message names the unread words and what to write instead.
    """
    if (m := _LONG_SCALE.search(text)) is not None:
        raise ValueParseError(
            f"expected a number, range or bound, got {text!r}; {m[0].strip()!r} is a thousand "
            "million in English but a million million in German, French and Dutch: write the "
            "figure in digits"
        )
    ts = tokenize(text)
    r = _Reader(ts, count, policy, text)
    best: tuple[int, int, _Shape] | None = None  # the reading that went furthest, for the message
    try:
        for shape, end in _readings(r):
            k = _unread(r, end)
            if k is not None and shape.qualifier == "exact":
                postposed = _postposed(r, shape, end)
                if postposed is not None:
                    shape, k = postposed, None
            if k is None:
                if not count or _integral(r, shape):
                    return _build(shape, text, ts)
            elif best is None or k > best[0]:
                best = (k, end, shape)
    except AmbiguousFigureError as e:
        r.notes.append(str(e))
    message = f"expected a number, range or bound, got {text!r}"
    notes = list(dict.fromkeys(r.notes))
    if best is not None and not notes:
        k, end, shape = best
        read, unread = text[: ts[k - 1].end].strip(), text[ts[k].start :].strip()
        said = text[: ts[end - 1].end].strip()
        try:
            hint = _hint(r, shape, k, said)
        except AmbiguousFigureError as e:
            # The hint reads the figures after the part read ("NON0.000"); an ambiguous one
            # there is the better note.
            notes.append(str(e))
        else:
            notes.append(f"read {read!r} but not {unread!r}: {hint}")
    raise ValueParseError("; ".join([message, *notes]))
