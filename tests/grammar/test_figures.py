"""Figures read truthfully: every word accounted for, seven languages, percents and durations."""

# en dashes and accented words are the input under test

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_to_num import text2num

from claimdiff import (
    Quantity,
    Unknown,
    Value,
    ValuePolicy,
    format_value,
    load,
    make_converter,
    parse_value,
    reconcile,
)
from claimdiff._grammar.numbers import LANGUAGES, parse_number
from claimdiff.errors import ValueParseError
from claimdiff.testing import durations, percents

from .._cli_helpers import run
from .test_numbers import en_words, fr_words


def bounds(value: Value) -> tuple[object, object, str]:
    """A value's bounds and qualifier (test shorthand)."""
    return value.low, value.high, getattr(value, "qualifier", "")


# --- the classes of the issue, read ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hyphen inside number words is no range dash
        ("forty-five thousand", (45000, 45000, "exact")),
        ("quatre-vingt-deux", (82, 82, "exact")),
        ("vingt-cinq mille", (25000, 25000, "exact")),
        ("quatre-vingt-dix-sept morts", (97, 97, "exact")),
        ("forty to fifty", (40, 50, "range")),
        ("40-50", (40, 50, "range")),
        # multipliers after vague words, stacked and plural scale words
        ("several dozen", (36, 228, "vague")),
        ("dozens of thousands", (24000, 199000, "vague")),
        ("hundreds of thousands", (200000, 1999000, "vague")),
        ("tens of thousands", (20000, 99000, "vague")),
        ("millions", (2000000, 19999999, "vague")),
        ("decine di migliaia", (20000, 199000, "vague")),
        ("Zehntausende", (20000, 99999, "vague")),
        # scale words in the languages read
        ("10 mila", (10000, 10000, "exact")),
        ("3 mil", (3000, 3000, "exact")),
        ("2,5 Mio.", (2500000, 2500000, "exact")),
        ("1,5 milioni", (1500000, 1500000, "exact")),
        # forms sources write
        ("as many as 3,000", (0, 3000, "at_most")),
        ("as few as 40", (40, None, "at_least")),
        ("two dozen", (24, 24, "exact")),
        ("hundred and twenty", (120, 120, "exact")),
        ("a hundred and twenty", (120, 120, "exact")),
        ("a thousand", (1000, 1000, "exact")),
        ("at least a dozen", (12, None, "at_least")),
        ("several hundred thousand", (300000, 1900000, "vague")),
        ("well over 100", (101, None, "at_least")),
        ("only 5", (5, 5, "exact")),
        ("seulement 5 morts", (5, 5, "exact")),
        # trailing words that do not change the figure
        ("50 Malian soldiers", (50, 50, "exact")),
        ("40 soldats de l'armée", (40, 40, "exact")),
        ("1,500 [1]", (1500, 1500, "exact")),
    ],
)
def test_issue_forms(text: str, expected: tuple[object, object, str]) -> None:
    """Each form the issue lists is read as its source meant."""
    assert expected == bounds(parse_value(text, "count"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("almeno 40 morti", (40, None, "at_least")),
        ("più di 40 morti", (41, None, "at_least")),
        ("oltre 200 vittime", (201, None, "at_least")),
        ("circa 300 sfollati", (270, 330, "approximate")),
        ("tra 40 e 50 soldati", (40, 50, "range")),
        ("una decina di morti", (9, 11, "approximate")),
        ("quarantacinque morti", (45, 45, "exact")),
        ("mehr als 40 Tote", (41, None, "at_least")),
        ("mindestens 12 Zivilisten", (12, None, "at_least")),
        ("etwa 300 Soldaten", (270, 330, "approximate")),
        ("zwischen 40 und 50", (40, 50, "range")),
        ("fünfundzwanzig Tote", (25, 25, "exact")),
        ("keine Toten", (0, 0, "exact")),
        ("más de 40 muertos", (41, None, "at_least")),
        ("al menos 12 civiles", (12, None, "at_least")),
        ("unos 40 muertos", (36, 44, "approximate")),
        ("entre 40 y 50 muertos", (40, 50, "range")),
        ("cuarenta y cinco muertos", (45, 45, "exact")),
        ("decenas de miles", (20000, 199000, "vague")),
        ("pelo menos 30 mortos", (30, None, "at_least")),
        ("cerca de 40 mortos", (36, 44, "approximate")),
        ("mais de 100 feridos", (101, None, "at_least")),
        ("vinte e cinco mortos", (25, 25, "exact")),
        ("ongeveer 40 doden", (36, 44, "approximate")),
        ("minstens 12 burgers", (12, None, "at_least")),
        ("meer dan 40 doden", (41, None, "at_least")),
        ("vijfentwintig doden", (25, 25, "exact")),
        ("plus de 30 morts", (31, None, "at_least")),
        ("16 morts au moins", (16, None, "at_least")),
        ("15 morts environ", (13, 17, "approximate")),
        ("40 killed at least", (40, None, "at_least")),
        ("40 Tote etwa", (36, 44, "approximate")),
        ("une trentaine de morts côté terroristes", (27, 33, "approximate")),
        ("Oltre 50 soldati maliani", (51, None, "at_least")),
        ("mehrere Dutzend Menschen", (36, 228, "vague")),
        ("plusieurs dizaines de morts", (30, 190, "vague")),
        ("tre milioni", (3000000, 3000000, "exact")),
        ("un milione duecentomila", (1200000, 1200000, "exact")),
        ("une dizaine de milliers", (9000, 11000, "approximate")),
    ],
)
def test_seven_languages(text: str, expected: tuple[object, object, str]) -> None:
    """The grammar's words and the number words read in the seven languages."""
    assert expected == bounds(parse_value(text, "count"))


