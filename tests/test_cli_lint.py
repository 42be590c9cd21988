"""Tests for `okrkit lint`: text and JSON output, languages, exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

import okrkit as ok
from okrkit.cli import main

GOOD = {
    "period": "2026-Q2",
    "organization": "Công ty Thử",
    "objectives": [
        {"id": f"O{i}", "text": text, "owner": "Kinh doanh", "key_results": [
            {"id": f"O{i}.KR1", "text": "Đạt 120 khách hàng mới"},
            {"id": f"O{i}.KR2", "text": "Tăng 20% yêu cầu demo so với quý trước"},
            {"id": f"O{i}.KR3", "text": "Giảm tỷ lệ rời bỏ từ 8% xuống 5%"},
        ]}
        for i, text in enumerate(["Khách hàng chọn chúng ta trước tiên", "Doanh thu vượt mức đỉnh cao",
                                  "Đội ngũ bán hàng vững vàng"], start=1)
    ],
}


def write(tmp_path, data, name="okrs.yaml"):
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_lint(capsys, *args):
    code = main(["lint", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_company_json(capsys):
    """`okrkit lint company.yaml --format json` prints one JSON object and exits 1 (it has errors)."""
    code, out, err = run_lint(capsys, ok.sample_path("company.yaml"), "--format", "json")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert {"findings", "key_results", "objectives"} <= set(data)
    for f in data["findings"]:
        assert {"rule", "severity", "where", "message"} <= set(f) and isinstance(f["message"], str)
    kr = {k["id"]: k for k in data["key_results"]}
    assert kr["S2.KR3"]["measurable"] is False and kr["S2.KR3"]["quantity"] is None
    assert kr["C1.KR1"]["measurable"] is True
    assert kr["C1.KR1"]["quantity"] == {"value": 12e9, "unit": "VND"}
    obj = {o["id"]: o for o in data["objectives"]}
    assert obj["M3"]["has_metric"] is True and obj["S1"]["has_metric"] is False


def test_sample_company_text(capsys):
    """The text report is grouped by objective and ends with a summary line."""
    code, out, _ = run_lint(capsys, ok.sample_path("company.yaml"))
    assert code == 1
    assert "S2 — " in out and "kr-measurable" in out and out.rstrip().endswith("tip(s).")


def test_vietnamese_messages(capsys):
    """--lang vi gives the messages in Vietnamese, in text and in JSON."""
    _, out, _ = run_lint(capsys, ok.sample_path("company.yaml"), "--lang", "vi", "--format", "json")
    data = json.loads(out)
    measurable = next(f for f in data["findings"] if f["rule"] == "kr-measurable")
    assert "chưa có chỉ tiêu đo lường được" in measurable["message"]
    assert set(measurable["messages"]) == {"en", "vi"}
    _, out, _ = run_lint(capsys, ok.sample_path("company.yaml"), "--lang", "vi")
    assert "[lỗi]" in out and "cảnh báo" in out


def test_clean_file_exits_0(tmp_path, capsys):
    """A file with no error-severity finding exits 0."""
    code, out, _ = run_lint(capsys, write(tmp_path, GOOD), "--format", "json")
    data = json.loads(out)
    assert code == 0 and not any(f["severity"] == "error" for f in data["findings"])
    assert all(k["measurable"] for k in data["key_results"])


def test_warnings_only_exit_0(tmp_path, capsys):
    """Warnings alone do not fail the command."""
    data = json.loads(json.dumps(GOOD))
    data["objectives"][0]["text"] = "Tăng 30% doanh thu đến từ đối tác"
    code, out, _ = run_lint(capsys, write(tmp_path, data, "okrs.json"), "--format", "json")
    found = json.loads(out)["findings"]
    assert code == 0 and [f["rule"] for f in found] == ["objective-metric"]


def test_error_file_exits_1(tmp_path, capsys):
    """An unmeasurable KR (only a date) is an error: exit status 1."""
    data = json.loads(json.dumps(GOOD))
    data["objectives"][1]["key_results"][0]["text"] = "Cập nhật bộ tài liệu bán hàng trước ngày 31/7/2020"
    code, out, _ = run_lint(capsys, write(tmp_path, data), "--format", "json")
    found = json.loads(out)["findings"]
    assert code == 1
    assert any(f["rule"] == "kr-measurable" and f["where"] == "O2.KR1" and f["severity"] == "error" for f in found)


def test_csv_file(tmp_path, capsys):
    """CSV OKR files are linted too."""
    path = tmp_path / "okrs.csv"
    path.write_text("objective_id,objective,owner,kr_id,kr\n"
                    "O1,Khách hàng yêu mến,CSKH,O1.KR1,Gọi điện chăm sóc khách hàng mỗi tuần\n", encoding="utf-8")
    code, out, _ = run_lint(capsys, path, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["key_results"][0]["measurable"] is False


def test_missing_file_is_one_line_exit_2(tmp_path, capsys):
    """A missing file is one clear line on stderr and exit status 2, never a traceback."""
    code, out, err = run_lint(capsys, tmp_path / "nope.yaml")
    assert code == 2 and out == ""
    assert err.startswith("okrkit: error:") and len(err.strip().splitlines()) == 1


def test_bad_yaml_exit_2(tmp_path, capsys):
    """A file that cannot be read exits 2 with the file and line."""
    path = tmp_path / "bad.yaml"
    path.write_text("objectives:\n  - id: O1\n    text: [unclosed\n", encoding="utf-8")
    code, _, err = run_lint(capsys, path)
    assert code == 2 and "bad.yaml" in err


def test_command_line_entry_point():
    """The installed command runs `lint` on the sample company end to end."""
    proc = subprocess.run([sys.executable, "-m", "okrkit.cli", "lint", str(ok.sample_path("company.yaml")),
                           "--format", "json", "--lang", "en"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert data["has_errors"] is True and data["lang"] == "en"


@pytest.mark.notebook
@pytest.mark.xdist_group("demo")   # the demo's runs are shared (tests/conftest.py: demo_run)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_demo_prints_lint(lang, demo_run):
    """`okrkit demo` prints the sample company's lint report in the chosen language."""
    from okrkit.lint import lint

    result, _ = demo_run(lang)
    assert result.returncode == 0, result.stderr[-2000:]
    assert lint(ok.sample_company(), lang=lang).text(lang).splitlines()[0] in result.stdout


def test_disable_option(capsys):
    """--disable switches rules off by id; an unknown id is one clear error (exit 2)."""
    code, out, _ = run_lint(capsys, ok.sample_path("company.yaml"), "--format", "json",
                            "--disable", "kr-measurable,kr-activity", "--disable", "weights-sum")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert not rules & {"kr-measurable", "kr-activity", "weights-sum"}
    assert code == 0
    code, out, err = run_lint(capsys, ok.sample_path("company.yaml"), "--disable", "no-such-rule")
    assert code == 2 and "no-such-rule" in err
