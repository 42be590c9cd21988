"""Shared fixtures: the canonical sample objects and helpers to run the CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import okrkit as ok

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def company():
    """The bundled sample company's OKRs."""
    return ok.sample_company()


@pytest.fixture
def run_cli():
    """Run ``okrkit ARGS`` in a subprocess; returns CompletedProcess with text output."""
    def run(*args, cwd=None, env=None):
        full_env = dict(os.environ, **(env or {}))
        return subprocess.run([sys.executable, "-m", "okrkit.cli", *map(str, args)], cwd=cwd,
                              capture_output=True, text=True, env=full_env, timeout=300)
    return run


#: the tests that look at ``okrkit demo``'s output share its runs (one per language) on one worker
DEMO_GROUP = "demo"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """``okrkit demo --out BUILD --lang LANG`` as the README runs it, once per language per test process.

    ``demo_run(lang)`` gives ``(CompletedProcess, BUILD)``.  The demo executes every lesson, the planning
    report and the sample class's grading, so the tests that read its output (mark them with
    ``pytest.mark.xdist_group(DEMO_GROUP)``) share one run instead of starting their own.
    """
    runs: dict[str, tuple] = {}

    def run(lang: str):
        if lang not in runs:
            out = tmp_path_factory.mktemp(f"demo-{lang}") / "build"
            env = dict(os.environ, PYTHONPATH=str(ROOT), OKRKIT_LANG="")
            result = subprocess.run([sys.executable, "-m", "okrkit.cli", "demo", "--out", str(out), "--lang", lang],
                                    cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
            runs[lang] = (result, out)
        return runs[lang]
    return run


def tree_hashes(folder: Path) -> dict[str, str]:
    """Content hash of every file under ``folder`` (to prove nothing was modified)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def playwright_session():
    """Playwright's sync API, started once per test process and shared by every browser test.

    Playwright allows one sync instance per process; browser, hub, report and grading tests that
    land in the same pytest-xdist worker all launch their Chromium from this one.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep each ``xdist_group`` on one worker under pytest 9.

    pytest-xdist 3.8 marks a grouped test by setting ``item._nodeid``, which pytest 9 no longer reads
    (a node's id lives in ``item._id``), so ``--dist loadgroup`` spread the browser and hub tests over
    both workers and started their shared servers twice.  This sets the grouped id where pytest 9 keeps it.
    """
    if not getattr(config.option, "loadgroup", False) or not items or not hasattr(items[0], "_id"):
        return
    from _pytest.nodeid import coerce_node_id

    for item in items:
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                        for m in item.iter_markers("xdist_group")})
        if names and not item.nodeid.endswith("@" + "_".join(names)):
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(names)}")


def pytest_sessionstart(session):
    """The tests run the working tree's kit: record it, as `make setup` does, so `okrkit grade` accepts it.

    (`okrkit grade` refuses to run on a kit whose files differ from their install record; a source
    checkout under test is, by definition, the kit as it is now.)
    """
    if not hasattr(session.config, "workerinput"):  # once, in the controlling process
        from okrkit import integrity

        integrity.write_record()