PREFIX = "expected a number, range or bound, got "


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "3,048 plus 40 more",
            "read '3,048 plus' but not '40 more': write the total, or two claims",
        ),
        (
            "40 killed; 80 according to others",
            "read '40 killed;' but not '80 according to others': "
            "a second figure: write '40 or 80' for alternatives, or make two claims",
        ),
        (
            "about 40, maybe 400",
            "read 'about 40,' but not 'maybe 400': "
            "a bound, hedge or range over a second figure has no one reading: make two claims",
        ),
        (
            "15-17 tysięcy",
            "read '15-17' but not 'tysięcy': 'tysięcy' is a scale word in a language the "
            "reader does not read: write '15000–17000'",
        ),
        (
            "1 month and 4 days",
            "read '1' but not 'month and 4 days': a figure with a unit of time is a duration: "
            "declare the measure's kind as duration",
        ),
        (
            "80%",
            "read '80' but not '%': a figure with '%' is a percent: "
            "declare the measure's kind as percent",
        ),
        (
            "40 killed reportedly",
            "read '40 killed' but not 'reportedly': "
            "if 'reportedly' does not change the figure, add it to the policy's words",
        ),
        ("forty-fifty", "a hyphen between number words is no range: write 'forty to fifty'"),
        (
            "14 blessés dont 8 graves",
            "read '14 blessés dont' but not '8 graves': what follows is a part of the figure: "
            "write the figure alone, the part as its own claim",
        ),
        (
            "dois milhões e meio",
            "read 'dois milhões' but not 'e meio': "
            "a decimal or fraction in words: write the figure in digits",
        ),
        (
            "zero eight",
            "read 'zero' but not 'eight': a second figure: write 'zero or eight' "
            "for alternatives, or make two claims",
        ),
    ],
)
def test_refusals_name_the_unread_words(text: str, reason: str) -> None:
    """A word that may change the figure is a refusal naming it, with what to write instead."""
    message = f"{PREFIX}{text!r}; {reason}"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "count")


