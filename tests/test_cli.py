"""The command line: readable output, one clear line and exit 2 for bad input."""

from __future__ import annotations

import json

import pytest

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
    ("kr,target\nx,1\n", "cols.csv", "missing columns"),
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


def test_demo_prints_lint_and_scores(run_cli, tmp_path):
    """`okrkit demo` prints the sample company's lint and score report."""
    result = run_cli("demo", "--out", tmp_path / "build", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Công ty Phần mềm Sao Mai" in result.stdout
    assert "Lint" in result.stdout and "Scores" in result.stdout
