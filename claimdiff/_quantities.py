"""The count grammar: how a source's words for a number become a :class:`Quantity`.

The grammar reads the *leading figure expression* of a text ("at least ten", "150-200",
"une cinquantaine", "1959 or 1966") and tolerates a trailing noun phrase ("... civilians
killed"). It tries readings in a fixed order and backtracks: the first reading whose leftover
text is a plain trailing phrase wins. Leftovers that look like more figures ("up to 50 or 60",
"40, 50") are refused rather than guessed at. docs/values.md lists every form.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

import attrs

from ._errors import ValueParseError
from ._numbers import (
    NUMBER_WORDS,
    AmbiguousFigureError,
    Figure,
    Token,
    as_number,
    figures,
    tokenize,
    word,
)
from ._policy import ValuePolicy
from ._values import Qualifier, Quantity

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


_ZERO = _phrases("none", "nobody", "no one", "no-one", "nil", "aucun", "aucune")
# "no" + one of these nouns is zero; any other "no ..." is not ("no reliable figure").
_ZERO_NOUNS = frozenset(
    [
        "casualties",
        "casualty",
        "deaths",
        "death",
        "dead",
        "losses",
        "loss",
        "victims",
        "victim",
        "fatalities",
        "injuries",
        "injured",
        "wounded",
    ]
)
_ABOUT = _phrases(
    "about", "around", "roughly", "approximately", "approx", "approx.", "some", "~", "≈",
    "c.", "ca.", "circa", "an estimated", "estimated", "est.", "environ", "quelque",
    "autour de", "à peu près", "approximativement",
)  # fmt: skip
_NEARLY = _phrases("nearly", "almost", "close to", "just under", "près de", "presque")
_AT_LEAST = _phrases(
    "at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum",
    "at minimum", "upwards of", "au moins", "pas moins de", "au minimum", "≥",
)  # fmt: skip
_MORE_THAN = _phrases("more than", "over", "in excess of", "above", "greater than", "plus de")
_AT_MOST = _phrases(
    "up to", "at most", "no more than", "not more than", "a maximum of", "maximum",
    "at maximum", "jusqu'à", "au plus", "au maximum", "pas plus de", "≤",
)  # fmt: skip
_FEWER_THAN = _phrases("fewer than", "less than", "under", "below", "moins de")
_OR_MORE = _phrases("+", "or more", "or over", "and more", "and over", "ou plus", "et plus", "plus")
_OR_LESS = _phrases("or fewer", "or less", "ou moins")
_OR_SO = _phrases("or so")
_RANGE_OPENERS: tuple[tuple[Phrases, frozenset[str]], ...] = (
    (_phrases("between"), frozenset({"and"})),
    (_phrases("entre"), frozenset({"et"})),
    (_phrases("from"), frozenset({"to", "\u2013", "-"})),
    (_phrases("de"), frozenset({"à"})),
)
_RANGE_SEPS = frozenset({"\u2013", "-", "to", "à"})
_ALTERNATIVE_SEPS = frozenset({"or", "ou"})
# French "une cinquantaine": about fifty.
_APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}  # fmt: skip
# Scales after a vague word: "several thousand", "quelques centaines", "des dizaines de milliers".
_SCALES = {
    "hundred": 100, "hundreds": 100, "centaines": 100, "thousand": 1000, "thousands": 1000,
    "mille": 1000, "milliers": 1000, "million": 10**6, "millions": 10**6,
}  # fmt: skip
_PLURAL_SCALES = frozenset({"hundreds", "thousands", "millions", "centaines", "milliers"})
# Words that, right after a figure, mean the text goes on with figures we did not read.
_CONNECTORS = frozenset(
    ["or", "ou", "to", "and", "et", "à", "au", "until", "till", "through", "odd"]
)
_PUNCTUATION = frozenset(",;:.")
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
            t = Fraction(str(self.policy.tolerance))  # str(): 0.1 means 1/10, not its binary
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


def _scaled(first: Fraction, last: Figure, first_fig: Figure) -> Fraction:
    # "between 2 and 3 million": the scale of the last figure carries to a smaller bare one.
    if first_fig.scale == 1 and last.scale > 1 and first < last.value / last.scale:
        return first * last.scale
    return first


def _ranges(r: _Reader, i: int, seps: frozenset[str] = _RANGE_SEPS) -> Iterator[tuple[_Shape, int]]:
    for a in r.figures(i):
        if r.norm(a.end) not in seps:
            continue
        for b in r.figures(a.end + 1):
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
    if r.norm(i) == "no" and word(r.ts, i + 1) in _ZERO_NOUNS:
        yield _ZERO_SHAPE, i + 2


@functools.lru_cache(maxsize=16)
def _lexicon_tables(words: tuple[str, ...]) -> tuple[Phrases, dict[tuple[str, ...], str]]:
    """A lexicon's phrases, tokenised once per lexicon rather than once per value parsed."""
    return _phrases(*words), {_phrase(word): word for word in words}


