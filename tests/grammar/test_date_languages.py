"""The date reader across languages: CLDR names, times of day, relative dates, unread words."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel.dates import format_date, get_day_names
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import (
    Dataset,
    DateValue,
    Overview,
    Unknown,
    format_value,
    load,
    make_converter,
    overview,
    parse_value,
    reconcile,
)
from claimdiff._grammar.date_words import LANGUAGES, NAME_ONLY
from claimdiff.errors import ValueParseError
from claimdiff.testing import date_values

D = dt.date
PART = "part_of_month"
#: A Monday: relative dates below count from it.
REFERENCE = D(2015, 2, 16)
MESSAGE = "expected a date such as '14 November 2023', '2023-11' or 'late October 2023', got {!r}"


def read(text: str, year: int | None = None) -> DateValue:
    """``text`` read as a date against REFERENCE (test shorthand)."""
    value = parse_value(text, "date", year=year, reference=REFERENCE)
    assert isinstance(value, DateValue)
    return value


def span(value: DateValue) -> tuple[object, ...]:
    """What a date value allows and how it was said, without its text."""
    return (value.low, value.high, value.precision, value.qualifier)


DAY = (D(2014, 7, 22), D(2014, 7, 22), "day", "exact")


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday, 22 July 2014", "Tue 22 Jul 2014", "the 22nd of July, 2014", "July 22nd, 2014",
        "le mardi 22 juillet 2014", "mardi 22 juil. 2014", "22 de julio de 2014",
        "martes, 22 de julio del 2014", "22 de julho de 2014", "terça-feira, 22 de julho de 2014",
        "22. Juli 2014", "am Dienstag, dem 22. Juli 2014", "22 luglio 2014",
        "martedì 22 luglio 2014", "dinsdag 22 juli 2014", "22 lipca 2014 r.",
        "22 июля 2014 года", "Dne 22. července 2014", "La 22 iulie 2014", "22.07.2014",
        "el pasado martes 22 de julio de 2014", "22/07/2014", "2014-07-22T10:10:10Z",
        "2014/07/22", "2014.07.22", "22-07-2014", "22-Jul-2014",
    ],
)  # fmt: skip
def test_one_day_in_every_language(text: str) -> None:
    """One day written in each language's usual ways reads as that day."""
    assert DAY == span(read(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("del 10 al 14 de mayo de 2014", (D(2014, 5, 10), D(2014, 5, 14), "day", "range")),
        ("vom 10. bis 14. Mai 2014", (D(2014, 5, 10), D(2014, 5, 14), "day", "range")),
        ("dal 10 al 14 maggio 2014", (D(2014, 5, 10), D(2014, 5, 14), "day", "range")),
        ("van 10 tot 14 mei 2014", (D(2014, 5, 10), D(2014, 5, 14), "day", "range")),
        ("de 10 a 14 de maio de 2014", (D(2014, 5, 10), D(2014, 5, 14), "day", "range")),
        ("a finales de octubre de 2023", (D(2023, 10, 21), D(2023, 10, 31), PART, "exact")),
        ("Anfang Mai 2014", (D(2014, 5, 1), D(2014, 5, 10), PART, "exact")),
        ("meados de outubro de 2023", (D(2023, 10, 11), D(2023, 10, 20), PART, "exact")),
        ("a metà ottobre 2023", (D(2023, 10, 11), D(2023, 10, 20), PART, "exact")),
        ("eind oktober 2023", (D(2023, 10, 21), D(2023, 10, 31), PART, "exact")),
        ("el verano de 2014", (D(2014, 6, 1), D(2014, 8, 31), "season", "exact")),
        ("im Sommer 2014", (D(2014, 6, 1), D(2014, 8, 31), "season", "exact")),
        ("desde el 1 de mayo de 2014", (D(2014, 5, 1), None, "day", "at_least")),
        ("seit dem 1. Mai 2014", (D(2014, 5, 1), None, "day", "at_least")),
        ("prima del 10 maggio 2014", (None, D(2014, 5, 9), "day", "at_most")),
        ("uiterlijk 10 mei 2014", (None, D(2014, 5, 10), "day", "at_most")),
        ("hacia el 10 de mayo de 2014", (D(2014, 5, 10), D(2014, 5, 10), "day", "approximate")),
        ("dans la nuit du 9 au 10 mai 2014", (D(2014, 5, 9), D(2014, 5, 10), "day", "range")),
        ("the 1990s", (D(1990, 1, 1), D(1999, 12, 31), "year", "exact")),
        ("les années 1990", (D(1990, 1, 1), D(1999, 12, 31), "year", "exact")),
        ("la década de 1990", (D(1990, 1, 1), D(1999, 12, 31), "year", "exact")),
        ("in den 1990er Jahren", (D(1990, 1, 1), D(1999, 12, 31), "year", "exact")),
        ("not before 10 May 2014", (D(2014, 5, 10), None, "day", "at_least")),
        ("on or before 10 May 2014", (None, D(2014, 5, 10), "day", "at_most")),
        ("on or after 10 May 2014", (D(2014, 5, 10), None, "day", "at_least")),
        ("on or about 10 May 2014", (D(2014, 5, 10), D(2014, 5, 10), "day", "approximate")),
        ("pas avant le 10 mai 2014", (D(2014, 5, 10), None, "day", "at_least")),
        ("nicht nach dem 10. Mai 2014", (None, D(2014, 5, 10), "day", "at_most")),
        ("in der Nacht zum 10. Mai 2014", (D(2014, 5, 9), D(2014, 5, 10), "day", "range")),
        ("in der Nacht vom 9. zum 10. Mai 2014", (D(2014, 5, 9), D(2014, 5, 10), "day", "range")),
        ("de nacht van 9 op 10 mei 2014", (D(2014, 5, 9), D(2014, 5, 10), "day", "range")),
        ("la notte tra il 9 e il 10 maggio 2014", (D(2014, 5, 9), D(2014, 5, 10), "day", "range")),
    ],
)  # fmt: skip
def test_grammar_words_in_every_language(text: str, expected: tuple[object, ...]) -> None:
    """Ranges, parts of months, seasons, bounds and hedges read in each grammar language."""
    assert expected == span(read(text))


