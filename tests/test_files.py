"""Reading and writing OKR files, and the errors a user's file can cause."""

from __future__ import annotations

import json

import pytest

import okrkit as ok
from okrkit.errors import InputError
from okrkit.files import load_okrs, save_okrs

MINIMAL = """\
period: 2026-Q1
organization: Demo
objectives:
  - id: O1
    text: "Doanh thu vượt mức đỉnh cao"
    owner: Sales
    type: aspirational
    key_results:
      - id: O1.KR1
        text: "Đạt doanh thu tối thiểu 800 triệu"
        baseline: 500000000
        target: 800 triệu
        current: 650000000
        unit: VND
        weight: 0.5
      - "Đạt 120 khách hàng có giá trị từ 3 triệu trở lên"
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_sample_company_loads(company):
    """The bundled sample has a period, an organisation and objectives for several owners."""
    assert company.period == "2026-Q1"
    assert len(company.owners()) >= 5
    kr = company.objective("S1").key_results[0]
    assert kr.target == 8_400_000_000 and kr.unit == "VND"


def test_yaml_accepts_text_only_krs_and_written_amounts(tmp_path):
    """A KR may be text only, and a target may be written the way people write it."""
    okrs = load_okrs(write(tmp_path, "o.yaml", MINIMAL))
    kr1, kr2 = okrs.objectives[0].key_results
    assert kr1.target == 800_000_000
    assert kr2.text.startswith("Đạt 120") and kr2.target is None and kr2.confidence == 5.0


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".csv", ".xlsx"])
def test_round_trip_every_format(tmp_path, company, suffix):
    """Saving and loading again gives back the same OKRs, in every format."""
    path = save_okrs(company, tmp_path / f"company{suffix}")
    again = load_okrs(path)
    assert again == company


def test_json_and_yaml_share_one_shape(tmp_path):
    """The same data as JSON loads to the same objects as YAML."""
    import yaml
    data = yaml.safe_load(MINIMAL)
    a = load_okrs(write(tmp_path, "o.yaml", MINIMAL))
    b = load_okrs(write(tmp_path, "o.json", json.dumps(data, ensure_ascii=False)))
    assert a == b


BAD = [
    ("missing", None, "o.yaml", "file not found"),
    ("empty", "", "o.yaml", "the file is empty"),
    ("blank", "   \n\n", "o.yaml", "the file is empty"),
    ("yaml-syntax", "objectives:\n  - id: O1\n   text: [unclosed\n", "o.yaml", "invalid YAML"),
    ("json-syntax", '{"objectives": [}', "o.json", "invalid JSON"),
    ("wrong-type", MINIMAL.replace("target: 800 triệu", 'target: "abc"'), "o.yaml", "'abc' is not a number"),
    ("unknown-field", MINIMAL.replace("unit: VND", "units: VND"), "o.yaml", "unknown field 'units'"),
    ("unknown-top", "objectivs: []\n", "o.yaml", "unknown field 'objectivs'"),
    ("no-objectives", "period: 2026-Q1\n", "o.yaml", "objectives: is missing"),
    ("bad-kind", MINIMAL.replace("unit: VND", "unit: VND\n        kind: grow"), "o.yaml", "'grow' is not allowed"),
    ("bad-type", MINIMAL.replace("type: aspirational", "type: stretchy"), "o.yaml", "'stretchy' is not allowed"),
    ("confidence", MINIMAL.replace("weight: 0.5", "weight: 0.5\n        confidence: 14"), "o.yaml", "outside 0–10"),
    ("negative-weight", MINIMAL.replace("weight: 0.5", "weight: -0.5"), "o.yaml", "negative"),
    ("not-utf8", "objectives:\n  - id: O1\n    text: Doanh thu Sài Gòn\n".encode("cp1252"), "o.yaml", "not UTF-8"),
    ("csv-missing-columns", "kr_id,kr\nKR1,Revenue 800 triệu\n", "o.csv", "missing column 'objective'"),
    ("csv-unknown-column", "objective_id,objective,kr,targt\nO1,Win,Revenue,5\n", "o.csv", "unknown column 'targt'"),
    ("csv-bad-number", "objective_id,objective,kr_id,kr,target\nO1,Win,KR1,Revenue,lots\n", "o.csv", "'lots' is not a number"),
    ("xlsx-not-zip", b"this is not a workbook", "o.xlsx", "not a readable Excel"),
    ("suffix", "x", "o.txt", "unsupported file type"),
]


@pytest.mark.parametrize("case,content,name,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_clear_line(tmp_path, case, content, name, expected):
    """Every bad file raises InputError whose one-line message names the file and the problem."""
    path = tmp_path / name
    if content is not None:
        write(tmp_path, name, content)
    with pytest.raises(InputError) as info:
        load_okrs(path)
    line = info.value.line()
    assert "\n" not in line
    assert expected in line
    assert str(path) in line
    assert info.value.hint  # always says what to do


def test_wrong_type_names_the_field(tmp_path):
    """A wrong type names the exact field path so the user can find it."""
    path = write(tmp_path, "o.yaml", MINIMAL.replace("target: 800 triệu", 'target: "abc"'))
    with pytest.raises(InputError) as info:
        load_okrs(path)
    assert info.value.where == "objectives[0].key_results[0].target"


def test_csv_errors_name_row_and_column(tmp_path):
    """A CSV problem names the row a person sees in Excel and the column."""
    path = write(tmp_path, "o.csv", "objective_id,objective,kr_id,kr,target\nO1,Win,KR1,Revenue,5\nO1,Win,KR2,Leads,lots\n")
    with pytest.raises(InputError) as info:
        load_okrs(path)
    assert info.value.where == "row 3, column target"


def test_csv_with_vietnamese_numbers_and_semicolons(tmp_path):
    """Excel in Vietnamese exports semicolons and 1.500.000-style numbers; both are read."""
    path = write(tmp_path, "o.csv", "objective_id;objective;kr_id;kr;target;baseline\n"
                                    "O1;Doanh thu vượt đỉnh;KR1;Doanh thu 1,5 tỷ;1.500.000.000;2,5 tỷ\n")
    kr = load_okrs(path).objectives[0].key_results[0]
    assert kr.target == 1_500_000_000 and kr.baseline == 2_500_000_000


def test_loading_never_modifies_the_input(tmp_path):
    """Reading a file, good or bad, leaves its bytes unchanged."""
    good = write(tmp_path, "o.yaml", MINIMAL)
    bad = write(tmp_path, "b.yaml", MINIMAL.replace("target: 800 triệu", 'target: "abc"'))
    before = good.read_bytes(), bad.read_bytes()
    load_okrs(good)
    with pytest.raises(InputError):
        load_okrs(bad)
    assert (good.read_bytes(), bad.read_bytes()) == before


def test_sample_path_unknown_name():
    """Asking for a sample file that does not exist lists the ones that do."""
    with pytest.raises(InputError, match="company.yaml"):
        ok.sample_path("nope.yaml")


def test_an_okr_file_lists_every_problem_at_once_in_the_chosen_language(tmp_path):
    """A YAML OKR file with five different mistakes is refused with all five, each naming its field, in Vietnamese."""
    from okrkit.errors import ProblemList
    from okrkit.files import load_okrs

    path = tmp_path / "okrs.yaml"
    path.write_text("period: 2026-Q1\nobjectives:\n"
                    "  - id: O1\n    text: Tăng doanh thu\n    colour: red\n    key_results:\n"
                    "      - {id: O1.KR1, text: Doanh thu 12 tỷ, target: mười hai, confidence: 14}\n"
                    "      - {id: O1.KR2, target: 5}\n"
                    "  - id: O2\n    txt: Khách hàng hài lòng\n"
                    "  - chỉ là chữ\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProblemList) as info:
        load_okrs(path)
    lines = info.value.lines("vi")
    wheres = [p.where_in("vi") for p in info.value.problems]
    assert wheres == ["objectives[0].colour", "objectives[0].key_results[0].confidence",
                      "objectives[0].key_results[0].target", "objectives[0].key_results[1].text",
                      "objectives[1].txt", "objectives[2]"], lines
    assert "'mười hai' không phải là số" in lines[2]
    assert "có phải ý bạn là 'text'" in lines[4]
    assert not any("is not" in line or "expected" in line for line in lines), lines
    assert path.read_bytes() == before