@pytest.mark.parametrize("text", ["fourty", "millions of", "thousands", "hundred", "o", "null"])
def test_no_figure_in_words_text2num_forgives(text: str) -> None:
    """Misspellings, lone scale words, "o" (Spanish "or") and "null" are no figure."""
    with pytest.raises(ValueError, match=re.escape(f"expected a number, got {text!r}")):
        parse_number(text)


def test_policy_words_extend_the_trailing_words() -> None:
    """A corpus's own noun is read over once the policy lists it."""
    policy = ValuePolicy(words={"Technicals"})
    assert (12, 12, "exact") == bounds(parse_value("12 technicals", "count", policy=policy))
    with pytest.raises(ValueParseError):
        parse_value("12 technicals", "count")


# --- splicing: a word after an accepted text is read or refused, never ignored ---------------

ACCEPTED_FORMS = [
    "{n}", "about {n}", "at least {n}", "{n}-{m}", "between {n} and {m}", "{n:,} killed",
    "more than {n}", "up to {m}", "{n} or {m}", "almeno {n} morti", "mehr als {n} Tote",
    "unos {n} muertos", "{w}", "{w} soldiers", "several thousand", "une cinquantaine",
]  # fmt: skip
_WORDS = ["forty", "forty-five", "twelve", "a hundred and twenty", "quatre-vingt-deux", "dos mil"]
# Accepted texts: a form with generated figures.
ACCEPTED = st.builds(
    lambda form, n, extra, w: form.format(n=n, m=n + extra, w=w),
    st.sampled_from(ACCEPTED_FORMS),
    st.integers(1, 99_999),
    st.integers(1, 999),
    st.sampled_from(_WORDS),
)
# Suffixes that must be refused: modifiers, second figures, unknown scale words, units.
REFUSED_SUFFIXES = [
    " more", " plus 3 more", " or more than 60", "; 80 according to others", ", maybe 400",
    " tysięcy", " тысяч", " k", "%", " per cent", " weeks", " and 4 days", " a day", " each",
    " times", " odd", " others", " extra", " more or less", " 60", " sixty", " dozen more",
    # title case, as headlines write: a capital does not make a grammar word a name
    " More", " A Day", " Per Cent", " Prozent", " Thousand", " Each", " Or So More", " Weeks",
    " Tysięcy", " Mila Feriti", " And Counting",
]  # fmt: skip
# Suffixes that do not change the figure: the reading must be that of the text alone.
NEUTRAL_SUFFIXES = [" killed", " civilians killed", " [1]", ".", " Malian soldiers", " morti"]


@given(ACCEPTED, st.sampled_from(REFUSED_SUFFIXES))
def test_spliced_modifiers_are_refused_or_read(text: str, suffix: str) -> None:
    """A modifier, second figure, unknown scale or unit after a figure is never ignored."""
    base = parse_value(text, "count")
    try:
        spliced = parse_value(text + suffix, "count")
    except ValueParseError:
        return
    assert bounds(spliced) != bounds(base)  # read, so it changed the figure


@given(ACCEPTED, st.sampled_from(NEUTRAL_SUFFIXES))
def test_spliced_nouns_keep_the_reading(text: str, suffix: str) -> None:
    """A noun phrase after a figure leaves its reading as it was."""
    assert bounds(parse_value(text, "count")) == bounds(parse_value(text + suffix, "count"))


@given(st.integers(1, 999), st.sampled_from(["thousand", "mila", "mil", "Tausend", "duizend"]))
def test_spliced_known_scales_multiply(n: int, scale: str) -> None:
    """A known scale word after digits multiplies them: that is its documented reading."""
    assert (n * 1000, n * 1000, "exact") == bounds(parse_value(f"{n} {scale}", "count"))


# --- differential: number words against text2num ---------------------------------------------


@settings(max_examples=200)
@given(st.integers(0, 10**9 - 1))
def test_english_and_french_words_agree_with_text2num(n: int) -> None:
    """Generated English and French number words read as text2num reads them, and as n."""
    assert (n, n) == (parse_number(en_words(n)), text2num(en_words(n), "en"))
    assert (n, n) == (parse_number(fr_words(n)), text2num(fr_words(n), "fr"))


