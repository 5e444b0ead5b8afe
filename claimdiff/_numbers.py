"""Figures as sources write them: digits with separators, English and French number words.

The count grammar (``_quantities``) reads token streams; this module tokenizes text and reads
one *figure* at a position: ``40``, ``1,500``, ``1 500``, ``1.5 million``, ``thirty-seven``,
``one hundred and twenty``, ``quatre-vingt-dix``, ``deux cents``. Values are exact
:class:`~fractions.Fraction` objects so that tolerances and scales never pick up float noise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Literal

import attrs

from ._text import fold

_GAP = "[ \u00a0\u202f\u2009\u2007]"
_NUMBER = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?"  # 1,500 / 12,944 / 1,500.5
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])(?:,[0-9]+)?"  # 1.500.000: two dots cannot be decimal
    rf"|[0-9]{{1,3}}(?:{_GAP}[0-9]{{3}})+(?![0-9])(?:,[0-9]+)?"  # 1 500 (any space), 1 500,5
    r"|[0-9]+(?:[.,][0-9]+)?"  # 40, 1.5, 1,5 (a decimal comma)
)
_TOKEN = re.compile(rf"(?P<num>{_NUMBER})|(?P<word>[^\W\d_]+(?:['\u2019][^\W\d_]+)*)|(?P<sym>\S)")
# A single dot before exactly three digits is 1.5 in English and 1500 in French or German.
_AMBIGUOUS = re.compile(r"[0-9]{1,3}\.[0-9]{3}")
# Longer digit strings are not casualty figures, and int() refuses very long ones outright.
_MAX_DIGITS = 18


class AmbiguousFigureError(Exception):
    """A figure such as ``1.500`` that reads differently in English and French."""


@attrs.frozen
class Token:
    """One token of a value's text, with its place in the original string."""

    kind: Literal["num", "word", "sym"]
    norm: str  # folded text, for matching
    start: int
    end: int


