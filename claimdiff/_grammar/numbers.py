"""Figures as sources write them: digits with separators, scale words, number words.

The figure grammar (``_grammar.quantities``) reads token streams; this module tokenizes text and
reads one *figure* at a position: ``40``, ``1,500``, ``1 500``, ``1.5 million``, ``10 mila``,
``forty-five thousand``, ``quatre-vingt-dix``, ``cuarenta y cinco``, ``fünfundzwanzig``.
Number words in seven languages are read by text2num, under the rules here that refuse what
it forgives (``fourty``, a lone ``thousands``, ``o``). Values are exact
:class:`~fractions.Fraction` objects so that tolerances and scales never pick up float noise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs
from text_to_num import text2num

from .._model.text import fold, fold_token
from ..errors import AmbiguousFigureError
from .nouns import split_words

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
        out.append(Token(kind, fold_token(m.group()), m.start(), m.end()))
    return tuple(out)


def digits_value(raw: str) -> Fraction:
    """The value of a digit token: ``1,500``, ``1 500``, ``1.500.000``, ``1,5``, ``2.75``.

    Raises:
        AmbiguousFigureError: for ``1.500``-style figures (see docs/values.md).
        ValueError: for figures with more digits than a count can sensibly have.
    """
    # Most figures are plain ASCII digits, which folding leaves as they are and int() reads
    # faster than Fraction.
    s = raw if raw.isascii() and raw.isdigit() else fold(raw)
    if s.isdigit() and s.isascii():
        if len(s) > _MAX_DIGITS:
            raise ValueError(raw)
        return Fraction(int(s))
    # A fraction may carry as many digits again: a duration of hours in days writes
    # 0.041666666666666664, and format_value's text must read back.
    if sum(c.isdigit() for c in s) > 2 * _MAX_DIGITS:
        raise ValueError(raw)
    if " " in s:
        s = s.replace(" ", "").replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?", s):
        # "1,500" groups thousands; "0,500" cannot (no figure starts with 0): a decimal comma.
        s = s.replace(",", "")
    elif _AMBIGUOUS.fullmatch(s):
        raise AmbiguousFigureError(raw)
    else:
        s = s.replace(",", ".")
    return Fraction(s)


# --- number words --------------------------------------------------------------------------

#: The languages whose number words are read, through text2num (docs/values.md says why).
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "pt", "de", "it", "nl")
# English words for 0-19; the benchmark generator writes figures with them.
_EN_UNITS: Mapping[str, int] = {
    w: i
    for i, w in enumerate(
        split_words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
# Words text2num reads as a figure that, in a source's sentence, are something else: "o" is
# Spanish and Italian "or", and "null"/"nul" (German and Dutch zero) is how files say "missing".
_NOT_NUMBERS = frozenset({"o", "null", "nul"})
# The word that joins parts of one number ("forty-five" needs none; "cuarenta y cinco" does).
_JOINERS: Mapping[str, frozenset[str]] = {
    "en": frozenset({"and"}),
    "fr": frozenset({"et"}),
    "es": frozenset({"y"}),
    "pt": frozenset({"e"}),
    "de": frozenset({"und"}),
    "it": frozenset(),
    "nl": frozenset({"en"}),
}
#: Names of scales, singular and plural, in every language read. Alone, most are no figure:
#: "thousands" is vague and "millions" needs a head, though text2num reads them as 1000 and
#: 10**6. The grammar also uses this set to refuse a scale word it finds unread.
SCALE_NAMES: frozenset[str] = frozenset(
    split_words("""hundred hundreds thousand thousands million millions billion billions
    cent cents mille milles million millions milliard milliards
    cien ciento cientos mil miles millón millon millones billón billon billones
    cem cento centos milhão milhao milhões milhoes bilhão bilhao bilhões bilhoes
    hundert hunderte tausend tausende million millionen milliarde milliarden
    cento centinaia mille mila migliaia milione milioni miliardo miliardi
    honderd honderden duizend duizenden miljoen miljoenen miljard miljarden""")
)
# Scale words that are a figure on their own in their language ("mille morts", "mil muertos").
_BARE_SCALES = frozenset(
    {
        "cent",
        "mille",
        "cien",
        "ciento",
        "mil",
        "cem",
        "cento",
        "hundert",
        "tausend",
        "honderd",
        "duizend",
    }
)
#: Scale words that may follow digits ("1.5 million", "10 mila", "3 mil", "2,5 Mio.") and carry
#: over to the first end of a range ("between 2 and 3 million"). Plurals only where the
#: language's grammar puts them after a figure ("2 millions", "3 milioni"), and "dozen"
#: ("two dozen" is 24).
SCALE_WORDS: Mapping[str, int] = {
    **dict.fromkeys(["thousand", "mille", "mil", "mila", "tausend", "duizend", "tsd"], 10**3),
    **dict.fromkeys(
        split_words(
            """
            million millions millón millon millones milhão milhao milhões milhoes millionen
        milione milioni miljoen mio mln"""
        ),
        10**6,
    ),
    **dict.fromkeys(
        split_words("""billion milliard milliards milliarde milliarden miliardo miliardi miljard
        bilhão bilhao bilhões bilhoes mrd mld bn"""),
        10**9,
    ),
    "dozen": 12,
}
# Longest run of tokens tried as one number (hyphens count): English up to billions fits.
_MAX_WORDS = 40


@functools.lru_cache(maxsize=1 << 16)
def text_number(text: str, lang: str) -> int | None:
    """``text2num(text, lang)``, or ``None`` where it refuses; cached, for words recur."""
    try:
        return int(text2num(text, lang))
    except (ValueError, OverflowError):
        return None


def word(ts: Sequence[Token], i: int) -> str:
    """The folded word at ``ts[i]``, or ``""`` if there is no word there."""
    return ts[i].norm if i < len(ts) and ts[i].kind == "word" else ""


def glued_hyphen(ts: Sequence[Token], k: int) -> bool:
    """Whether ``ts[k]`` is a hyphen with a word glued on each side ("forty-five")."""
    return (
        0 < k < len(ts) - 1
        and ts[k].norm == "-"
        and ts[k - 1].kind == "word"
        and ts[k + 1].kind == "word"
        and ts[k - 1].end == ts[k].start
        and ts[k].end == ts[k + 1].start
    )


def _span_text(ts: Sequence[Token], i: int, end: int, lang: str) -> str:
    parts: list[str] = []
    for k in range(i, end):
        t = ts[k].norm
        if lang == "de" and t == "eine":
            t = "ein"  # "eine Million": text2num knows only "ein"
        if t == "-" or (parts and parts[-1] == "-"):
            parts.append(t)
        else:
            parts.append(f" {t}" if parts else t)
    return "".join(parts)


# Misspellings text2num forgives; claimdiff guesses no misspelling ("fourty" is refused).
_MISSPELT = frozenset({"fourty", "cinquent"})


def _is_number_word(w: str, lang: str) -> bool:
    if w in _NOT_NUMBERS or w in _MISSPELT or "fourty" in w:
        return False
    return text_number("ein" if lang == "de" and w == "eine" else w, lang) is not None


@functools.lru_cache(maxsize=1 << 14)
def number_languages(w: str) -> tuple[str, ...]:
    """The languages in which the folded word ``w`` is a number word; cached per word."""
    return tuple(lang for lang in LANGUAGES if _is_number_word(w, lang))


def is_number_word(w: str) -> bool:
    """Whether the folded word ``w`` is a number word in a language the reader knows."""
    return bool(number_languages(w))


def _lang_reads(
    ts: Sequence[Token], i: int, lang: str, bare: bool = False
) -> Iterator[tuple[int, int, int]]:
    """(value, index after, trailing scale) for each run of words at ``i`` read in ``lang``.

    ``bare`` lets a scale name stand alone, as it does after "a" ("a thousand").
    """
    ends, k = [], i
    while k < len(ts) and k - i < _MAX_WORDS:
        w = word(ts, k)
        # A scale may need a head to be a number ("milioni", "mila"): it goes on a run.
        if w and (_is_number_word(w, lang) or (k > i and w in SCALE_NAMES)):
            ends.append(k + 1)
        elif not (k > i and (w in _JOINERS[lang] or glued_hyphen(ts, k))):
            break
        k += 1
    for end in reversed(ends):
        single = end == i + 1
        first = ts[i].norm
        if single and not bare and first in SCALE_NAMES and first not in _BARE_SCALES:
            continue  # "thousands", "millions", "hundred": no figure alone
        if not single and text_number(first, lang) == 0:
            continue  # "zero eight", "zero zero": digits read aloud, no figure
        value = text_number(_span_text(ts, i, end, lang), lang)
        if value is None:
            continue
        last = ts[end - 1].norm
        scale = SCALE_WORDS.get(last, 1) if not single and last in SCALE_NAMES else 1
        yield value, end, scale


def read_words(ts: Sequence[Token], i: int) -> list[tuple[int, int, int]]:
    """Every reading of number words at ``ts[i]``: (value, index after, trailing scale).

    Longest first. A run that two languages read as different values is no reading.
    """
    found: dict[int, set[tuple[int, int]]] = {}
    if word(ts, i) == "a":
        # "a hundred and twenty", "a thousand", "a million": the article is "one".
        if word(ts, i + 1) in ("hundred", "thousand", "million", "billion"):
            for value, end, scale in _lang_reads(ts, i + 1, "en", bare=True):
                found.setdefault(end, set()).add((value, scale))
        elif word(ts, i + 1) == "dozen":  # "at least a dozen"; alone it is a vague word
            found[i + 2] = {(12, 1)}
    else:
        for lang in number_languages(word(ts, i)):
            for value, end, scale in _lang_reads(ts, i, lang):
                found.setdefault(end, set()).add((value, scale))
    out = []
    for end, reads in sorted(found.items(), reverse=True):
        if len({value for value, _ in reads}) == 1:
            value, scale = max(reads)
            out.append((value, end, scale))
    return out


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
        except AmbiguousFigureError:
            raise  # also a ValueError, but the grammar reports it rather than skip the figure
        except ValueError:
            return []
        out = [Figure(value, i, i + 1)]
        j = i + 1
        scale = SCALE_WORDS.get(word(ts, j))
        if scale and ts[i].end < ts[j].start:
            # "2,5 Mio.": the abbreviation's full stop belongs to it
            dot = (
                j + 2
                if ts[j].norm in _ABBREVIATED
                and i + 2 < len(ts)
                and ts[j + 1].norm == "."
                and ts[j + 1].start == ts[j].end
                else j + 1
            )
            out.insert(0, Figure(value * scale, i, dot, scale))
        return out
    out = []
    for n, end, scale in read_words(ts, i):
        if word(ts, end) == "dozen" and scale == 1:
            out.append(Figure(Fraction(n * 12), i, end + 1, 12))  # "two dozen"
        out.append(Figure(Fraction(n), i, end, scale))
    return out


_ABBREVIATED = frozenset({"tsd", "mio", "mrd", "mln", "mld", "bn"})


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


def format_number(n: int | float) -> str:
    """Digits that read back as ``n``: no grouping, and never ``1.500`` (ambiguous)."""
    if isinstance(n, int):
        return str(n)
    s = format(Decimal(repr(n)), "f")  # repr is the shortest exact text; "f" drops the exponent
    whole, _, frac = s.partition(".")
    if len(frac) == 3 and len(whole) <= 3:
        s += "0"  # "1.125" reads as 1125 in French; "1.1250" reads only one way
    return s


def as_number(value: Fraction) -> int | float:
    """A whole ``Fraction`` as ``int``, any other as ``float``."""
    return int(value) if value.denominator == 1 else float(value)
