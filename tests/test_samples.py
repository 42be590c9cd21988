"""Two bundled companies, one parameter: Sao Mai (software) and Phúc An (a consumer-goods distributor).

The company is chosen like the language: an argument, else ``$OKRKIT_SAMPLE`` (the hub and the grader set
it), else Sao Mai.  These tests reach it the way users do: the loaders, the real ``okrkit report --sample``
command on the bundled files, the class's server environment.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import okrkit as ok
from okrkit import samples


def test_the_parameter_then_the_class_then_sao_mai(monkeypatch):
    monkeypatch.delenv("OKRKIT_SAMPLE", raising=False)
    assert samples.resolve(None) == "saomai"
    assert ok.sample_company().organization == "Công ty Phần mềm Sao Mai"
    monkeypatch.setenv("OKRKIT_SAMPLE", "fmcg")
    assert samples.resolve(None) == "fmcg"
    assert ok.sample_company().organization == "Công ty Phân phối Hàng tiêu dùng Phúc An"
    assert ok.sample_cascade().organization == "Công ty Phân phối Hàng tiêu dùng Phúc An"
    assert samples.resolve("saomai") == "saomai"          # the argument wins over the class
    assert ok.sample_company("saomai").organization == "Công ty Phần mềm Sao Mai"


def test_an_unknown_company_is_one_line_naming_the_choices(run_cli):
    with pytest.raises(ok.InputError) as err:
        samples.get("acme")
    assert "saomai" in str(err.value) and "fmcg" in str(err.value)
    r = run_cli("report", "--sample", "acme", "--out", "x")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "fmcg" in r.stderr


def test_both_companies_share_the_plan_the_course_is_built_on():
    """Same objective and key-result ids, kinds and types: every lesson, exercise and rubric reads either."""
    a, b = ok.sample_company("saomai"), ok.sample_company("fmcg")
    shape = lambda c: [(o.id, o.type, o.parent, [(k.id, k.kind) for k in o.key_results]) for o in c.objectives]  # noqa: E731
    assert shape(a) == shape(b)
    ca, cb = ok.sample_cascade("saomai"), ok.sample_cascade("fmcg")
    assert [s.id for s in ca.stages] == [s.id for s in cb.stages]
    assert set(ca.rates) == set(cb.rates)
    # but it is another business: its own products, regions and numbers
    assert cb.goal.value != ca.goal.value
    lines = set(ok.sample_sales("fmcg").transactions["product_line"])
    assert "Sữa" in lines and not lines & set(ok.sample_sales("saomai").transactions["product_line"])


def test_the_distributors_english_pages_say_its_words_in_english():
    """Phúc An's funnel stages and rates carry English names (not Sao Mai's 'Deals', not Vietnamese)."""
    lines = ok.sample_cascade("fmcg").funnel().lines("en")
    text = "\n".join(lines)
    assert "Outlets ordering in the quarter = 3,000 outlets" in text
    assert "Deals" not in text and "điểm bán" not in text


def test_report_on_the_distributor_matches_pandas(run_cli, tmp_path):
    """`okrkit report --sample fmcg` reads Phúc An's bundled files: its name, and Q1 revenue as pandas sums it."""
    r = run_cli("report", "--sample", "fmcg", "--lang", "vi", "--out", tmp_path / "r", "--no-charts",
                "--format", "json")
    assert r.returncode == 0, r.stderr[-2000:]
    data = json.loads(r.stdout)
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Phúc An" in html and "Sao Mai" not in html
    tx = pd.read_csv(ok.sample_path("sales/transactions.csv", "fmcg"), parse_dates=["date"])
    q1 = tx[(tx["date"] >= "2026-01-01") & (tx["date"] <= "2026-03-31")]["amount"].sum()
    assert data["figures"]["actual"] == pytest.approx(q1)
    # last quarter over as many days as Q1 has (90 of Q4's 92), as the report compares them
    q4 = tx[(tx["date"] >= "2025-10-01") & (tx["date"] <= "2025-12-29")]["amount"].sum()
    assert data["figures"]["previous"] == pytest.approx(q4)


def test_the_class_servers_and_grader_work_on_the_classs_company():
    from okrkit.classroom import hub

    env = hub.server_environment("vi", "fmcg")
    assert env["OKRKIT_SAMPLE"] == "fmcg" and env["OKRKIT_LANG"] == "vi"
    info = hub.ClassInfo(title="t", lang="vi", participants=[], sample="fmcg")
    assert json.loads(info.to_json())["sample"] == "fmcg"
