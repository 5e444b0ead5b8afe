"""The Flight data set (Li, Dong, Lyons, Meng, Srivastava, VLDB 2013) as claimdiff claims.

Layout: ``<root>/flight/claims/YYYYMMDD.txt`` (source, flight, scheduled departure, actual
departure, departure gate, scheduled arrival, actual arrival, arrival gate; tab-separated) and
``<root>/flight/truth/YYYYMMDD.txt`` (the same columns without the source).

How times are stored. Every source, and the gold standard, gives *local wall-clock time at the
airport concerned*: the 8:35 AM Miami departure and the 11:44 AM San Francisco arrival of
AA-431 read the same on the airline's site, on FlightAware ("08:35AM EST", "11:33AM PST") and on
the sites that add the UTC offset ("8:52 AM (-05:00)"). Zone labels and offsets therefore
annotate the local time and are *not* applied. A time becomes a :class:`Quantity` of whole
minutes since midnight (local) of the crawl day the file is named after, with the date the
source gave when it gave one: 1:55 PM on the crawl day is 835, 12:10 AM the next day is 1450,
11:50 PM the day before is -10. A date written without a year ("Dec 1", "12/1") takes the
year that puts it nearest the crawl day, so "Jan 1" read on 2011-12-31 is in 2012 and "Dec 31"
read on 2012-01-01 is in 2011; a date with its year ("January 1, 2012") keeps it. Formats
without a date take the crawl day. The source's text is kept as the value's ``text``.

Cells without a time (empty, ``Not Available``, ``Contact Airline``, ``Cancelled``, a date
alone) make no claim and are counted in :attr:`GoldData.skipped` under ``no time``. Cells that
hold a time or a date that cannot be read (``25:10``, ``2/30/2011 9:00 AM``) make no claim
either, and are counted under ``unreadable``, with the first few in
:attr:`GoldData.examples`: never read as some other day, never dropped in silence.
Qualifiers such as "(Estimated)", "(runway)", "On Time" or "Delayed" are dropped: the time is
what the source displays in that column.

Evaluation rule used by the benchmark: an estimate is correct when it equals the gold time to
the minute (the gold values are whole minutes, like every source), and "within 10 minutes" is
reported beside it for the near misses. Gates become :class:`Category` values when asked for
("Terminal 2 - 57" and " 57 " both read ``57``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .._model.claims import Claim
from .._model.values import Category, Quantity, Value
from ..errors import UnreadableCellError
from ._gold import GoldData, ItemKey

#: Column index (in the claims files) -> measure name. Truth files are shifted left by one.
TIME_COLUMNS = {
    2: "scheduled_departure",
    3: "actual_departure",
    5: "scheduled_arrival",
    6: "actual_arrival",
}
GATE_COLUMNS = {4: "departure_gate", 7: "arrival_gate"}

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Offsets in parentheses contain a colon that must not be read as a time: "(-05:00)".
_OFFSET = re.compile(r"\([+-]\d\d:\d\d\)")
_TIME = re.compile(r"(\d{1,2}):(\d{2})\s*(a\.m\.|p\.m\.|am|pm|noon|midnight|a|p)?", re.IGNORECASE)
_DATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b"), "mdy"),  # 12/1/11, 12/01/2011
    # "2011-12-02 12/1 6:00 AM": the crawl date, then the flight's own month/day.
    (re.compile(r"\b(\d{4})-\d\d-\d\d\s+(\d{1,2})/(\d{1,2})\b"), "ymd_md"),
    (re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b"), "ymd"),  # 2011-12-01 13:55
    (re.compile(r"\b(\d\d)-(\d\d)-(\d\d)\b"), "mdy"),  # 3:00P 12-01-11
    (re.compile(r"\b(\d{1,2})-([A-Za-z]{3})-(\d{4})\b"), "dmy_name"),  # Thu 01-Dec-2011
    # December 01, 2011; Dec.02, 2011; January 1, 2012: the year is the source's own.
    (re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s*(\d{1,2}),?\s+(\d{4})\b"), "mdy_name"),
    # Dec 1, December 01, Dec.01
    (re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s*(\d{1,2})\b"), "md_name"),
)


def _near_year(month: int, day_of_month: int, near: dt.date) -> dt.date:
    """The date ``month``/``day_of_month`` in the year that puts it nearest ``near``."""
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(dt.date(year, month, day_of_month))
        except ValueError:  # 29 February outside a leap year
            continue
    if not candidates:
        raise ValueError(f"no year has {month}/{day_of_month}")
    return min(candidates, key=lambda d: abs((d - near).days))


def _date(text: str, day: dt.date) -> dt.date | None:
    """The date written in ``text`` (``None`` when none is); :class:`ValueError` when one is
    written but no reading of it is a real date."""
    bad: str | None = None
    for pattern, form in _DATES:
        for m in pattern.finditer(text):
            g = m.groups()
            try:
                if form == "mdy":
                    year = int(g[2]) + (2000 if len(g[2]) == 2 else 0)
                    return dt.date(year, int(g[0]), int(g[1]))
                if form == "ymd_md":  # the month/day nearest the date written before it
                    return _near_year(int(g[1]), int(g[2]), dt.date(int(g[0]), day.month, 1))
                if form == "ymd":
                    return dt.date(int(g[0]), int(g[1]), int(g[2]))
                if form == "dmy_name" and g[1].lower() in _MONTHS:
                    return dt.date(int(g[2]), _MONTHS[g[1].lower()], int(g[0]))
                if form == "mdy_name" and g[0].lower() in _MONTHS:
                    return dt.date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
                if form == "md_name" and g[0].lower() in _MONTHS:
                    return _near_year(_MONTHS[g[0].lower()], int(g[1]), day)
            except ValueError:  # 2/30 and the like: try the next reading
                bad = bad or m.group(0)
                continue
    if bad is not None:
        raise UnreadableCellError(f"expected a date, got {bad!r}")
    return None


def parse_flight_time(text: str, day: dt.date) -> int | None:
    """Minutes since local midnight of ``day`` for one cell of the Flight data set.

    Args:
        text: the cell, in any of the data set's formats (``12/01/2011 01:55 PM``,
            ``12/1/2011 2:07PM EST``, ``12/1/11 2:06 PM (-05:00)``, ``8:35aDec 1``,
            ``Dec 01 - 12:05noon``, ``2011-12-02 Fri  19:09`` ...).
        day: the crawl day the file is named after.

    Returns:
        The minutes (negative the day before, 1440 or more the day after), or ``None`` when the
        cell holds no time (``Not Available``, ``Cancelled``, a date alone).

    Raises:
        UnreadableCellError: when the cell holds a time or a date that is not one (``25:10``,
            ``2/30/2011 9:00 AM``): such a cell is neither read as another day nor skipped
            as if it were empty.
    """
    cleaned = _OFFSET.sub(" ", text)
    m = _TIME.search(cleaned)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    meridiem = (m.group(3) or "").lower().replace(".", "")
    if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
        raise UnreadableCellError(f"expected a time of day, got {m.group(0)!r} in {text!r}")
    if meridiem in ("p", "pm", "noon"):
        hour = hour % 12 + 12
    elif meridiem in ("a", "am", "midnight"):
        hour = hour % 12
    # The date is read with the time removed, so that "8:35aDec 1" reads "Dec 1".
    try:
        date = _date(cleaned[: m.start()] + " " + cleaned[m.end() :], day) or day
    except UnreadableCellError as err:
        raise UnreadableCellError(f"{err} in {text!r}") from None
    return (date - day).days * 1440 + hour * 60 + minute


def _gate(text: str) -> str | None:
    label = text.strip()
    if " - " in label:  # "Terminal 2 - 57": the terminal is context, the gate is 57
        label = label.rsplit(" - ", 1)[1].strip()
    return label.upper() if label and label not in ("-", "--") else None


#: How many unreadable cells :attr:`GoldData.examples` shows.
_EXAMPLES = 5


def _value(
    column: int, text: str, day: dt.date, skipped: Counter[str], where: list[str] | None = None
) -> Value | None:
    if not text.strip():
        return None
    if column in GATE_COLUMNS:
        gate = _gate(text)
        if gate is None:
            skipped["no gate"] += 1
            return None
        return Category(members={gate}, text=text)
    try:
        minutes = parse_flight_time(text, day)
    except UnreadableCellError as err:
        skipped["unreadable"] += 1
        if where is not None:
            where.append(str(err))
        return None
    if minutes is None:
        skipped["no time"] += 1
        return None
    return Quantity.exact(minutes, text=text)


def _days(root: Path, days: Iterable[str] | None) -> list[str]:
    found = sorted(p.stem for p in (root / "flight" / "claims").glob("*.txt"))
    return found if days is None else [d for d in found if d in set(days)]


def load_flight(
    root: str | Path, *, days: Iterable[str] | None = None, gates: bool = False
) -> GoldData:
    """Read the Flight data set under ``root`` into claims and gold truth.

    Args:
        root: the folder that holds ``flight/`` (the benchmark passes ``../shared/datasets``).
        days: crawl days to read (``"20111201"``); all of them when ``None``.
        gates: also read departure and arrival gates, as categories.

    Returns:
        One claim per (source, flight, day, attribute) cell that holds a value: ``event`` is
        ``<flight>@<YYYY-MM-DD>``, ``measure`` the column (``actual_departure``...),
        ``claimant`` the source, ``document`` the file; and the gold values by item. Cells
        that make no claim are counted by reason in ``skipped`` (``no time``, ``unreadable``,
        ...), and the first unreadable ones are quoted, with file and line, in ``examples``.
    """
    base = Path(root)
    columns = {**TIME_COLUMNS, **(GATE_COLUMNS if gates else {})}
    claims: list[Claim] = []
    truth: dict[ItemKey, Value] = {}
    skipped: Counter[str] = Counter()
    examples: list[str] = []
    for stem in _days(base, days):
        day = dt.datetime.strptime(stem, "%Y%m%d").date()
        document = f"flight/claims/{stem}.txt"
        with (base / document).open(encoding="utf-8", errors="replace") as f:
            for line_no, line in enumerate(f, 1):
                cells = line.rstrip("\n").split("\t")
                if len(cells) < 8:
                    skipped["short line"] += 1
                    continue
                event = f"{cells[1].strip()}@{day.isoformat()}"
                for column, measure in columns.items():
                    problems: list[str] = []
                    value = _value(column, cells[column], day, skipped, problems)
                    examples.extend(f"{document}:{line_no}: {p}" for p in problems)
                    if value is not None:
                        claims.append(
                            Claim(
                                id=f"{stem}:{line_no}:{measure}",
                                event=event,
                                measure=measure,
                                value=value,
                                claimant=cells[0].strip(),
                                document=document,
                            )
                        )
        truth_file = base / "flight" / "truth" / f"{stem}.txt"
        if truth_file.exists():
            lines = truth_file.read_text(encoding="utf-8", errors="replace").splitlines()
            for line_no, line in enumerate(lines, 1):
                cells = ["", *line.split("\t")]  # align with the claims' columns
                if len(cells) < 8:
                    skipped["short line (truth)"] += 1
                    continue
                event = f"{cells[1].strip()}@{day.isoformat()}"
                for column, measure in columns.items():
                    gold_problems: list[str] = []
                    gold_skipped: Counter[str] = Counter()
                    gold = _value(column, cells[column], day, gold_skipped, gold_problems)
                    # Gold cells without a time are expected; unreadable ones are reported.
                    skipped["unreadable (truth)"] += gold_skipped["unreadable"]
                    examples.extend(
                        f"flight/truth/{stem}.txt:{line_no}: {p}" for p in gold_problems
                    )
                    if gold is not None:
                        truth[(event, measure, None)] = gold
    return GoldData(
        name="flight",
        claims=tuple(claims),
        truth=truth,
        skipped={k: n for k, n in sorted(skipped.items()) if n},
        examples=tuple(examples[:_EXAMPLES]),
    )
