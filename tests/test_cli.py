"""The command line: readable output, one clear line and exit 2 for bad input."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

import okrkit as ok


def test_score_text_and_json(run_cli):
    """`okrkit score` prints the scorecard; --format json gives the same data as JSON."""
    text = run_cli("score", ok.sample_path())
    assert text.returncode == 0, text.stderr
    assert "S1" in text.stdout and "yellow" in text.stdout
    data = json.loads(run_cli("score", ok.sample_path(), "--format", "json").stdout)
    assert data["period"] == "2026-Q1" and data["objectives"][0]["band"]


def test_score_in_vietnamese(run_cli):
    """--lang vi speaks Vietnamese."""
    out = run_cli("score", ok.sample_path(), "--lang", "vi").stdout
    assert "kỳ vọng" in out


@pytest.mark.parametrize("content,name,expected", [
    (None, "missing.yaml", "file not found"),
    ("", "empty.yaml", "the file is empty"),
    ("objectives: [", "broken.yaml", "invalid YAML"),
    ('{"objectives": 3', "broken.json", "invalid JSON"),
    ("objectives:\n  - id: O1\n    text: x\n    key_results:\n      - {id: K, text: y, target: abc}\n", "type.yaml", "not a number"),
    ("objectives:\n  - id: O1\n    txt: x\n", "field.yaml", "unknown field 'txt'"),
    ("kr,target\nx,1\n", "cols.csv", "missing column"),
    (b"objectives:\n  - id: O1\n    text: \xff\xfe\n", "bytes.yaml", "not UTF-8"),
], ids=["missing", "empty", "yaml", "json", "type", "field", "csv-columns", "non-utf8"])
@pytest.mark.parametrize("command", ["score", "lint"])
def test_bad_input_one_line_exit_2(tmp_path, run_cli, command, content, name, expected):
    """Every bad input gives one line on stderr naming the file, exit status 2, no traceback."""
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = path.read_bytes() if path.exists() else None
    result = run_cli(command, path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0] and name in lines[0]
    assert "Traceback" not in result.stderr
    assert (path.read_bytes() if path.exists() else None) == before


@pytest.mark.notebook
@pytest.mark.xdist_group("demo")   # the demo's runs are shared (tests/conftest.py: demo_run)
def test_demo_runs_the_workshop_and_grades_the_sample_class(demo_run):
    """`okrkit demo` (the README's main command) prints lint and scores, runs every lesson, builds the
    planning report and grades the sample class, all into --out, all readable offline."""
    import json
    import re

    result, out = demo_run("en")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Công ty Phần mềm Sao Mai" in result.stdout
    assert "Lint" in result.stdout and "Scores" in result.stdout
    summary = json.loads((out / "demo.json").read_text(encoding="utf-8"))
    lessons = sorted(p.stem for p in (ROOT / "notebooks").glob("0*.ipynb"))
    assert [r["lesson"] for r in summary["lessons"]] == lessons
    assert all(r["status"] == "ok" for r in summary["lessons"]), summary["lessons"]
    pages = [out / "lessons" / f"{name}.html" for name in lessons]
    pages += [out / "report" / "report.html", out / "grades" / "class_report.html"]
    pages += sorted((out / "grades" / "feedback").glob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        remote = re.findall(r"<(?:script|link|img)[^>]*(?:src|href)=[\"']https?://[^\"']*", html, flags=re.IGNORECASE)
        assert not remote, f"{page.name} needs the network: {remote[:3]}"
    assert (out / "report" / "report.xlsx").stat().st_size > 0
    grades = json.loads((out / "grades" / "summary.json").read_text(encoding="utf-8"))
    assert grades["statuses"]["graded"] > 0 and grades["submissions_unchanged"]
    assert set(summary["grades"]["counts"]) <= {"graded", "error", "timeout", "missing", "invalid-answers"}


def test_unusable_output_folder_is_one_line(run_cli, tmp_path):
    """--out under a file (not a folder) is one clear line and exit 2, not a traceback."""
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("report", "--out", blocker / "out")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "report.txt" in lines[0] and lines[0].startswith("okrkit: error:")
    assert blocker.read_text(encoding="utf-8") == "not a folder"