@pytest.mark.parametrize(
    "text",
    [
        "midnight on 22 July 2014", "at dawn on 22 July 2014", "22 July 2014, 14:40",
        "22 July 2014 at 2:40 pm GMT", "on the morning of 22 July 2014",
        "in the early hours of 22 July 2014", "22 juillet 2014 à 14h40",
        "le 22 juillet 2014 au matin", "22 de julio de 2014 a las 14:40",
        "22. Juli 2014 um 14 Uhr", "22 luglio 2014 alle 14:40", "22 juli 2014 om 14.40 uur",
        "2014-07-22 14:40", "2014-07-22T23:59:59.5-05:00", "Tue, 22 Jul 2014 22:31:20 +0000",
        "2014-07-22 22:31:20 +0000", "22 de julio de 2014 a las 10:00 p. m.",
    ],
)  # fmt: skip
def test_time_of_day_gives_its_day(text: str) -> None:
    """A time of day is read and dropped: the value is the day it falls on, never less."""
    assert DAY == span(read(text))


def test_bound_before_a_time_is_refused() -> None:
    """'before midnight on' a day is not a bound on that day: refused, not guessed."""
    text = "before midnight on 22 July 2014"
    with pytest.raises(ValueParseError, match=f"^{re.escape(MESSAGE.format(text))}$"):
        read(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", D(2015, 2, 16)), ("yesterday", D(2015, 2, 15)),
        ("the day before yesterday", D(2015, 2, 14)), ("Sunday", D(2015, 2, 15)),
        ("last Sunday", D(2015, 2, 15)), ("on Tuesday", D(2015, 2, 10)),
        ("a week ago", D(2015, 2, 9)), ("two days ago", D(2015, 2, 14)),
        ("3 weeks ago", D(2015, 1, 26)), ("hier", D(2015, 2, 15)),
        ("avant-hier", D(2015, 2, 14)), ("dimanche dernier", D(2015, 2, 15)),
        ("il y a deux jours", D(2015, 2, 14)), ("hier soir", D(2015, 2, 15)),
        ("ayer", D(2015, 2, 15)), ("el domingo pasado", D(2015, 2, 15)),
        ("hace dos días", D(2015, 2, 14)), ("ontem", D(2015, 2, 15)),
        ("há dois dias", D(2015, 2, 14)), ("gestern", D(2015, 2, 15)),
        ("vor zwei Tagen", D(2015, 2, 14)), ("am vergangenen Sonntag", D(2015, 2, 15)),
        ("ieri", D(2015, 2, 15)), ("due giorni fa", D(2015, 2, 14)),
        ("domenica scorsa", D(2015, 2, 15)), ("gisteren", D(2015, 2, 15)),
        ("twee dagen geleden", D(2015, 2, 14)), ("vorige zondag", D(2015, 2, 15)),
        ("Sunday night", D(2015, 2, 15)), ("since yesterday", D(2015, 2, 15)),
        ("gestern Abend", D(2015, 2, 15)), ("gisteravond", D(2015, 2, 15)),
        ("ontem à noite", D(2015, 2, 15)), ("yesterday at 10:00", D(2015, 2, 15)),
        ("early Sunday", D(2015, 2, 15)), ("late Tuesday night", D(2015, 2, 10)),
        ("am Sonntagabend", D(2015, 2, 15)), ("am Dienstag früh", D(2015, 2, 10)),
    ],
)  # fmt: skip
def test_relative_dates(text: str, day: dt.date) -> None:
    """Relative dates count back from the reference day; a weekday is the last one before it."""
    value = read(text)
    assert day == (value.low if value.qualifier == "at_least" else value.high)
    assert day == value.low


