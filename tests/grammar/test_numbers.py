"""Figures and the count grammar: digits, number words, and every quantity form."""

# en dashes and typographic apostrophes are the input under test

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import Quantity, Unknown, ValuePolicy, parse_value
from claimdiff._grammar.numbers import parse_number
from claimdiff.errors import ValueParseError

_EN_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_FR_ONES = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
]  # fmt: skip
_FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"]


def en_words(n: int) -> str:
    """English words for ``0 <= n < 10**12``, as British style writes them ("and")."""
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        return _EN_TENS[n // 10] + (f"-{_EN_ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{_EN_ONES[n // 100]} hundred" + (f" and {en_words(rest)}" if rest else "")
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            head, rest = f"{en_words(n // scale)} {name}", n % scale
            if not rest:
                return head
            return head + (" and " if rest < 100 else " ") + en_words(rest)
    raise AssertionError(n)  # pragma: no cover


def fr_words(n: int) -> str:
    """French words for ``0 <= n < 10**9`` in traditional spelling."""
    if n < 17:
        return _FR_ONES[n]
    if n < 20:
        return f"dix-{_FR_ONES[n - 10]}"
    if n < 70:
        unit = n % 10
        tail = "" if unit == 0 else " et un" if unit == 1 else f"-{_FR_ONES[unit]}"
        return _FR_TENS[n // 10] + tail
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{fr_words(n - 60)}"
    if n < 100:
        return "quatre-vingts" if n == 80 else f"quatre-vingt-{fr_words(n - 80)}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else f"{_FR_ONES[hundreds]} cent" + ("" if rest else "s")
        return head + (f" {fr_words(rest)}" if rest else "")
    if n < 10**6:
        thousands, rest = divmod(n, 1000)
        head = "mille" if thousands == 1 else f"{fr_words(thousands)} mille"
        return head + (f" {fr_words(rest)}" if rest else "")
    millions, rest = divmod(n, 10**6)
    head = f"{fr_words(millions)} million" + ("s" if millions > 1 else "")
    return head + (f" {fr_words(rest)}" if rest else "")


# --- figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40", 40),
        ("1,500", 1500),
        ("12,944", 12944),
        ("1 500", 1500),
        ("1\u00a0500", 1500),
        ("1\u202f500", 1500),
        ("1.500.000", 1500000),
        ("2.75", 2.75),
        ("1,5", 1.5),
        ("1.5 million", 1500000),
        ("fourteen", 14),
        ("thirty-seven", 37),
        ("one hundred and twenty", 120),
        ("a thousand", 1000),
        ("fifteen hundred", 1500),
        ("cinquante", 50),
        ("quatre-vingt-dix", 90),
        ("quatre-vingts", 80),
        ("soixante-dix", 70),
        ("soixante et onze", 71),
        ("vingt et un", 21),
        ("deux cents", 200),
        ("mille", 1000),
        ("deux mille vingt-trois", 2023),
        ("septante", 70),
    ],
)
def test_figures(text: str, expected: int | float) -> None:
    """Digits with any separator and English or French number words read as their value."""
    assert expected == parse_number(text)


@pytest.mark.parametrize("text", ["fourty", "twenty thirty", "1.500", "a", "40 killed"])
def test_not_a_figure(text: str) -> None:
    """Misspelt words, two figures, a lone article and ``1.500`` are not one figure."""
    with pytest.raises(ValueError, match=re.escape(f"expected a number, got {text!r}")):
        parse_number(text)


@given(st.integers(0, 10**12 - 1))
def test_english_words_read_back(n: int) -> None:
    """Any integer written in English words reads back as itself."""
    assert n == parse_number(en_words(n))


@given(st.integers(0, 10**9 - 1))
def test_french_words_read_back(n: int) -> None:
    """Any integer written in French words reads back as itself."""
    assert n == parse_number(fr_words(n))


@given(st.integers(0, 10**15))
def test_grouped_digits_read_back(n: int) -> None:
    """Digits grouped with commas, spaces or no-break spaces read back as themselves."""
    assert n == parse_number(f"{n:,}")
    assert n == parse_number(f"{n:,}".replace(",", "\u202f"))
    assert n == parse_number(f"{n:,}".replace(",", " "))


# --- the count grammar ------------------------------------------------------------------------


def q(low: int | None, high: int | None, text: str, **kw: object) -> Quantity:
    """A Quantity with ``text`` (test shorthand)."""
    return Quantity(low=low, high=high, text=text, **kw)  # type: ignore[arg-type]