def _vague(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    lexicon = r.policy.lexicon
    phrases, keys = _lexicon_tables(tuple(lexicon))
    for end in r.match(i, phrases):
        least, most = lexicon[keys[tuple(t.norm for t in r.ts[i:end])]]
        scale, j = 1, end
        if r.norm(j) in ("of", "de") and r.norm(j + 1) in _PLURAL_SCALES:
            scale, j = _SCALES[r.ts[j + 1].norm], j + 2
        elif r.norm(j) in _SCALES:
            scale, j = _SCALES[r.ts[j].norm], j + 1
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
    if word(r.ts, i) in ("une", "un") and word(r.ts, i + 1) in _APPROX_NOUNS:
        n, j = Fraction(_APPROX_NOUNS[r.ts[i + 1].norm]), i + 2
        if r.norm(j) == "de" and r.norm(j + 1) in ("milliers", "millions"):
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
        if (sep == "," or sep in _ALTERNATIVE_SEPS) and len(figs) < _MAX_OPTIONS:
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
        for end in r.match(f.end, _OR_MORE):
            yield r.at_least(f.value, strict=False), end
        for end in r.match(f.end, _OR_LESS):
            yield r.at_most(f.value, strict=False), end
        for end in r.match(f.end, _OR_SO):
            yield r.approximate(f.value), end
        yield from _alternatives(r, f)
        exact = _Shape(
            low=f.value, high=f.value, nominal=f.value, qualifier="exact", stated=(f.value,)
        )
        yield exact, f.end


def _range_openers(r: _Reader, i: int) -> Iterator[tuple[_Shape, int]]:
    for phrases, seps in _RANGE_OPENERS:
        for start in r.match(i, phrases):
            yield from _ranges(r, start, seps)


def _tail_ok(ts: Sequence[Token], j: int) -> bool:
    """Whether what follows a reading is a trailing phrase ("killed", "[1]") and no figure."""
    if j < len(ts) and ts[j].kind == "word" and ts[j].start == ts[j - 1].end:
        return False  # "40k", "1959s": a glued suffix changes the figure
    while j < len(ts) and ts[j].norm in _PUNCTUATION:
        j += 1
    if j == len(ts):
        return True
    t = ts[j]
    if t.kind == "sym":
        return t.norm in ("(", "[")
    return t.kind == "word" and t.norm not in _CONNECTORS and t.norm not in NUMBER_WORDS


def _integral(r: _Reader, shape: _Shape) -> bool:
    ok = all(v.denominator == 1 for v in shape.stated)
    if not ok:
        r.notes.append("a count is a whole number")
    return ok


def _readings(r: _Reader) -> Iterator[tuple[_Shape, int]]:
    for form in (_zero, _vague, _approximate, _bounds, _range_openers, _figure_led):
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

    Args:
        text: the source's words; a trailing noun phrase ("... civilians killed") is ignored.
        count: read as a count: whole figures, "more than 30" is at least 31, "up to 50" starts
            at 0, approximate bounds are rounded outward when ``policy.integer_counts``.
        policy: tolerance and vague-word lexicon.

    Returns:
        The quantity, keeping ``text`` exactly as given.

    Raises:
        ValueParseError: if no figure expression starts the text, or figures follow it.
    """
    ts = tokenize(text)
    r = _Reader(ts, count, policy)
    try:
        for shape, end in _readings(r):
            if _tail_ok(ts, end) and (not count or _integral(r, shape)):
                return _build(shape, text, ts)
    except AmbiguousFigureError as e:
        r.notes.append(f"{str(e)!r} is ambiguous: write '1,500' or '1.5'")
    message = f"expected a number, range or bound, got {text!r}"
    raise ValueParseError("; ".join([message, *dict.fromkeys(r.notes)]))