VOCABULARY = {
    "en": "one two three five ten twelve twenty thirty forty-five hundred thousand million and a",
    "fr": "un deux trois cinq dix vingt trente quatre-vingt cent cents mille million millions et",
    "es": "uno dos tres cinco diez veinte treinta cuarenta cien ciento mil millón millones y",
    "pt": "um dois três cinco dez vinte trinta quarenta cem cento mil milhão milhões e",
    "de": "ein zwei drei fünf zehn zwanzig dreißig fünfundzwanzig hundert tausend Millionen und",
    "it": "uno due tre cinque dieci venti trenta quaranta cento mille mila milione milioni",
    "nl": "een twee drie vijf tien twintig dertig honderd duizend miljoen en",
}


@settings(max_examples=300)
@given(
    st.sampled_from(LANGUAGES).flatmap(
        lambda lang: st.lists(st.sampled_from(VOCABULARY[lang].split()), min_size=1, max_size=5)
    )
)
def test_number_words_never_disagree_with_text2num(words: list[str]) -> None:
    """Any figure read from number words is text2num's reading in one of the seven languages."""
    text = " ".join(words)
    try:
        ours = parse_number(text)
    except ValueError:
        return
    # claimdiff reads English "a hundred" as "one hundred", which text2num does not.
    text = "one" + text[1:] if text.startswith("a ") else text
    theirs = set()
    for lang in LANGUAGES:
        with contextlib.suppress(ValueError):
            theirs.add(text2num(text, lang))
    assert ours in theirs


# --- percents and durations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80%", (80, 80, "exact")),
        ("80", (80, 80, "exact")),
        ("about 40 per cent", (36, 44, "approximate")),
        ("30–40 %", (30, 40, "range")),
        ("30% to 40%", (30, 40, "range")),
        ("plus de 20 pour cent", (20, None, "at_least")),
        ("12,5 %", (12.5, 12.5, "exact")),
        ("fast 60 Prozent", (54, 60, "approximate")),
    ],
)
def test_percent(text: str, expected: tuple[object, object, str]) -> None:
    """A percent reads like a plain quantity of percentage points; the sign is optional."""
    assert expected == bounds(parse_value(text, "percent"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five weeks", (35, 35, "exact")),
        ("1 month and 4 days", (32, 35, "range")),
        ("three days", (3, 3, "exact")),
        ("48 hours", (2, 2, "exact")),
        ("a week", (7, 7, "exact")),
        ("un mois", (28, 31, "range")),
        ("2 years", (730, 731, "range")),
        ("two or three months", (59, 92, "range")),
        ("two or three weeks", (14, 21, "alternatives")),
        ("more than two months", (59, None, "at_least")),
        ("several weeks", (21, 133, "vague")),
        ("drei Wochen", (21, 21, "exact")),
        ("35", (35, 35, "exact")),
    ],
)
def test_duration(text: str, expected: tuple[object, object, str]) -> None:
    """A duration is in days; a month allows 28 to 31 and a year 365 to 366."""
    assert expected == bounds(parse_value(text, "duration"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("weeks", "expected a duration such as 'five weeks' or '1 month and 4 days', got 'weeks'"),
        (
            "1 month and about 4 days",
            "expected a duration such as 'five weeks' or '1 month and 4 days', "
            "got '1 month and about 4 days'; each part of a compound duration is a figure",
        ),
    ],
)
def test_duration_refused(text: str, message: str) -> None:
    """A unit without a figure, or a hedged part of a compound, is refused."""
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "duration")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3 months", (89, 92)), ("17 months", (515, 519)), ("18 months", (546, 550)),
     ("a year", (365, 366)), ("4 years", (1460, 1461))],
)  # fmt: skip
def test_whole_months_and_years_span_consecutive_calendar_months(
    text: str, expected: tuple[int, int]
) -> None:
    """Whole months and years allow the days of that many consecutive calendar months."""
    value = parse_value(text, "duration")
    assert expected == (value.low, value.high)


