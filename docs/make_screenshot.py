"""Render a bundled example as HTML and save a screenshot of it (``docs/kidal-report.png``).

Run from the repository root with Debian's ``chromium`` installed::

    python docs/make_screenshot.py [--html docs/kidal-report.html]
    python docs/make_screenshot.py --example marawi --group marawi-2017/killed/maute-isis \\
        --part history --size 1200,900 --out docs/marawi-history.png

The page is rendered by :func:`claimdiff._render.html.page.render_html` and photographed by
``chromium --headless --screenshot`` at 1200 by 2400 pixels; nothing is fetched. With
``--group`` the page holds that group alone, and ``--part`` photographs one part of its
section (``history``: the revision history) rather than the page's top.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

import attrs

from claimdiff import load, reconcile, render_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    """Write the screenshot (and, when asked, the HTML page beside it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "kidal-report.png")
    parser.add_argument("--html", type=Path, help="also keep the rendered page here")
    parser.add_argument("--size", default="1200,2400", help="window size, WIDTH,HEIGHT")
    parser.add_argument("--example", default="kidal", help="a folder of examples/")
    parser.add_argument("--group", help="render this group alone (its key)")
    parser.add_argument("--part", choices=["history"], help="photograph this part only")
    args = parser.parse_args()
    dataset = load(ROOT / "examples" / args.example)
    report = reconcile(dataset)
    if args.group:
        report = attrs.evolve(report, groups=(report.group(args.group),))
    title = f"{args.example.title()}: what the sources say"
    html = render_html(report, dataset, title=title)
    if args.part == "history":
        # The revision history alone, under the page's own styles.
        start = html.index('<figure class="history">')
        end = html.index("</table></div>", start) + len("</table></div>")
        html = html[: html.index("<body>")] + f"<body><main>{html[start:end]}</main></body></html>"
    with tempfile.TemporaryDirectory(prefix="claimdiff-shot-") as tmp:
        page = Path(args.html) if args.html else Path(tmp, f"{args.example}.html")
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",  # root in containers cannot start the sandbox
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={Path(tmp, 'profile')}",
                f"--window-size={args.size}",
                f"--screenshot={args.out.resolve()}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
