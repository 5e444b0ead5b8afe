"""The documentation's examples run, and its excerpts of real output have not drifted."""

from __future__ import annotations

import doctest
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimdiff._loader.load import SUFFIXES

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_doc_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``>>>`` example in the README and docs/ gives the output shown."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert 0 == result.failed


def test_readme_report_excerpt_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's excerpt of the Kidal report is what ``claimdiff report`` prints."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- readme-report:start -->\n```text\n(.*?)```", readme, re.S)
    assert block is not None
    out = subprocess.run(
        [sys.executable, "-m", "claimdiff", "report", "examples/kidal"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    ).stdout
    excerpt = block.group(1).strip().splitlines()
    assert excerpt == out.splitlines()[: len(excerpt)]


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_scripts_run(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every script in examples/ runs to the end."""
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(script), run_name="__main__")


def test_quickstart_prints_every_contradiction(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/quickstart.py prints the report's counts and one heading per contradiction."""
    import claimdiff

    runpy.run_path(str(ROOT / "examples" / "quickstart.py"), run_name="__main__")
    out = capsys.readouterr().out.splitlines()
    report = claimdiff.reconcile(claimdiff.load(ROOT / "examples" / "kidal"))
    s = report.summary
    assert f"{s.claims} claims, {s.contradictions} contradictions" == out[0]
    headings = [line.split("  (")[0] for line in out if line and not line.startswith(" ")][1:]
    expected = [str(g.key) for g in report.groups if g.verdict == "contradiction"]
    assert expected == headings


def test_api_reference_is_current() -> None:
    """docs/api.md is what docs/make_api.py generates from the docstrings today."""
    api = runpy.run_path(str(ROOT / "docs" / "make_api.py"))
    assert api["render"]() == (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def test_every_public_name_is_documented() -> None:
    """Every public function and class has a docstring."""
    api = runpy.run_path(str(ROOT / "docs" / "make_api.py"))
    assert [] == api["undocumented"]()


# -- every code block runs, or is listed here ---------------------------------------------------

#: Blocks that cannot run, by page and the start of their first line, with why; a
#: ``<!-- not-run: why -->`` line just above a block says the same on pages that carry it.
#: Any other python, console or shell block is run by the tests below (``>>>`` blocks by
#: doctest above).
NOT_RUN = {
    ("estimates.md", "apt-get install -y libcairo2-dev pkg-config"): "installs packages",
    ("performance.md", "$ pip install -e '.[bench,fast]'"): "benchmarks: minutes",
    ("performance.md", "from dask.distributed import Client, LocalCluster"): "a Dask cluster",
    ("performance.md", "$ BENCH_WORKER_MEMORY=5GB python benchmarks/"): "ten million claims",
    ("values.md", "from claimdiff import ValuePolicy"): "shows an error on its last line",
}
_RUNNABLE = {"python", "console", "sh", "bash", "shell"}
_MARK = re.compile(r"<!-- not-run: (.+?) -->")


def _blocks(page: Path) -> list[tuple[str, str, str | None]]:
    """``(language, text, not-run reason from a marker)`` for each fenced block of ``page``."""
    blocks: list[tuple[str, str, str | None]] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        start = re.fullmatch(r"```(\w*)", lines[i])
        if start is None:
            i += 1
            continue
        mark = _MARK.fullmatch(lines[i - 1].strip()) if i else None
        end = lines.index("```", i + 1)
        blocks.append((start[1], "\n".join(lines[i + 1 : end]), mark[1] if mark else None))
        i = end + 1
    return blocks


def _env(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NO_COLOR": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "curator",
        "GIT_AUTHOR_EMAIL": "curator@example.invalid",
        "GIT_COMMITTER_NAME": "curator",
        "GIT_COMMITTER_EMAIL": "curator@example.invalid",
        "HOME": str(tmp),
    }


def _sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _fresh_repository(tmp: Path) -> Path:
    """A new git repository whose data/ is the Kidal example without its baseline."""
    repo = tmp / "repo"
    repo.mkdir()
    env = _env(tmp)
    assert 0 == _sh("git init -q -b main", repo, env).returncode
    shutil.copytree(ROOT / "examples" / "kidal", repo / "data")
    # The reasons Kidal's curators wrote, which the walkthrough copies in as its review.
    shutil.copy(ROOT / "examples" / "kidal" / "baseline.yaml", tmp / "kidal-reviewed-baseline.yaml")
    for extra in ("baseline.yaml", "findings.py", "README.md"):
        (repo / "data" / extra).unlink()
    assert 0 == _sh("git add -A && git commit -qm 'Kidal claims'", repo, env).returncode
    return repo


def _sessions(text: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines with the output shown after each."""
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def _matches(want: list[str], got: str) -> bool:
    """Whether the output shown (``...`` for lines left out) is what ran; blank lines aside."""
    checker = doctest.OutputChecker()
    shown = "\n".join(line for line in want if line.strip()) + "\n"
    real = "\n".join(line for line in got.splitlines() if line.strip()) + "\n"
    return checker.check_output(
        shown if want else "", real if got.strip() else "", doctest.ELLIPSIS
    )


def test_ci_walkthrough_runs_in_a_fresh_repository(tmp_path: Path) -> None:
    """Every command of docs/ci.md's walkthrough prints what the page shows, in a new repo."""
    repo = _fresh_repository(tmp_path)
    env = _env(tmp_path)
    status = 0
    ran = 0
    for language, text, mark in _blocks(ROOT / "docs" / "ci.md"):
        if language != "console" or mark is not None:
            continue
        for command, want in _sessions(text):
            if command == "echo $?":
                got = f"{status}\n"
            else:
                done = _sh(command, repo, env)
                status, got = done.returncode, done.stdout + done.stderr
                ran += 1
            assert _matches(want, got), (
                f"$ {command}\n--- shown:\n{chr(10).join(want)}\n--- got:\n{got}"
            )
    assert ran >= 10


def test_ci_workflow_runs_unchanged(tmp_path: Path) -> None:
    """The Actions workflow's steps (all but the install) pass on a pull request's checkout."""
    origin = _fresh_repository(tmp_path)
    env = _env(tmp_path)
    assert 0 == _sh("claimdiff baseline data -o data/baseline.yaml", origin, env).returncode
    assert 0 == _sh("git add -A && git commit -qm baseline", origin, env).returncode
    work = tmp_path / "work"
    assert 0 == _sh(f"git clone -q {origin} {work}", tmp_path, env).returncode
    # The pull request: a figure restated without changing what it allows.
    edit = 'sed -i \'s/value: "about 30"/value: "around 30"/\' data/claims-2014.yaml'
    assert 0 == _sh(edit + " && git commit -qam 'Le Monde: around 30'", work, env).returncode
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "claimdiff.yml").read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    github_env = tmp_path / "github_env"
    summary = tmp_path / "summary.md"
    github_env.touch()
    ran = []
    for step in steps:
        if "run" not in step or step.get("name", "").startswith("Install"):
            continue
        script = step["run"].replace("${{ github.base_ref }}", "main")
        assert "${{" not in script
        extra = dict(
            line.split("=", 1) for line in github_env.read_text("utf-8").splitlines() if line
        )
        step_env = {
            **env,
            **extra,
            "GITHUB_ENV": str(github_env),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ACTIONS": "true",
        }
        done = _sh(script, work, step_env)
        assert 0 == done.returncode, f"{step['name']}: {done.stdout}{done.stderr}"
        ran.append(step["name"])
    assert [
        "Use the baseline when there is one",
        "Check the dataset",
        "What changed",
        "SARIF log",
    ] == ran
    assert "--baseline data/baseline.yaml" in github_env.read_text("utf-8")
    assert "kidal-2014.hostages.le-monde" in summary.read_text("utf-8")
    assert "2.1.0" == json.loads((work / "claimdiff.sarif").read_text("utf-8"))["version"]


def _other_block_runs(page: Path, language: str, text: str, tmp: Path) -> None:
    """Run one block of a page other than ci.md's walkthrough, in a scratch folder that sees
    the checkout's examples/ and docs/."""
    scratch = tmp / f"run-{len(list(tmp.iterdir()))}"
    scratch.mkdir()
    for name in ("examples", "docs"):
        # Copies, not links: the command line refuses a path inside the current folder that
        # leads out of it through a link (docs/cli.md).
        shutil.copytree(ROOT / name, scratch / name)
    if language == "python":
        done = subprocess.run(
            [sys.executable, "-c", text], cwd=scratch, capture_output=True, text=True, check=False
        )
        assert 0 == done.returncode, f"{page.name}:\n{text}\n{done.stderr}"
        return
    for line in text.splitlines():
        command = line.removeprefix("$ ").strip()
        if not command or not line.startswith(("$ ", "claimdiff ")):
            continue
        assert command.startswith("claimdiff "), f"{page.name}: cannot run {command!r}"
        done = _sh(command, scratch, _env(tmp))
        assert done.returncode in (0, 1), f"{page.name}: {command}\n{done.stderr}"


def test_every_code_block_runs_or_is_listed(tmp_path: Path) -> None:
    """Every python, console and shell block of README and docs/ runs; the rest are listed."""
    unmarked_not_run: set[tuple[str, str]] = set()
    for page in DOCS:
        for language, text, mark in _blocks(page):
            if language not in _RUNNABLE or mark is not None:
                continue
            if language == "python" and ">>>" in text:
                continue  # doctest runs it
            if page.name == "ci.md":
                continue  # the walkthrough test runs it
            first = text.splitlines()[0] if text else ""
            listed = [k for k in NOT_RUN if k[0] == page.name and first.startswith(k[1])]
            if listed:
                unmarked_not_run.update(listed)
                continue
            _other_block_runs(page, language, text, tmp_path)
    assert set(NOT_RUN) == unmarked_not_run


def test_docs_import_no_private_module() -> None:
    """No code block of README or docs/ imports a private module (``claimdiff._x``)."""
    private = re.compile(r"\bclaimdiff\._\w+")
    found = [
        (page.name, m[0])
        for page in DOCS
        for _, text, _ in _blocks(page)
        for m in private.finditer(text)
    ]
    assert [] == found


def _hook_files() -> str:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hook["files"], str)
    return hook["files"]


@pytest.mark.parametrize("suffix", sorted({*SUFFIXES, *(s.upper() for s in SUFFIXES)}))
def test_pre_commit_hook_runs_for_every_suffix_the_loader_reads(suffix: str) -> None:
    """The hook's files pattern matches every suffix load() reads, in data/ at any depth."""
    assert re.search(_hook_files(), f"data/2014/claims{suffix}")


@pytest.mark.parametrize(
    "path",
    [
        ".pre-commit-config.yaml",
        ".github/workflows/claimdiff.yml",
        "package.json",
        "docs/data/claims.yaml",
        "mkdocs.yml",
        "data/README.md",
        "data/notes.txt",
    ],
)
def test_pre_commit_hook_skips_files_that_are_not_data(path: str) -> None:
    """Configuration YAML and JSON, and files outside data/, do not run the hook."""
    assert not re.search(_hook_files(), path)


def test_docs_local_hook_matches_the_published_one() -> None:
    """docs/ci.md's local hook uses the same files pattern as .pre-commit-hooks.yaml."""
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"files: {_hook_files()}" in ci