@given(
    st.one_of(percents().map(lambda v: ("percent", v)), durations().map(lambda v: ("duration", v)))
)
def test_percent_and_duration_round_trip(case: tuple[str, Quantity]) -> None:
    """The canonical text and the converter give back a percent's or a duration's bounds."""
    kind, value = case
    again = parse_value(format_value(value), kind)
    assert bounds(value) == bounds(again)
    assert getattr(value, "nominal", None) == getattr(again, "nominal", None)
    converter = make_converter()
    assert value == converter.structure(converter.unstructure(value), Quantity)


# --- declared as measure kinds: reconciled and rendered -------------------------------------

DATASET = """\
measures: {casualty_rate: percent, siege: duration}
claims:
  - {id: rate.a, event: e, measure: casualty_rate, value: "80%", claimant: a}
  - {id: rate.b, event: e, measure: casualty_rate, value: "about 40 per cent", claimant: b}
  - {id: siege.a, event: e, measure: siege, value: "five weeks", claimant: a}
  - {id: siege.b, event: e, measure: siege, value: "two months", claimant: b}
  - {id: siege.c, event: e, measure: siege, value: "60 days", claimant: c}
"""


@pytest.fixture
def unit_dataset(tmp_path: Path) -> Path:
    """A dataset declaring a percent and a duration measure, each with a contradiction."""
    path = tmp_path / "units.yaml"
    path.write_text(DATASET, encoding="utf-8")
    return path


def test_percent_and_duration_reconcile(unit_dataset: Path) -> None:
    """80% contradicts "about 40 per cent"; two months (59-62 days) allows 60 days, not 35."""
    report = reconcile(load(unit_dataset))
    values = {c.id: c.value for c in load(unit_dataset).claims}
    assert (80, 80) == (values["rate.a"].low, values["rate.a"].high)
    assert (59, 62) == (values["siege.b"].low, values["siege.b"].high)
    contradictions = {g.key.measure: g.contradictions for g in report.groups}
    expected = {
        "casualty_rate": (("rate.a", "rate.b"),),
        "siege": (("siege.a", "siege.b"), ("siege.a", "siege.c")),
    }
    assert expected == {
        m: tuple(sorted(tuple(sorted(pair)) for pair in pairs))
        for m, pairs in contradictions.items()
    }


@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        *(("check", f) for f in ("text", "json", "markdown", "github", "junit")),
        *(("report", f) for f in ("text", "json", "markdown", "html")),
    ],
)
def test_percent_and_duration_render(
    unit_dataset: Path, command: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every report format renders percent and duration claims, naming their values."""
    result = run(capsys, command, unit_dataset, "--format", fmt)
    assert "" == result.err or result.code in (0, 1)
    assert "80" in result.out
    assert "five weeks" in result.out or "35" in result.out


# Tokens a source's figure is made of, and some it is not: joined at random, they exercise
# every path of the reader, refusals and hints included.
_FUZZ_TOKENS = [
    "40", "1,500", "2.5", "forty", "-", "five", "thousand", "mila", "tysięcy", "%", "per", "cent",
    "about", "at", "least", "more", "than", "or", "and", "to", "between", "killed", "Malian",
    "weeks", "month", "days", "a", "several", "dozen", "of", "thousands", "une", "dizaine",
    "de", "milliers", "(", ")", "[1]", ",", ";", "odd", "k", "dont", "au", "moins", "zero", "e",
    "mezzo", "point", "environ", "+", "≥", "–", "vague",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_FUZZ_TOKENS), max_size=7).map(" ".join),
    st.sampled_from(["count", "quantity", "percent", "duration"]),
)
def test_any_text_is_read_or_refused(text: str, kind: str) -> None:
    """Whatever the words, the reader gives a quantity or a ValueParseError, never a crash."""
    try:
        value: object = parse_value(text, kind)
    except ValueParseError as e:
        value = e
    assert isinstance(value, (Quantity, Unknown, ValueParseError))