COUNTS = [
    # exact figures, with a trailing noun phrase tolerated
    q(40, 40, "40", nominal=40),
    q(1500, 1500, "1,500", nominal=1500),
    q(12944, 12944, "12,944", nominal=12944),
    q(1500, 1500, "1 500", nominal=1500),
    q(40, 40, "40 killed", nominal=40),
    q(50, 50, "50 Malian soldiers", nominal=50),
    q(12, 12, "12 armoured vehicles", nominal=12),
    q(70, 70, "70 captured", nominal=70),
    q(1500, 1500, "1,500 [1]", nominal=1500),
    q(14, 14, "fourteen", nominal=14),
    q(50, 50, "cinquante", nominal=50),
    # ranges
    q(150, 200, "150–200", qualifier="range"),
    q(150, 200, "150-200", qualifier="range"),
    q(150, 200, "150 to 200", qualifier="range"),
    q(150, 200, "between 150 and 200", qualifier="range"),
    q(40000, 50000, "40,000 to 50,000", qualifier="range"),
    q(150, 200, "entre 150 et 200", qualifier="range"),
    q(150, 200, "de 150 à 200", qualifier="range"),
    q(2000000, 3000000, "between 2 and 3 million", qualifier="range"),
    q(100, 200, "between one hundred and two hundred", qualifier="range"),
    # lower bounds
    q(31, None, "31+", qualifier="at_least"),
    q(31, None, "31+ civilians killed", qualifier="at_least"),
    q(10, None, "at least ten", qualifier="at_least"),
    q(31, None, "at least 31 killed", qualifier="at_least"),
    q(10, None, "au moins dix", qualifier="at_least"),
    q(31, None, "more than 30", qualifier="at_least"),
    q(31, None, "plus de 30", qualifier="at_least"),
    q(101, None, "over 100", qualifier="at_least"),
    q(101, None, "in excess of 100", qualifier="at_least"),
    q(5, None, "no fewer than 5", qualifier="at_least"),
    q(5, None, "a minimum of 5", qualifier="at_least"),
    q(40, None, "40 or more", qualifier="at_least"),
    q(31, None, "≥31", qualifier="at_least"),
    # upper bounds
    q(0, 50, "up to 50", qualifier="at_most"),
    q(0, 9, "fewer than 10", qualifier="at_most"),
    q(0, 9, "less than 10", qualifier="at_most"),
    q(0, 4, "at most 4", qualifier="at_most"),
    q(0, 3, "no more than 3", qualifier="at_most"),
    q(0, 9, "moins de 10", qualifier="at_most"),
    q(0, 50, "jusqu'à 50", qualifier="at_most"),
    q(0, 50, "jusqu’à 50", qualifier="at_most"),
    # French approximate nouns and vague plurals
    q(45, 55, "une cinquantaine", nominal=50, qualifier="approximate"),
    q(9, 11, "une dizaine", nominal=10, qualifier="approximate"),
    q(18, 22, "une vingtaine", nominal=20, qualifier="approximate"),
    q(90, 110, "une centaine", nominal=100, qualifier="approximate"),
    q(9000, 11000, "une dizaine de milliers", nominal=10000, qualifier="approximate"),
    q(20, 199, "des dizaines", qualifier="vague"),
    # zero
    q(0, 0, "0", nominal=0),
    q(0, 0, "none", nominal=0),
    q(0, 0, "no casualties", nominal=0),
    q(0, 0, "no one", nominal=0),
    q(0, 0, "aucun", nominal=0),
    q(0, 0, "zero", nominal=0),
    # approximations: ±10% under the default policy, rounded outward
    q(900, 1100, "about 1,000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "roughly 1000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "around 1000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "approximately 1000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "some 1000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "~1000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "c. 1000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "an estimated 1,000", nominal=1000, qualifier="approximate"),
    q(900, 1100, "environ 1000", nominal=1000, qualifier="approximate"),
    q(27, 33, "about 30 officials", nominal=30, qualifier="approximate"),
    q(36, 44, "40 or so", nominal=40, qualifier="approximate"),
    q(150, 200, "about 150–200", qualifier="approximate"),
    q(45, 50, "nearly 50", nominal=50, qualifier="approximate"),
    q(45, 50, "almost 50", nominal=50, qualifier="approximate"),
    q(45, 50, "près de 50", nominal=50, qualifier="approximate"),
    # vague amounts, from the default lexicon
    q(24, 199, "dozens", qualifier="vague"),
    q(3, 19, "several", qualifier="vague"),
    q(2, 9, "a few", qualifier="vague"),
    q(10, None, "heavy losses", qualifier="vague"),
    q(10, None, "many", qualifier="vague"),
    q(3000, 19000, "several thousand", qualifier="vague"),
    q(20000, 199000, "des dizaines de milliers", qualifier="vague"),
    # the canonical forms format_value writes
    q(900, 1100, "about 1000 (900–1100)", nominal=1000, qualifier="approximate"),
    q(24, 199, "vague (24–199)", qualifier="vague"),
    q(10, None, "vague (≥10)", qualifier="vague"),
]


@pytest.mark.parametrize("expected", COUNTS, ids=[c.text for c in COUNTS])
def test_count_forms(expected: Quantity) -> None:
    """Each documented count form reads as the documented bounds and qualifier."""
    assert expected == parse_value(expected.text, "count")


def test_alternatives() -> None:
    """ "1959 or 1966" allows exactly two figures, each option keeping its own words."""
    expected = Quantity(
        low=1959,
        high=1966,
        text="1959 or 1966",
        qualifier="alternatives",
        options=(Quantity.exact(1959), Quantity.exact(1966)),
    )
    assert expected == parse_value("1959 or 1966", "count")


def test_alternatives_in_words() -> None:
    """Options written in words or with separators keep their own text."""
    actual = parse_value("1,500 or two thousand", "count")
    assert (Quantity.exact(1500, "1,500"), Quantity.exact(2000, "two thousand")) == (
        actual.options  # type: ignore[union-attr]
    )


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("more than 30", 30, None), ("fewer than 10", None, 10), ("up to 50", None, 50)],
)
def test_plain_quantity_bounds(text: str, low: int | None, high: int | None) -> None:
    """A plain quantity keeps the stated figure of a strict bound and is open below "up to"."""
    actual = parse_value(text, "quantity")
    assert (low, high) == (actual.low, actual.high)


