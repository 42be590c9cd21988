"""The kit installs the same way everywhere and stays cheap to import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import yaml
from conftest import ROOT

HEAVY = ("ipywidgets", "altair", "IPython", "papermill", "nbformat", "jsonschema")


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ ;\[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    """environment.yml lists exactly pyproject's runtime dependencies, with the same bounds."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    conda += [d for d in pip if not d.startswith("-")]  # wheels conda-forge does not carry
    norm = lambda specs: sorted(s.replace(" ", "").lower().replace("_", "-") for s in specs)  # noqa: E731
    assert norm(conda) == norm(project["dependencies"])


def test_lock_pins_every_runtime_dependency():
    """requirements.lock pins every runtime and test dependency to one version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = {_name(line): line for line in (ROOT / "requirements.lock").read_text().splitlines()
            if line and not line.startswith("#")}
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for spec in wanted:
        assert _name(spec) in lock, f"{spec} is not pinned in requirements.lock"
        assert "==" in lock[_name(spec)]


def test_core_import_stays_light():
    """`import okrkit` (and the core modules) pulls in no Jupyter, chart or notebook library."""
    code = ("import sys, json, okrkit, okrkit.files, okrkit.scoring, okrkit.i18n, okrkit.answers, okrkit.rubric;"
            "import importlib.util as u;"
            "[__import__(m) for m in ('okrkit.lint','okrkit.quantity','okrkit.cascade','okrkit.simulate',"
            "'okrkit.checkin','okrkit.sales') if u.find_spec(m)];"
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(json.loads(out))
    leaked = [m for m in HEAVY if m in loaded]
    assert not leaked, f"the core imported {leaked}"


def test_plain_import_does_not_load_pandas():
    """Plain `import okrkit` leaves pandas and numpy for the functions that need them."""
    code = "import sys, okrkit; print('pandas' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_ci_runs_the_readme_test_command():
    """.ci/run calls exactly the test command the README gives."""
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make demo" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_code_passes_the_projects_lint():
    """`make lint` (ruff with the rules in pyproject.toml) finds nothing in the kit, its tests or benchmarks."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "okrkit", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_environment_is_committed():
    """The virtual environment and node_modules (folders or links) are never part of the kit's files in git."""
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "--", ".venv", "node_modules", "answers"], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert tracked == [], tracked


def test_altair_import_builds_no_grammar():
    """`import altair` does not load rfc3987_syntax, whose Lark parser cost ~2 s per import (make setup removes it)."""
    code = "import sys, altair; print('rfc3987_syntax' in sys.modules, 'lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
