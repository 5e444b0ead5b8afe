"""Write the report section of examples/marawi/README.md from the real report.

Run ``python examples/marawi/readme_report.py`` after changing the dataset;
``tests/examples/test_marawi.py`` fails when the README and the report differ, so the README cannot
drift from the data.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import claimdiff
from claimdiff.cli import main

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- report:start -->", "<!-- report:end -->"


def report_excerpt() -> str:
    """What ``claimdiff report examples/marawi`` prints, up to the list of singles."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["report", str(HERE)])
    lines = out.getvalue().splitlines()
    # The singles and the load findings follow; the excerpt stops where the questions with
    # more than one answer end, which is what a reader of the README needs.
    cut = next((i for i, line in enumerate(lines) if line.startswith("Singles (")), len(lines))
    return "\n".join(lines[:cut]).rstrip() + "\n"


def reviews() -> str:
    """The curators' reason for each acknowledged contradiction, from baseline.yaml."""
    baseline = claimdiff.read_baseline(HERE / "baseline.yaml")
    return "".join(f"- **{e.group}**: {e.reason}\n" for e in baseline.entries)


def section() -> str:
    """The README's report section: the report excerpt, then the curators' reviews."""
    return (
        "```text\n"
        + report_excerpt()
        + "```\n\nThe curators' review of each contradiction (`baseline.yaml`):\n\n"
        + reviews()
    )


def with_section(readme: str, text: str) -> str:
    """``readme`` with the text between the report markers replaced by ``text``."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{text}{END}", readme)


if __name__ == "__main__":
    README.write_text(with_section(README.read_text(encoding="utf-8"), section()), encoding="utf-8")
