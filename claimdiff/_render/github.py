"""GitHub Actions output: workflow-command annotations, and the Markdown job summary.

``::error file=claims.yaml,line=12,title=claimdiff contradiction::message`` puts the finding on
the line of the pull request's diff; the Markdown summary is appended to the file named by
``$GITHUB_STEP_SUMMARY`` so that it shows on the run's page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .._model.findings import Finding
from .text import _ESCAPES

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


#: Every character :func:`~claimdiff._render.text.one_line` escapes but line breaks, which
#: the runner's own escapes carry into the annotation.
_CONTROLS = {code: text for code, text in _ESCAPES.items() if chr(code) not in "\r\n"}


def _escape_data(text: str) -> str:
    """``text`` as a workflow command's message: the escapes GitHub's runner decodes for
    ``%``, ``\\r`` and ``\\n``, and other control characters (ANSI, which the log would
    interpret) shown as escapes, as in text output."""
    text = text.translate(_CONTROLS)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """``text`` as a property value (``file=``, ``title=``): the message's escapes, and ``:``
    and ``,``, which end a property."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for ``finding``: ``::error file=…,line=…,title=…::message``.

    ``file``, ``line`` and ``col`` are given when the finding's location has them.
    """
    loc = finding.location
    props: list[str] = []
    if loc.file:
        props.append(f"file={_escape_property(loc.file)}")
        if loc.line is not None:
            props.append(f"line={loc.line}")
            if loc.column is not None:
                props.append(f"col={loc.column}")
    props.append(f"title={_escape_property('claimdiff ' + finding.code)}")
    message = finding.message
    if loc.record and loc.record not in message:
        message = f"{loc.record}: {message}"
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{_escape_data(message)}"


def workflow_commands(findings: Iterable[Finding]) -> str:
    """Every finding as a workflow command, one a line."""
    return "".join(annotation(f) + "\n" for f in findings)


def append_step_summary(markdown: str, environ: Mapping[str, str] | None = None) -> Path | None:
    """Append ``markdown`` to ``$GITHUB_STEP_SUMMARY`` when it is set.

    Returns:
        The file appended to, or ``None`` outside GitHub Actions.
    """
    env = os.environ if environ is None else environ
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as out:
        out.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return path