def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into number, word and symbol tokens (whitespace is dropped)."""
    out = []
    for m in _TOKEN.finditer(text):
        kind: Literal["num", "word", "sym"] = m.lastgroup  # type: ignore[assignment]
        out.append(Token(kind, fold(m.group()), m.start(), m.end()))
    return tuple(out)


def digits_value(raw: str) -> Fraction:
    """The value of a digit token: ``1,500``, ``1 500``, ``1.500.000``, ``1,5``, ``2.75``.

    Raises:
        AmbiguousFigureError: for ``1.500``-style figures (see docs/values.md).
        ValueError: for figures with more digits than a count can sensibly have.
    """
    s = fold(raw)
    if s.isdigit() and s.isascii():  # most figures: int() reads them faster than Fraction
        if len(s) > _MAX_DIGITS:
            raise ValueError(raw)
        return Fraction(int(s))
    if sum(c.isdigit() for c in s) > _MAX_DIGITS:
        raise ValueError(raw)
    if " " in s:
        s = s.replace(" ", "").replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", s):
        s = s.replace(",", "")
    elif _AMBIGUOUS.fullmatch(s):
        raise AmbiguousFigureError(raw)
    else:
        s = s.replace(",", ".")
    return Fraction(s)


# --- number words --------------------------------------------------------------------------

_EN_UNITS: Mapping[str, int] = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS: Mapping[str, int] = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_EN_SCALES: Mapping[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9}

_FR_UNITS: Mapping[str, int] = {
    **{
        w: i
        for i, w in enumerate(
            [
                "zéro",
                "un",
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "onze",
                "douze",
                "treize",
                "quatorze",
                "quinze",
                "seize",
            ]
        )
    },
    "zero": 0,
    "une": 1,
}
# Belgian and Swiss septante/octante/huitante/nonante cost nothing and appear in sources.
_FR_TENS: Mapping[str, int] = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "octante": 80, "huitante": 80, "nonante": 90,
}  # fmt: skip
_FR_SCALES: Mapping[str, int] = {
    "mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
}  # fmt: skip

#: Scale words that may follow digits ("1.5 million") and carry over to the first end of a
#: range ("between 2 and 3 million").
SCALE_WORDS: Mapping[str, int] = {**_EN_SCALES, **_FR_SCALES}
#: Every word that can be part of a number, so that a trailing phrase can be told from a
#: figure the grammar did not understand.
NUMBER_WORDS: frozenset[str] = frozenset(
    [
        *_EN_UNITS,
        *_EN_TENS,
        *_EN_SCALES,
        *_FR_UNITS,
        *_FR_TENS,
        *_FR_SCALES,
        "hundred",
        "cent",
        "cents",
        "vingts",
        "thousands",
        "hundreds",
    ]
)

_Read = tuple[int, int] | None  # (value, index after) or no match


def word(ts: Sequence[Token], i: int) -> str:
    """The folded word at ``ts[i]``, or ``""`` if there is no word there."""
    return ts[i].norm if i < len(ts) and ts[i].kind == "word" else ""


def _component(ts: Sequence[Token], i: int) -> int | None:
    """Index of the next word of a compound number: after a space or a glued hyphen."""
    if word(ts, i):
        return i
    glued = (
        i + 1 < len(ts)
        and ts[i].norm == "-"
        and ts[i - 1].end == ts[i].start
        and ts[i].end == ts[i + 1].start
    )
    return i + 1 if glued and ts[i + 1].kind == "word" else None


def _next_word(ts: Sequence[Token], i: int) -> tuple[str, int] | None:
    k = _component(ts, i)
    return None if k is None else (ts[k].norm, k)


def _en_below_100(ts: Sequence[Token], i: int) -> _Read:
    w = word(ts, i)
    if w in _EN_UNITS:
        return _EN_UNITS[w], i + 1
    if w not in _EN_TENS:
        return None
    nxt = _next_word(ts, i + 1)
    if nxt is not None and 1 <= _EN_UNITS.get(nxt[0], 0) <= 9:
        return _EN_TENS[w] + _EN_UNITS[nxt[0]], nxt[1] + 1
    return _EN_TENS[w], i + 1


def _en_hundreds(ts: Sequence[Token], i: int) -> _Read:
    if word(ts, i) == "a":
        if word(ts, i + 1) != "hundred":
            return None
        value, j = 100, i + 2
    else:
        head = _en_below_100(ts, i)
        if head is None:
            return None
        nxt = _next_word(ts, head[1])
        if head[0] == 0 or nxt is None or nxt[0] != "hundred":
            return head
        value, j = head[0] * 100, nxt[1] + 1  # "fifteen hundred" is 1500, as in English
    k = j + 1 if word(ts, j) == "and" else j
    rest = _en_below_100(ts, k)
    if rest is not None and rest[0] > 0:
        return value + rest[0], rest[1]
    return value, j


def _en_bare_scale(ts: Sequence[Token], i: int) -> _Read:
    # "a thousand", "a million"
    if word(ts, i) == "a" and word(ts, i + 1) in _EN_SCALES:
        return _EN_SCALES[ts[i + 1].norm], i + 2
    return None


def _fr_below_20(ts: Sequence[Token], i: int) -> _Read:
    w = word(ts, i)
    if w == "dix":
        nxt = _next_word(ts, i + 1)
        if nxt is not None and nxt[0] in ("sept", "huit", "neuf"):
            return 10 + _FR_UNITS[nxt[0]], nxt[1] + 1
    if w in _FR_UNITS:
        return _FR_UNITS[w], i + 1
    return None


def _fr_tail(ts: Sequence[Token], i: int, base: int, teens: bool) -> _Read:
    # The units after a ten: "vingt et un", "vingt-deux", "soixante-douze", "quatre-vingt-onze".
    nxt = _next_word(ts, i)
    if nxt is None:
        return None
    if nxt[0] == "et":
        after = _next_word(ts, nxt[1] + 1)
        if after is not None and after[0] in ("un", "une") and base != 80:
            return base + 1, after[1] + 1
        if after is not None and after[0] == "onze" and teens:
            return base + 11, after[1] + 1
        return None
    tail = _fr_below_20(ts, nxt[1])
    if tail is not None and (1 <= tail[0] <= 9 or (teens and 10 <= tail[0] <= 19)):
        return base + tail[0], tail[1]
    return None


def _fr_below_100(ts: Sequence[Token], i: int) -> _Read:
    w = word(ts, i)
    if w == "quatre":
        nxt = _next_word(ts, i + 1)
        if nxt is not None and nxt[0] in ("vingt", "vingts"):
            if nxt[0] == "vingt":
                tail = _fr_tail(ts, nxt[1] + 1, 80, teens=True)
                if tail is not None:
                    return tail
            return 80, nxt[1] + 1
    if w in _FR_TENS:
        base = _FR_TENS[w]
        return _fr_tail(ts, i + 1, base, teens=w == "soixante") or (base, i + 1)
    return _fr_below_20(ts, i)


def _fr_hundreds(ts: Sequence[Token], i: int) -> _Read:
    if word(ts, i) == "cent":
        value, j = 100, i + 1
    else:
        head = _fr_below_100(ts, i)
        if head is None:
            return None
        nxt = _next_word(ts, head[1])
        if not 2 <= head[0] <= 9 or nxt is None or nxt[0] not in ("cent", "cents"):
            return head
        value, j = head[0] * 100, nxt[1] + 1
    nxt = _next_word(ts, j)
    rest = None if nxt is None else _fr_below_100(ts, nxt[1])
    if rest is not None and rest[0] > 0:
        return value + rest[0], rest[1]
    return value, j


def _fr_bare_scale(ts: Sequence[Token], i: int) -> _Read:
    # "mille" alone is a thousand; millions always take a head ("un million").
    return (1000, i + 1) if word(ts, i) == "mille" else None


def _groups(
    ts: Sequence[Token],
    i: int,
    hundreds: Callable[[Sequence[Token], int], _Read],
    bare: Callable[[Sequence[Token], int], _Read],
    scales: Mapping[str, int],
) -> tuple[int, int, int] | None:
    """Read ``[group scale]* [group]``; return (value, index after, trailing scale)."""
    total, j, last, trailing = 0, i, 0, 1
    while True:
        k = i if j == i else _component(ts, j)
        if k is None:
            break
        if j > i and word(ts, k) == "and":  # "one thousand and five"
            k = k + 1
        scaled = bare(ts, k)
        if scaled is not None and (not last or scaled[0] < last):
            total, j, last, trailing = total + scaled[0], scaled[1], scaled[0], scaled[0]
            continue
        group = hundreds(ts, k)
        if group is None or (last and group[0] >= last):
            break
        nxt = _next_word(ts, group[1])
        scale = scales.get(nxt[0]) if nxt is not None else None
        if nxt is not None and scale and group[0] > 0 and (not last or scale < last):
            total, j, last, trailing = total + group[0] * scale, nxt[1] + 1, scale, scale
            continue
        if group[0] == 0 and j > i:
            break
        return total + group[0], group[1], 1
    return (total, j, trailing) if j > i else None


def read_words(ts: Sequence[Token], i: int) -> tuple[int, int, int] | None:
    """Read English or French number words at ``ts[i]``: (value, index after, trailing scale)."""
    en = _groups(ts, i, _en_hundreds, _en_bare_scale, _EN_SCALES)
    fr = _groups(ts, i, _fr_hundreds, _fr_bare_scale, _FR_SCALES)
    reads = [r for r in (en, fr) if r is not None]
    return max(reads, key=lambda r: r[1]) if reads else None


@attrs.frozen
class Figure:
    """One figure read from tokens ``ts[start:end]``; ``scale`` is its trailing scale word."""

    value: Fraction
    start: int
    end: int
    scale: int = 1


def figures(ts: Sequence[Token], i: int) -> list[Figure]:
    """Every way to read a figure at ``ts[i]``, longest first, for the grammar to backtrack on.

    Raises:
        AmbiguousFigureError: when the digits at ``ts[i]`` are ``1.500``-style.
    """
    if i >= len(ts):
        return []
    if ts[i].kind == "num":
        try:
            value = digits_value(ts[i].norm)
        except ValueError:
            return []
        out = [Figure(value, i, i + 1)]
        scale = SCALE_WORDS.get(word(ts, i + 1))
        if scale and ts[i].end < ts[i + 1].start:
            out.insert(0, Figure(value * scale, i, i + 2, scale))
        return out
    out, stop = [], len(ts)
    # Cutting the token list short yields the shorter readings: "one hundred and two hundred"
    # is tried as 102, then 100, then 1.
    while stop > i:
        read = read_words(ts[:stop], i)
        if read is None:
            break
        out.append(Figure(Fraction(read[0]), i, read[1], read[2]))
        stop = read[1] - 1
    return out


def parse_number(text: str) -> int | float:
    """Read ``text`` as one figure and nothing else: ``"1,500"``, ``"quatre-vingt-dix"``.

    Args:
        text: digits (with ``,``/space grouping or a decimal point) or number words.

    Returns:
        An ``int`` for whole numbers, else a ``float``.

    Raises:
        ValueError: if ``text`` is not exactly one figure, or is ambiguous like ``1.500``.
    """
    ts = tokenize(text)
    try:
        reads = figures(ts, 0)
    except AmbiguousFigureError:
        reads = []
    for f in reads:
        if f.end == len(ts):
            return as_number(f.value)
    raise ValueError(f"expected a number, got {text!r}")


def as_number(value: Fraction) -> int | float:
    """A whole ``Fraction`` as ``int``, any other as ``float``."""
    return int(value) if value.denominator == 1 else float(value)
