"""Write the findings section of examples/kidal/README.md from the real report.

Run ``python examples/kidal/findings.py`` after changing the dataset;
``tests/examples/test_kidal.py`` fails when the README and the report differ, so the prose cannot
drift from the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import claimdiff
from claimdiff import Dataset, Group, Report

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- report:start -->", "<!-- report:end -->"
QUOTE_LIMIT = 160


def _and(names: Iterable[str]) -> str:
    items = list(dict.fromkeys(names))
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Writer:
    def __init__(self, report: Report, dataset: Dataset, reasons: dict[str, str]) -> None:
        self.report = report
        self.claims = {c.id: c for c in dataset.claims}
        self.actors = claimdiff.ActorIndex.build(dataset.actors)
        self.events = {e.id: e.name or e.id for e in dataset.events}
        self.reasons = reasons

    def name(self, actor: str) -> str:
        return self.actors.label(actor)

    def title(self, group: Group) -> str:
        key = group.key
        words = [self.events.get(key.event, key.event), key.measure.replace("_", " ")]
        if key.party:
            words.append(self.name(key.party))
        if key.place:
            words.append(f"at {key.place}")
        if key.as_of:
            words.append(f"as of {key.as_of}")
        return " · ".join(words)

    def voice(self, claim_id: str) -> str:
        """Who says it, and through whom: "the MNLA, relayed by Le Point and the encyclopedia"."""
        claim = self.claims[claim_id]
        who = self.name(claim.claimant) if claim.claimant else "an unattributed source"
        origin = self.actors.resolve(claim.claimant or "")
        relays = [self.name(r.outlet) for r in claim.via if self.actors.resolve(r.outlet) != origin]
        return f"{who}, relayed by {_and(relays)}" if relays else who

    def quote(self, claim_id: str) -> str:
        text = " ".join(self.claims[claim_id].quote.split())
        if len(text) > QUOTE_LIMIT:
            text = text[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        return f"“{text}”"

    def camp_line(self, group: Group, index: int) -> str:
        camp = group.camps[index]
        says = camp.consensus.text if camp.consensus else " or ".join(camp.values)
        voices = "; ".join(dict.fromkeys(self.voice(c) for c in camp.claims))
        origins = f"{camp.origins} independent origin" + ("s" if camp.origins != 1 else "")
        return f"  - **{says}**: {voices} ({origins}). {self.quote(camp.claims[0])}"

    def widest(self, group: Group) -> claimdiff.Relation:
        """The contradicting pair furthest apart: how far the claims of the group diverge."""
        relations = [
            claimdiff.compare(self.claims[a], self.claims[b], resolve=self.actors.resolve)
            for a, b in group.contradictions
        ]
        return max(relations, key=lambda r: (r.relative_gap or 0.0, r.gap or 0))

    def gap(self, group: Group) -> str:
        relation = self.widest(group)
        if relation.gap is None:
            return ""
        if relation.relative_gap is not None:
            share = relation.relative_gap
            percent = f"{share:.0%}" if share >= 0.01 else f"{share:.1%}"
            return f" The claims are up to {relation.gap:,} apart ({percent} of the larger)."
        return f" The claims are up to {relation.gap} day{'s' if relation.gap != 1 else ''} apart."

    def contradiction(self, group: Group) -> list[str]:
        lines = [f"- **{self.title(group)}**.{self.gap(group)}"]
        lines += [self.camp_line(group, i) for i in range(len(group.camps))]
        reason = self.reasons.get(str(group.key))
        if reason:
            lines.append(f"  - *Curators' review:* {reason}")
        return lines

    def agreement(self, group: Group) -> str:
        if group.range is not None:
            says = group.range.text
            if group.consensus is not None and group.consensus.text != says:
                says += f"; every source allows {group.consensus.text}"
        else:
            says = " or ".join(group.consensus_values or group.values)
        voices = "; ".join(dict.fromkeys(self.voice(c) for c in group.claims))
        origins = f"{group.independent_origins} independent origins"
        return f"- **{self.title(group)}**: {says}. {voices} ({origins})."

    def render(self) -> str:
        report, s = self.report, self.report.summary
        contradictions = [g for g in report.groups if g.verdict == "contradiction"]
        agreements = [g for g in report.groups if g.verdict == "agreement"]
        echoes = [g for g in report.groups if g.verdict == "single" and len(g.claims) > 1]
        out = [
            f"claimdiff reads **{s.records} claims** and accounts for every one of them in "
            f"**{s.groups} questions**: {s.contradictions} contradictions, {s.agreements} "
            f"agreements, {s.singles} questions answered by a single origin and {s.unknowns} "
            f"where every source says it does not know.",
            "",
            f"### Where the sources contradict each other ({len(contradictions)})",
            "",
            "Figures first, the furthest apart (relative to their size) first; then dates, by days "
            "apart; then labels that name different things.",
            "",
        ]
        for group in sorted(contradictions, key=_contradiction_order(self)):
            out += self.contradiction(group)
        out += ["", f"### Transposed figures ({len(report.transpositions)})", ""]
        out += [f"- {t.message}." for t in report.transpositions]
        out += ["", f"### Where independent sources agree ({len(agreements)})", ""]
        out += [self.agreement(g) for g in agreements]
        out += [
            "",
            f"### One origin, many outlets ({len(echoes)})",
            "",
            "These questions have several claims but a single origin: outlets repeating one "
            "claimant are not corroboration, so claimdiff calls them *single*, not agreement.",
            "",
        ]
        out += [
            f"- **{self.title(g)}**: {len(g.claims)} claims, all from {self.name(g.origins[0])}."
            for g in echoes
        ]
        return "\n".join(out) + "\n"


def _contradiction_order(writer: _Writer) -> Callable[[Group], tuple[int, float, str]]:
    def key(group: Group) -> tuple[int, float, str]:
        relation = writer.widest(group)
        if relation.relative_gap is not None:
            return (0, -relation.relative_gap, str(group.key))
        if relation.gap is not None:
            return (1, -float(relation.gap), str(group.key))
        return (2, 0.0, str(group.key))

    return key


def findings_markdown() -> str:
    """The findings section, from the dataset, its report and the curators' baseline."""
    dataset = claimdiff.load(HERE)
    report = claimdiff.reconcile(dataset)
    baseline = claimdiff.read_baseline(HERE / "baseline.yaml")
    reasons = {entry.group: entry.reason for entry in baseline.entries}
    return _Writer(report, dataset, reasons).render()


def with_findings(readme: str, findings: str) -> str:
    """``readme`` with the text between the report markers replaced by ``findings``."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{findings}{END}", readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(with_findings(text, findings_markdown()), encoding="utf-8")
