"""Reconcile the Kidal example and print every contradiction with its camps and their origins.

Run from the repository root: ``python examples/quickstart.py``.
"""

from __future__ import annotations

from pathlib import Path

import claimdiff

HERE = Path(__file__).parent


def main() -> None:
    """Print each contradiction as its camps, with who stands behind each."""
    dataset = claimdiff.load(HERE / "kidal")
    report = claimdiff.reconcile(dataset)
    names = {actor.id: actor.label for actor in dataset.actors}
    print(f"{report.summary.claims} claims, {report.summary.contradictions} contradictions")
    for group in report.groups:
        if group.verdict != "contradiction":
            continue
        print(
            f"\n{group.key}  (range {group.range.text if group.range else ', '.join(group.values)})"
        )
        for camp in group.camps:
            says = camp.consensus.text if camp.consensus else ", ".join(camp.values)
            who = ", ".join(names.get(c, c) for c in camp.claimants) or "unattributed"
            print(f"  {says:<28} {who}  [{camp.origins} independent origin(s)]")


if __name__ == "__main__":
    main()
