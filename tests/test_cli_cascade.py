"""``okrkit cascade`` and ``okrkit simulate``: output, JSON, and bad-input discipline."""

from __future__ import annotations

import json

import pytest
import yaml

import okrkit as ok
from okrkit.cli import main


def tree_hashes(folder):
    """Content hash of every file under ``folder`` (to prove nothing was modified)."""
    import hashlib

    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def sample_file(tmp_path):
    """A copy of the bundled cascade in a temporary folder."""
    path = tmp_path / "cascade.yaml"
    path.write_text(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def write(tmp_path, data, name="bad.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_cascade_text(sample_file, capsys):
    """The text report shows the funnel with its reasons and the department scores."""
    assert main(["cascade", str(sample_file)]) == 0
    out = capsys.readouterr().out
    assert "Leads = 4,000 lead" in out and "⌈2,400 ÷ 60%⌉" in out
    assert "Sales" in out and "0.70 × Revenue" in out and "×revenue" not in out and "(owner: Sales)" in out


def test_cascade_vietnamese(capsys):
    """--lang vi speaks Vietnamese; 'sample' is the bundled company."""
    assert main(["cascade", "sample", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "Phễu" in out and "4.000 lead" in out


def test_cascade_json(sample_file, capsys):
    """--format json gives every derived number with formula, inputs and explanations."""
    assert main(["cascade", str(sample_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    leads = next(t for t in data["funnel"] if t["id"] == "leads")
    assert leads["value"] == 4000 and leads["inputs"]["lead_to_opportunity"] == 0.6
    assert set(leads["explain"]) == {"en", "vi"}
    assert {d["name"] for d in data["departments"]} >= {"Kinh doanh", "Marketing - PR - Đối tác"}


def test_cascade_scheme(sample_file, capsys):
    """--scheme scores under an alternative weighting."""
    assert main(["cascade", str(sample_file), "--scheme", "90/0", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["weights"]["weights"]["Kinh doanh"]["revenue"] == 0.9


def test_simulate_text(sample_file, capsys):
    """simulate prints what-if, sensitivity, Monte Carlo and the behaviour lens."""
    assert main(["simulate", str(sample_file), "--draws", "2000", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    for words in ("What-if", "Sensitivity", "Monte Carlo: 2,000 draws, seed 3", "Behaviour lens"):
        assert words in out


def test_simulate_json_reproducible(sample_file, capsys):
    """The same seed gives the same JSON; --schemes picks the schemes."""
    args = ["simulate", str(sample_file), "--schemes", "70/20,90/0", "--draws", "1000", "--seed", "7",
            "--format", "json"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["what_if"]["schemes"] == ["70/20", "90/0"] and data["monte_carlo"]["draws"] == 1000


def _bad(data, key):
    data = yaml.safe_load(yaml.safe_dump(data))
    if key == "negative":
        data["departments"][0]["weights"]["revenue"] = -0.7
    elif key == "missing":
        data["departments"][0]["weights"]["revenue"] = None
    elif key == "zero":
        data["departments"][0]["weights"] = {"revenue": 0, "churn": 0}
    elif key == "sum":
        data["departments"][0]["weights"]["revenue"] = 0.6
    elif key == "rate":
        data["funnel"]["rates"]["win_rate"] = 1.25
    elif key == "rate-zero":
        data["funnel"]["rates"]["visit_to_lead"] = 0
    elif key == "owner":
        data["kpis"][1]["owner"] = ""
    elif key == "cycle":
        data["funnel"]["stages"][0]["from"] = "sales_reps"
    return data


@pytest.mark.parametrize("key, words", [
    ("negative", "negative"), ("missing", "missing"), ("zero", "sum to 0"), ("sum", "sum to 0.90, not 1.00"),
    ("rate", "outside (0, 1]"), ("rate-zero", "outside (0, 1]"), ("owner", "no owner"), ("cycle", "cycle"),
])
@pytest.mark.parametrize("command", ["cascade", "simulate"])
def test_bad_input_one_line_exit_2(tmp_path, capsys, key, words, command):
    """Bad weights, rates, owners or a funnel cycle: one clear line, exit 2, nothing modified."""
    data = yaml.safe_load(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"))
    path = write(tmp_path, _bad(data, key))
    before = tree_hashes(tmp_path)
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("okrkit: error: ") and words in lines[0]
    assert str(path) in lines[0] and captured.out == ""
    assert tree_hashes(tmp_path) == before


@pytest.mark.parametrize("args, words", [
    (["simulate", "sample", "--schemes", "60/30"], "no weight scheme"),
    (["simulate", "sample", "--draws", "0"], "--draws"),
    (["cascade", "sample", "--scheme", "x"], "no weight scheme"),
    (["cascade", "missing.yaml"], "file not found"),
], ids=["unknown-scheme", "zero-draws", "unknown-scheme-cascade", "missing-file"])
def test_bad_options(capsys, args, words):
    """Bad options are one line and exit 2 too."""
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_subprocess_entry_point(run_cli):
    """`python -m okrkit.cli cascade sample` works as a command."""
    done = run_cli("cascade", "sample", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["funnel"][2]["value"] == 2400