@pytest.mark.parametrize(
    "text",
    ["dans la nuit de samedi à dimanche", "in der Nacht zum Sonntag", "Saturday night",
     "in de nacht van zaterdag op zondag", "la notte tra sabato e domenica"],
)  # fmt: skip
def test_relative_nights(text: str) -> None:
    """A night named by weekdays is the last such night before the reference day."""
    value = read(text)
    expected = (D(2015, 2, 14), D(2015, 2, 15) if "Saturday" not in text else D(2015, 2, 14))
    assert expected == (value.low, value.high)


@pytest.mark.parametrize(
    ("text", "low", "high", "precision"),
    [
        ("last year", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("l'année dernière", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("last month", D(2015, 1, 1), D(2015, 1, 31), "month"),
        ("this month", D(2015, 2, 1), D(2015, 2, 28), "month"),
    ],
)
def test_relative_months_and_years(text: str, low: dt.date, high: dt.date, precision: str) -> None:
    """'last year' and 'this month' are the whole calendar unit around the reference day."""
    assert (low, high, precision) == span(read(text))[:3]


@given(st.sampled_from(["yesterday", "Sunday", "a week ago", "hier", "vor zwei Tagen"]))
def test_relative_dates_need_a_reference(text: str) -> None:
    """Without a reference day a relative date is refused, however the context year is set."""
    message = (
        "a relative date needs a reference day (the claim's 'stated' date or its first relay's"
        f" 'published' date), got {text!r}"
    )
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "date", year=2015)


@pytest.mark.parametrize("text", ["Monday", "on Monday", "lundi", "am Montag"])
def test_the_reference_days_own_weekday_is_refused(text: str) -> None:
    """A weekday said on that weekday may be the day itself or a week before: refused."""
    with pytest.raises(ValueParseError):
        parse_value(text, "date", reference=REFERENCE)


@pytest.mark.parametrize("text", ["Monday 14 November 2023", "lundi 14 novembre 2023"])
def test_wrong_weekday_is_refused_saying_so(text: str) -> None:
    """A weekday the day does not fall on is refused, saying which weekday it was."""
    message = MESSAGE.format(text) + "; 2023-11-14 was a Tuesday, not a Monday"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        read(text)


def test_ambiguous_numeric_date_is_refused() -> None:
    """A slashed date that reads as two days is refused with both readings."""
    message = (
        "'07/08/2014' could be day 7 of month 8 or day 8 of month 7: write the month's name"
        " or ISO 8601 (YYYY-MM-DD)"
    )
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        read("07/08/2014")


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("soon", "'soon'"), ("22 July 2014 plus 3", "'plus'"), ("the 1900s", ""),
        ("22 July 2014 reportedly", "'reportedly'"), ("22 juillet 2014 environ vers", ""),
    ],
)  # fmt: skip
def test_unread_words_are_named(text: str, unread: str) -> None:
    """A text with words no language reads is refused naming them."""
    message = MESSAGE.format(text) + (f"; did not read {unread}" if unread else "")
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        read(text)


LOCALES = LANGUAGES + NAME_ONLY
_DAYS = st.dates(D(1900, 1, 1), D(2100, 12, 31))


@given(_DAYS, st.sampled_from(LOCALES), st.sampled_from(["full", "long", "medium"]))
def test_cldr_formats_read_as_their_day(day: dt.date, locale: str, width: str) -> None:
    """A day as CLDR writes it in every supported language and width reads as that day."""
    text = format_date(day, format=width, locale=locale)
    assert (day, day) == (read(text).low, read(text).high)


_NOISE = st.sampled_from(["plus", "reportedly", "soldiers", "kidal", "xyzzy", "killed"])


@given(_DAYS, st.sampled_from(LOCALES), st.sampled_from(["full", "long"]), _NOISE, st.data())
def test_spliced_words_are_refused(
    day: dt.date, locale: str, width: str, noise: str, data: st.DataObject
) -> None:
    """A word no language reads, spliced anywhere into a date, is refused and named."""
    words = format_date(day, format=width, locale=locale).split()
    at = data.draw(st.integers(0, len(words)))
    text = " ".join([*words[:at], noise, *words[at:]])
    with pytest.raises(ValueParseError, match=f"did not read .*'{noise}'"):
        read(text)