def test_plain_quantity_keeps_fractions() -> None:
    """A plain quantity keeps exact decimal bounds; a count rounds outward."""
    assert (2.25, 2.75) == (parse_value("about 2.5").low, parse_value("about 2.5").high)
    actual = parse_value("about 25", "count", policy=ValuePolicy(tolerance=0.05))
    assert (23, 27) == (actual.low, actual.high)


def test_policy_tolerance_and_lexicon() -> None:
    """A swapped policy changes the bounds of approximate and vague words."""
    policy = ValuePolicy(name="wide", tolerance=0.2, lexicon={"a handful": (3, 6)})
    approx = parse_value("about 1000", "count", policy=policy)
    assert (800, 1200) == (approx.low, approx.high)
    actual = parse_value("a handful", "count", policy=policy)
    assert (3, 6) == (actual.low, actual.high)
    with pytest.raises(ValueParseError):
        parse_value("dozens", "count", policy=policy)


def test_unknown() -> None:
    """The words for "not known" give Unknown for a count, keeping the text."""
    assert Unknown(text="Unknown") == parse_value("Unknown", "count")


@pytest.mark.parametrize("text", ["fourty", "lots", "", "no reliable figure"])
def test_refused(text: str) -> None:
    """Texts with no figure expression at their start are refused with the bare message."""
    message = f"expected a number, range or bound, got {text!r}"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "count")


SECOND = "a second figure: write '40 or 50' for alternatives, or make two claims"
OVER = "a bound, hedge or range over a second figure has no one reading: make two claims"


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("up to 50 or 60", f"read 'up to 50' but not 'or 60': {OVER}"),
        ("40 and 50", "read '40' but not 'and 50': write the total, or two claims"),
        ("40, 50", f"read '40,' but not '50': {SECOND}"),
        (
            "40k",
            "read '40' but not 'k': a suffix glued to a figure changes it: "
            "write the figure in full",
        ),
        (
            "40%",
            "read '40' but not '%': a figure with '%' is a percent: "
            "declare the measure's kind as percent",
        ),
        (
            "40-odd",
            "read '40' but not '-odd': 'odd' makes the figure approximate: write 'about 40'",
        ),
        ("at least 40–50", f"read 'at least 40' but not '–50': {OVER}"),
    ],
)
def test_refused_naming_the_unread_words(text: str, unread: str) -> None:
    """Figures the grammar does not join are refused with the words not read and a hint."""
    message = f"expected a number, range or bound, got {text!r}; {unread}"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "count")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("200-150", "the range runs backwards"),
        ("1.500", "'1.500' is ambiguous: write '1,500' or '1.5'"),
        ("1.5", "a count is a whole number"),
    ],
)
def test_refused_with_reason(text: str, reason: str) -> None:
    """Backwards ranges, ``1.500`` and fractional counts say why they are refused."""
    message = f"expected a number, range or bound, got {text!r}; {reason}"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "count")
