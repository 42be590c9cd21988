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


def tree_hashes(folder: Path) -> dict[str, str]:
    """Content hash of every file under ``folder`` (to prove nothing was modified)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