@given(date_values())
def test_format_round_trip_keeps_uncertainty(value: DateValue) -> None:
    """format_value writes a date that reads back with the same bounds and uncertainty."""
    try:
        text = format_value(value)
    except ValueError:
        return  # an approximate date open on one side has no text (documented)
    actual = read(text)
    assert (value.low, value.high) == (actual.low, actual.high)
    if value.qualifier != "alternatives":
        assert value.uncertain == actual.uncertain


RELATIVE_CLAIMS = [
    {"id": "a", "event": "e", "measure": "date", "claimant": "x", "value": "yesterday",
     "stated": "2015-02-16"},
    {"id": "b", "event": "e", "measure": "date", "claimant": "y", "value": "hier",
     "via": [{"outlet": "Le Monde", "published": "2015-02-16"}]},
    {"id": "c", "event": "e", "measure": "date", "claimant": "z", "value": "Sunday",
     "stated": "2015-02-16", "via": [{"outlet": "RFI", "published": "2015-02-20"}]},
    {"id": "d", "event": "e", "measure": "date", "claimant": "w", "value": "dimanche"},
]  # fmt: skip


def test_loaders_resolve_relative_dates(tmp_path: Path) -> None:
    """The loader counts from 'stated', else the first relay's 'published', else refuses; the
    engine gives the same answers."""
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in RELATIVE_CLAIMS), encoding="utf-8")
    dataset = load(path)
    values = {c.id: c.value for c in dataset.claims}
    assert {"a", "b", "c"} == set(values)
    assert {D(2015, 2, 15)} == {v.low for v in values.values()}  # type: ignore[union-attr]
    (finding,) = dataset.findings
    assert finding.message.startswith("a relative date needs a reference day")
    assert Overview.of(reconcile(dataset)) == overview(path)


def _report(dataset: Dataset) -> str:
    """The report of ``dataset`` as JSON text."""
    return json.dumps(make_converter().unstructure(reconcile(dataset)), sort_keys=True)


def test_report_entries_say_uncertain(tmp_path: Path) -> None:
    """A report shows an EDTF '?' or '%' in words next to the source's text."""
    claims = [
        {"id": "a", "event": "e", "measure": "date", "claimant": "x", "value": "1984?"},
        {"id": "b", "event": "e", "measure": "date", "claimant": "y", "value": "1990%"},
        {"id": "c", "event": "e", "measure": "date", "claimant": "z", "value": "around 1995"},
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    (group,) = reconcile(load(path)).groups
    expected = ["1984? (uncertain)", "1990% (approximate and uncertain)", "around 1995"]
    assert expected == [e.value for e in group.entries]


@given(_DAYS, st.sampled_from(LANGUAGES), st.integers(0, 6))
def test_weekday_is_the_last_one_before_the_reference(
    reference: dt.date, language: str, weekday: int
) -> None:
    """A weekday named in any grammar language is that weekday, within the 6 days before; the
    reference day's own weekday is refused (that day, or a week before)."""
    name = get_day_names("wide", "format", language)[weekday]
    if weekday == reference.weekday():
        with pytest.raises(ValueParseError):
            parse_value(name, "date", reference=reference)
        return
    value = parse_value(name, "date", reference=reference)
    assert isinstance(value, DateValue)
    assert value.low is not None
    assert value.low == value.high
    assert weekday == value.low.weekday()
    assert 1 <= (reference - value.low).days <= 6


@given(_DAYS, st.integers(1, 60), st.sampled_from(["{} days ago", "il y a {} jours", "hace {} días",
       "há {} dias", "vor {} Tagen", "{} giorni fa", "{} dagen geleden"]))  # fmt: skip
def test_days_ago_count_back(reference: dt.date, n: int, form: str) -> None:
    """'N days ago' in each grammar language is the reference day minus N days."""
    value = parse_value(form.format(n), "date", reference=reference)
    assert isinstance(value, DateValue)
    assert (reference - dt.timedelta(days=n),) * 2 == (value.low, value.high)


@given(st.text(max_size=40), st.one_of(st.none(), _DAYS))
def test_any_text_is_read_or_refused(text: str, reference: dt.date | None) -> None:
    """Whatever the text, the date reader returns a date or refuses it: it never crashes."""
    try:
        value = parse_value(text, "date", year=2014, reference=reference)
    except ValueParseError:
        return
    assert isinstance(value, DateValue | Unknown)  # "unknown", "n/a": the source does not know


@pytest.mark.parametrize(
    "text", ["il y a quinze jours", "il y a huit jours", "hace quince días", "quindici giorni fa"]
)
def test_romance_week_idioms_are_refused(text: str) -> None:
    """The idioms "quinze jours" (a fortnight) and "huit jours" (a week) are refused."""
    with pytest.raises(ValueParseError):
        parse_value(text, "date", reference=REFERENCE)
