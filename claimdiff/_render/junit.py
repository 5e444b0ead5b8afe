"""JUnit XML for CI systems that read test reports: one test case per group and one per
file with findings; a finding whose severity fails the check is a ``<failure>``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Collection, Iterable

from .._curation.check import CheckResult
from .._model.findings import Finding, Severity
from .._reconciler.overview import Overview
from .._reconciler.report import Report

#: What XML 1.0 cannot hold at all, not even as a character reference: control characters
#: other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` that XML 1.0 can hold: each character it cannot, shown as its escape
    (``\\x01``, ``\\udc80``); ElementTree escapes the rest (``<``, ``&``, quotes)."""
    return _NOT_XML.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


def _case(
    suite: ET.Element,
    classname: str,
    name: str,
    findings: list[Finding],
    fail_on: Collection[Severity],
) -> int:
    case = ET.SubElement(suite, "testcase", classname=classname, name=xml_text(name), time="0")
    failures = 0
    passing: list[str] = []
    for f in findings:
        if f.severity in fail_on:
            failures += 1
            failure = ET.SubElement(
                case, "failure", type=xml_text(f.code), message=xml_text(f.message)
            )
            failure.text = xml_text(str(f))
        else:
            passing.append(f"{f.severity}: {f}")
    if passing:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(passing))
    return failures


def check_junit(
    result: CheckResult,
    report: Report | Overview,
    *,
    fail_on: Collection[Severity],
    files: Iterable[str] = (),
) -> str:
    """The check as a JUnit XML document (text with an XML declaration).

    Args:
        result: the check's result.
        report: the report it checked, or its overview (one test case per group).
        fail_on: the severities that are failures; other findings go to ``system-out``.
        files: the files read, so that clean files show as passing test cases too.
    """
    keys = {str(g.key) for g in report.groups}
    by_group: dict[str, list[Finding]] = defaultdict(list)
    by_file: dict[str, list[Finding]] = {f: [] for f in files}
    for f in result.findings:
        record = f.location.record
        if record in keys and f.code in ("contradiction", "mixed-kinds"):
            by_group[record].append(f)
        else:
            by_file.setdefault(f.location.file or "(dataset)", []).append(f)
    root = ET.Element("testsuites", name="claimdiff")
    total_tests = total_failures = 0
    for suite_name, classname, cases in (
        ("claimdiff.groups", "claimdiff.group", {k: by_group.get(k, []) for k in sorted(keys)}),
        ("claimdiff.files", "claimdiff.file", dict(sorted(by_file.items()))),
    ):
        suite = ET.SubElement(root, "testsuite", name=suite_name)
        failures = sum(_case(suite, classname, name, fs, fail_on) for name, fs in cases.items())
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(cases)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
