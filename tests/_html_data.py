"""A small Kidal-like dataset built in Python, for the HTML report tests.

It holds one claim of each shape the charts draw: exact figures that contradict, an open
bound next to a figure, a date against a deadline, and who controlled Kidal by period.
"""

from __future__ import annotations

import datetime as dt

from claimdiff import Actor, Category, Claim, Dataset, DateValue, Document, Quantity, Relay

ACTORS = (
    Actor(id="mnla", name="MNLA", side="rebels", kind="armed_group"),
    Actor(id="csp-psd", name="CSP-PSD", aliases=("CMA",), side="rebels", kind="armed_group"),
    Actor(id="mali", name="Malian government", aliases=("Mali",), side="mali", kind="state"),
    Actor(id="fama", name="Malian army", aliases=("FAMa",), side="mali", kind="state"),
    Actor(id="medical", name="Medical sources"),
    Actor(id="ict", name="ICT"),
    Actor(id="reuters", name="Reuters", kind="outlet"),
    Actor(id="le-point", name="Le Point", kind="outlet"),
    Actor(id="rfi", name="RFI", kind="outlet"),
    Actor(id="encyclopedia", name="encyclopedia", kind="outlet"),
    Actor(id="hrw", name="Human Rights Watch"),
)

ENCYCLOPEDIA = Relay(outlet="encyclopedia", url="https://en.wikipedia.org/wiki/Kidal")


def claims() -> tuple[Claim, ...]:
    """The claims, one per statement a source made."""
    return (
        Claim(
            id="killed-mnla",
            event="kidal-2014",
            measure="killed",
            party="fama",
            value=Quantity.exact(40),
            claimant="MNLA",
            via=(
                Relay(outlet="Le Point", url="https://www.lepoint.fr/afrique/kidal"),
                ENCYCLOPEDIA,
            ),
            quote="Le MNLA affirme avoir tué 40 soldats maliens.",
            document="wiki-kidal",
        ),
        Claim(
            id="killed-mali",
            event="kidal-2014",
            measure="killed",
            party="fama",
            value=Quantity.exact(50),
            claimant="Malian government",
            via=(Relay(outlet="Reuters", url="https://www.reuters.com/article/mali-kidal"),),
            quote='The government said 50 soldiers were killed in "the attack" <on Kidal>.',
        ),
        Claim(
            id="civ-csp",
            event="kidal-drone-2023",
            measure="killed",
            party="civilians",
            value=Quantity.exact(14, "fourteen"),
            claimant="CSP-PSD",
            quote="Fourteen civilians, among them children, were killed.",
        ),
        Claim(
            id="civ-medical",
            event="kidal-drone-2023",
            measure="killed",
            party="civilians",
            value=Quantity(low=10, high=None, text="at least ten", qualifier="at_least"),
            claimant="medical sources",
            via=(Relay(outlet="RFI", url="https://www.rfi.fr/fr/afrique/kidal-drone"),),
            quote="Au moins dix civils ont été tués selon des sources médicales.",
        ),
        Claim(
            id="minusma-ict",
            event="minusma-withdrawal",
            measure="date",
            place="kidal-camp",
            value=DateValue.day(dt.date(2023, 11, 8), "November 8"),
            claimant="ICT",
            quote="MINUSMA left its Kidal camp on November 8.",
        ),
        Claim(
            id="minusma-wiki",
            event="minusma-withdrawal",
            measure="date",
            place="kidal-camp",
            value=DateValue(
                low=None, high=dt.date(2023, 10, 31), text="by October 31", qualifier="at_most"
            ),
            via=(ENCYCLOPEDIA,),
            quote="The mission had left Kidal by October 31.",
        ),
        *(
            Claim(
                id=f"control-2013-{who}",
                event="kidal-control",
                measure="controller",
                place="Kidal",
                as_of=DateValue(
                    low=dt.date(2013, 1, 1),
                    high=dt.date(2013, 12, 31),
                    text="2013",
                    precision="year",
                ),
                value=Category(members={"csp-psd"}, text="CSP-PSD/CMA"),
                claimant=who,
                quote="Kidal remained under the control of the armed groups in 2013.",
            )
            for who in ("hrw", "mnla", "ict")
        ),
        Claim(
            id="control-2013-mali",
            event="kidal-control",
            measure="controller",
            place="Kidal",
            as_of=DateValue(
                low=dt.date(2013, 1, 1), high=dt.date(2013, 12, 31), text="2013", precision="year"
            ),
            value=Category(members={"mali"}, text="Mali"),
            claimant="Malian government",
            quote="The State has returned to Kidal.",
        ),
        Claim(
            id="control-2023-fama",
            event="kidal-control",
            measure="controller",
            place="Kidal",
            as_of=DateValue(
                low=dt.date(2023, 11, 14),
                high=None,
                text="since 14 November 2023",
                qualifier="at_least",
            ),
            value=Category(members={"fama"}, text="FAMa"),
            claimant="ICT",
            quote="The army entered Kidal on 14 November 2023.",
        ),
    )


def dataset() -> Dataset:
    """The claims with their actors and one document."""
    return Dataset(
        claims=claims(),
        actors=ACTORS,
        documents=(
            Document(id="wiki-kidal", title="Kidal", url="https://en.wikipedia.org/wiki/Kidal"),
        ),
    )
