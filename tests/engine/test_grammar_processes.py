"""The engine reads value texts on every core only where spawning workers cannot run the
user's program again: a script without a ``__main__`` guard, or one fed on standard input,
reads on one core, with no worker traceback and no second run of its top-level code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from claimdiff._engine.texts import _is_main_guard

# Reads 50 distinct texts with processes asked for from 10 texts on; appends one line to
# the file named in argv[1] each time its top-level code runs.
PROGRAM = """\
import sys
from claimdiff import DEFAULT_POLICY
from claimdiff._engine.texts import _grammar, _spawn_can_start

with open({marks!r}, "a", encoding="utf-8") as marks:
    marks.write("ran\\n")
{guard}rows = [(f"about {{i}}", "count", None) for i in range(50)]
{guard}values = _grammar(rows, DEFAULT_POLICY, parallel_from=10)
{guard}print(_spawn_can_start(), sum(v is not None for v in values))
"""


def _program(tmp_path: Path, guarded: bool) -> tuple[str, Path]:
    marks = tmp_path / "marks.txt"
    text = PROGRAM.format(marks=str(marks), guard="    " if guarded else "")
    if guarded:
        lines = text.splitlines()
        # the last three lines go under the guard
        text = "\n".join([*lines[:-3], 'if __name__ == "__main__":', *lines[-3:]]) + "\n"
    return text, marks


def _run(
    args: list[str], tmp_path: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )


def test_a_program_on_standard_input_reads_on_one_core_without_tracebacks(tmp_path: Path) -> None:
    """``python - < script``: no worker can run the script again, so none is started."""
    text, marks = _program(tmp_path, guarded=False)
    done = _run(["-"], tmp_path, stdin=text)
    assert ("False 50\n", "") == (done.stdout, done.stderr)
    assert ["ran"] == marks.read_text().split()


def test_an_unguarded_script_is_not_run_again_by_workers(tmp_path: Path) -> None:
    """A script with no ``__main__`` guard runs once: its top-level code is not repeated."""
    text, marks = _program(tmp_path, guarded=False)
    (tmp_path / "script.py").write_text(text)
    done = _run(["script.py"], tmp_path)
    assert ("False 50\n", "") == (done.stdout, done.stderr)
    assert ["ran"] == marks.read_text().split()


def test_a_guarded_script_reads_on_every_core(tmp_path: Path) -> None:
    """With the guard, workers may be spawned: each runs only the unguarded top (one mark
    each), and the program's answer is the same."""
    text, marks = _program(tmp_path, guarded=True)
    (tmp_path / "script.py").write_text(text)
    done = _run(["script.py"], tmp_path)
    assert ("True 50\n", "") == (done.stdout, done.stderr)
    assert {"ran"} == set(marks.read_text().split())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('if __name__ == "__main__":\n    pass', True),
        ("if '__main__' == __name__:\n    pass", True),
        ('if __name__ != "__main__":\n    pass', False),
        ('if name == "__main__":\n    pass', False),
        ('if __name__ == "main":\n    pass', False),
        ('while __name__ == "__main__":\n    break', False),
    ],
)
def test_the_main_guard_is_recognised_exactly(source: str, expected: bool) -> None:
    """Only ``if __name__ == "__main__":`` (either way round) counts as the guard."""
    assert expected == _is_main_guard(ast.parse(source).body[0])
