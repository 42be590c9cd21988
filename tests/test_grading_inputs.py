"""Tests of the grader's input side: every broken zip, JSON file, name or layout a class can hand in is that
participant's row with a one-line reason, never a crashed ``okrkit grade`` (okrkit.grading.submissions,
okrkit.grading.collect, okrkit.grading.gradebook)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from okrkit.answers import FORMAT, AnswerFile, load_json
from okrkit.errors import InputError
from okrkit.grading import collect, gradebook, sample_class
from okrkit.grading.report import reason_text
from okrkit.grading.submissions import discover, notebook_problem, tree_hashes, unzip

ROOT = Path(__file__).resolve().parents[1]
EX = "ex01_sales_okr"
DEEP = "[" * 100_000 + "]" * 100_000
NOTEBOOK = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


# ---------------------------------------------------------------- building hand-ins as real files

def _answers(answer: dict | None = None, exercise: str = EX) -> bytes:
    return json.dumps({"format": FORMAT, "exercise": exercise, "answer": answer or {"x": 1}}).encode()


def _members(top: str = "") -> dict[str, bytes]:
    """What an honest zip holds: a notebook and its answers file (optionally under one top folder)."""
    return {f"{top}{EX}.ipynb": json.dumps(NOTEBOOK).encode(), f"{top}answers/{EX}.json": _answers()}


def _zip(path: Path, members: dict[str, bytes] | list[tuple[str, bytes]], *,
         compression: int = zipfile.ZIP_STORED) -> Path:
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return path


def _headers(data: bytes, member: str) -> tuple[int, int]:
    """Offsets of ``member``'s local header and central directory entry in the zip bytes ``data``."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    central = data.find(b"PK\x01\x02")
    while central >= 0 and data[central + 46:central + 46 + len(member)] != member.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    assert central > 0
    return info.header_offset, central


def _patch(path: Path, member: str, *, local: dict[int, bytes], central: dict[int, bytes]) -> Path:
    """Overwrite bytes of ``member``'s local header and central directory entry (offsets within each)."""
    data = bytearray(path.read_bytes())
    lh, cd = _headers(bytes(data), member)
    for at, value in local.items():
        data[lh + at:lh + at + len(value)] = value
    for at, value in central.items():
        data[cd + at:cd + at + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def bad_crc_zip(path: Path) -> Path:
    """An honest zip whose answers file's CRC-32 is wrong in both headers (found only when the member is read)."""
    _zip(path, _members())
    member = f"answers/{EX}.json"
    with zipfile.ZipFile(path) as zf:
        crc = zf.getinfo(member).CRC ^ 0xFFFFFFFF
    value = crc.to_bytes(4, "little")
    return _patch(path, member, local={14: value}, central={16: value})


def encrypted_zip(path: Path) -> Path:
    """A zip whose notebook is marked encrypted (general-purpose flag bit 0 in both headers)."""
    _zip(path, _members())
    member = f"{EX}.ipynb"
    data = path.read_bytes()
    lh, cd = _headers(data, member)
    flags_l = (int.from_bytes(data[lh + 6:lh + 8], "little") | 1).to_bytes(2, "little")
    flags_c = (int.from_bytes(data[cd + 8:cd + 10], "little") | 1).to_bytes(2, "little")
    return _patch(path, member, local={6: flags_l}, central={8: flags_c})


def deflate64_zip(path: Path) -> Path:
    """A zip whose notebook claims deflate64 (method 9) in both headers, as Windows' Explorer writes big zips."""
    _zip(path, _members(), compression=zipfile.ZIP_DEFLATED)
    nine = (9).to_bytes(2, "little")
    return _patch(path, f"{EX}.ipynb", local={8: nine}, central={10: nine})


def truncated_zip(path: Path) -> Path:
    """A zip cut off half way (an interrupted upload)."""
    _zip(path, _members(), compression=zipfile.ZIP_DEFLATED)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def damaged_data_zip(path: Path) -> Path:
    """A deflated zip whose notebook's compressed bytes are garbage (headers intact)."""
    _zip(path, {f"{EX}.ipynb": json.dumps(NOTEBOOK).encode() * 50}, compression=zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    lh, _ = _headers(bytes(data), f"{EX}.ipynb")
    start = lh + 30 + len(f"{EX}.ipynb")
    data[start:start + 20] = b"\xff" * 20
    path.write_bytes(bytes(data))
    return path


def duplicate_zip(path: Path) -> Path:
    """A zip holding two members named like the answers file (the last would silently win)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns "Duplicate name" while writing it
        return _zip(path, [*_members().items(), (f"answers/{EX}.json", _answers({"x": 99}))])


BROKEN_ZIPS = {
    "bad-crc": (bad_crc_zip, "checksum does not match"),
    "encrypted": (encrypted_zip, "encrypted"),
    "deflate64": (deflate64_zip, "deflate64, method 9"),
    "truncated": (truncated_zip, "damaged or not a zip"),
    "damaged-data": (damaged_data_zip, "is damaged"),
    "duplicate-member": (duplicate_zip, f"two files named 'answers/{EX}.json' in the zip"),
}


def _honest_folder(sub: Path, name: str = "An") -> Path:
    folder = sub / name
    (folder / "answers").mkdir(parents=True)
    for member, data in _members().items():
        (folder / member).write_bytes(data)
    return folder


def _discover(sub: Path, tmp_path: Path, **kw):
    return {p.name: p for p in discover(sub, (EX,), work=tmp_path / "work", **kw)}


# ---------------------------------------------------------------- zips

@pytest.mark.parametrize("case", list(BROKEN_ZIPS), ids=list(BROKEN_ZIPS))
def test_a_broken_zip_is_one_participants_problem(tmp_path, case):
    """A damaged, encrypted, deflate64, cut-off or duplicate-member zip is its participant's one-line reason;
    the honest participant beside it is found as usual and SUBMISSIONS is not touched."""
    make, words = BROKEN_ZIPS[case]
    sub = tmp_path / "sub"
    sub.mkdir()
    make(sub / "Mallory.zip")
    _honest_folder(sub)
    before = tree_hashes(sub)
    found = _discover(sub, tmp_path)
    assert set(found) == {"An", "Mallory"}
    bad = found["Mallory"]
    assert bad.folder is None and bad.notebooks == {}
    assert words in bad.problem and "\n" not in bad.problem and len(bad.problem) <= 240, bad.problem
    assert found["An"].problem is None and set(found["An"].notebooks) == {EX}
    assert tree_hashes(sub) == before


@pytest.mark.parametrize("case", list(BROKEN_ZIPS), ids=list(BROKEN_ZIPS))
def test_unzip_raises_only_input_errors(tmp_path, case):
    """unzip's only failure is an InputError, whatever is wrong with the zip."""
    make, _ = BROKEN_ZIPS[case]
    with pytest.raises(InputError):
        unzip(make(tmp_path / "p.zip"), tmp_path / "out")


def test_every_member_is_read_whole(tmp_path):
    """A bad CRC in a member no one would open (not a notebook, not an answers file) still refuses the zip."""
    z = _zip(tmp_path / "p.zip", {**_members(), "notes/readme.txt": b"hello " * 100})
    with zipfile.ZipFile(z) as zf:
        crc = (zf.getinfo("notes/readme.txt").CRC ^ 1).to_bytes(4, "little")
    _patch(z, "notes/readme.txt", local={14: crc}, central={16: crc})
    with pytest.raises(InputError, match="checksum"):
        unzip(z, tmp_path / "out")


def test_a_member_that_is_a_file_and_a_folder_is_refused(tmp_path):
    """'answers' as a file and 'answers/ex01.json' in one zip is refused before anything is written."""
    z = _zip(tmp_path / "p.zip", {"answers": b"x", f"answers/{EX}.json": _answers()})
    with pytest.raises(InputError, match="both a file and a folder"):
        unzip(z, tmp_path / "out")


def test_an_honest_zip_still_unpacks(tmp_path):
    """A plain deflated zip of one top folder unpacks to that folder with every byte intact."""
    z = _zip(tmp_path / "An.zip", _members("An/"), compression=zipfile.ZIP_DEFLATED)
    folder = unzip(z, tmp_path / "out")
    assert (folder / "answers" / f"{EX}.json").read_bytes() == _answers()


# ---------------------------------------------------------------- names and layout of SUBMISSIONS

def test_a_folder_and_a_zip_of_one_name_are_one_conflict(tmp_path):
    """Twin/ and Twin.zip side by side are one participant Twin whose hand-in cannot be used until one is kept."""
    sub = tmp_path / "sub"
    sub.mkdir()
    _honest_folder(sub, "Twin")
    _zip(sub / "Twin.zip", _members())
    found = discover(sub, (EX,), work=tmp_path / "work")
    assert [p.name for p in found] == ["Twin"]
    assert found[0].problem == "both a folder and a zip named Twin were handed in; keep one"


def test_two_zips_of_one_name_are_one_conflict(tmp_path):
    """Twin.zip and Twin.ZIP (and names that differ only in Unicode normal form) are one conflict."""
    sub = tmp_path / "sub"
    sub.mkdir()
    _zip(sub / "Twin.zip", _members())
    _zip(sub / "Twin.ZIP", _members())
    _honest_folder(sub, "Nguye\u0302\u0303n")  # decomposed, as macOS writes it
    _zip(sub / "Nguy\u1ec5n.zip", _members())  # composed
    found = discover(sub, (EX,), work=tmp_path / "work")
    assert len(found) == 2
    assert all("were handed in" in p.problem and "keep one" in p.problem for p in found)


def test_hidden_hand_ins_are_graded_and_junk_is_passed_over(tmp_path):
    """.An/ and .Binh.zip are participants like any other; .DS_Store, .ipynb_checkpoints, __MACOSX, .git and
    macOS '._' companions are passed over; a roster file and a lone notebook are reported as skipped."""
    sub = tmp_path / "sub"
    sub.mkdir()
    _honest_folder(sub, ".An")
    _zip(sub / ".Binh.zip", _members())
    _honest_folder(sub, ".ipynb_checkpoints")
    _honest_folder(sub, "__MACOSX")
    (sub / ".git").mkdir()
    (sub / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (sub / "._.Binh.zip").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)
    (sub / "roster.csv").write_text("name\nAn\n", encoding="utf-8")
    (sub / f"{EX}.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    found = _discover(sub, tmp_path, skipped=skipped)
    assert set(found) == {".An", ".Binh"}
    assert all(p.problem is None and set(p.notebooks) == {EX} for p in found.values())
    assert {p.slug for p in found.values()} == {"An", "Binh"}
    assert dict(skipped).keys() == {"roster.csv", f"{EX}.ipynb"}
    assert all(why and "\n" not in why for _, why in skipped)


def test_another_archive_is_a_row_not_silence(tmp_path):
    """An.rar is participant An whose hand-in cannot be used (the grader opens folders and zips only)."""
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "An.rar").write_bytes(b"Rar!\x1a\x07\x00")
    found = _discover(sub, tmp_path)
    assert "not a .zip" in found["An"].problem


def test_a_name_that_is_not_utf8_is_shown_not_crashed_on(tmp_path):
    """A folder whose name holds bytes that are not UTF-8 (or control characters) gets a printable name."""
    sub = tmp_path / "sub"
    sub.mkdir()
    raw = os.path.join(os.fsencode(sub), b"An\xff\x1b[2J")
    os.mkdir(raw)
    (Path(os.fsdecode(raw)) / f"{EX}.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    [p] = discover(sub, (EX,), work=tmp_path / "work")
    assert p.name == "An\ufffd\ufffd[2J"
    p.name.encode("utf-8")  # writable in the gradebook
    assert set(p.notebooks) == {EX}


# ---------------------------------------------------------------- JSON: answers files and notebooks

DUP_NESTED = (b'{"format": "okrkit-answers/1", "exercise": "ex01_sales_okr", '
              b'"answer": {"objectives": [{"text": "a", "text": "b"}]}}')
BAD_ANSWERS = {
    "deep": (DEEP.encode(), "nested more than 64 levels deep"),
    "deep-unclosed": (("[" * 100_000).encode(), "nested more than 64 levels deep"),
    "deep-inside": (_answers({"x": json.loads("[" * 60 + "]" * 60)})[:-2] + b', "y": ' + DEEP.encode() + b"}}",
                    "nested more than 64 levels deep"),
    "duplicate-top": (b'{"format": "okrkit-answers/1", "exercise": "ex01_sales_okr", "answer": {}, '
                      b'"answer": {"x": 1}}', "names the key 'answer' twice"),
    "duplicate-nested": (DUP_NESTED, "names the key 'text' twice"),
    "lone-surrogate": (b'{"format": "okrkit-answers/1", "exercise": "ex01_sales_okr", "answer": {"x": "\\ud800"}}',
                       "not valid Unicode"),
    "huge-number": (b'{"format": "okrkit-answers/1", "exercise": "ex01_sales_okr", "answer": {"x": '
                    + b"9" * 5000 + b"}}", "not valid JSON"),
    "not-utf8": (b'{"format": "okrkit-answers/1", "exercise": "\xff"}', "not UTF-8"),
}


@pytest.mark.parametrize("case", list(BAD_ANSWERS), ids=list(BAD_ANSWERS))
def test_a_bad_answers_file_is_a_reason(tmp_path, case):
    """Deep nesting, duplicate keys at any level, lone surrogates, 5000-digit numbers: ("bad", reason)."""
    raw, words = BAD_ANSWERS[case]
    path = tmp_path / "answers" / f"{EX}.json"
    path.parent.mkdir()
    path.write_bytes(raw)
    state, answer, why = collect.read_answers_file(path, EX)
    assert (state, answer) == ("bad", None)
    assert words in why and why.startswith(f"answers/{EX}.json") and "\n" not in why, why
    assert collect.answers_from_bytes(raw, EX) == (state, answer, why)
    assert reason_text(why, "vi") != reason_text(why, "en")  # the page says it in Vietnamese
    assert "JSON" not in reason_text(why, "vi")


def test_a_deep_answers_file_is_refused_in_the_participants_kernel_too(tmp_path):
    """The form's own reader (AnswerFile) raises InputError, not RecursionError, and moves the file aside."""
    path = tmp_path / "answers" / f"{EX}.json"
    path.parent.mkdir()
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(InputError, match="nested more than"):
        AnswerFile(path, exercise=EX).read()
    assert AnswerFile(path, exercise=EX).load().status == "quarantined"


def test_an_honest_answers_file_still_reads(tmp_path):
    """The answer a form saves (Vietnamese text, nested objectives) reads back as it was."""
    answer = sample_class.honest_answer("Nguyễn Thị Lan", EX)
    path = tmp_path / f"{EX}.json"
    AnswerFile(path, exercise=EX).save(answer)
    assert collect.read_answers_file(path, EX) == ("ok", answer, None)


@pytest.mark.parametrize("text,words", [
    (DEEP, "nested more than 64 levels deep"),
    ('{"cells": [], "metadata": {"a": 1, "a": 2}}', "names the key 'a' twice in one object"),
    ('{"cells": [], "cells": [{"cell_type": "code"}]}', "names the key 'cells' twice"),
    ('{"cells": ["\\udc00"]}', "not valid Unicode"),
    ('{"cells": [' + "1" * 5000 + "]}", "not valid JSON"),
    ('{"cells": [', "not valid JSON (truncated or damaged"),
    ('{"nbformat": 4}', "not a Jupyter notebook"),
], ids=["deep", "duplicate", "duplicate-cells", "surrogate", "huge-number", "truncated", "no-cells"])
def test_notebook_problem_names_what_is_wrong(tmp_path, text, words):
    """A notebook nested 100,000 deep, with a duplicate key, a lone surrogate or no cells is one line, no crash."""
    path = tmp_path / f"{EX}.ipynb"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    why = notebook_problem(path)
    assert why and words in why and "\n" not in why, why
    assert notebook_problem(path.read_bytes()) == why


def test_notebook_problem_passes_the_real_exercise_and_refuses_non_files(tmp_path):
    """Every exercise notebook of the kit passes; a link or a folder named like a notebook does not."""
    for nb in sorted((ROOT / "exercises").glob("ex*.ipynb")):
        assert notebook_problem(nb) is None, nb
    (tmp_path / "dir.ipynb").mkdir()
    assert "not a regular file" in notebook_problem(tmp_path / "dir.ipynb")
    (tmp_path / "link.ipynb").symlink_to(next((ROOT / "exercises").glob("ex*.ipynb")))
    assert "not a regular file" in notebook_problem(tmp_path / "link.ipynb")


def test_load_json_keeps_honest_escapes():
    """Escaped quotes and backslashes around brackets, and emoji as surrogate pairs, are not miscounted."""
    text = '{"a": "\\\\", "b": ["\\"[[[[[[", "\\ud83d\\ude00"], "c": {"d": []}}'
    assert load_json(text, max_depth=3) == {"a": "\\", "b": ['"[[[[[[', "😀"], "c": {"d": []}}


# ---------------------------------------------------------------- the gradebook

FORMULAS = ['=HYPERLINK("evil.example","Bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
            "\uff1d1+1", "Nguyễn Văn An"]


def _gradebook_rows() -> list[dict]:
    rows = []
    for i, name in enumerate(FORMULAS):
        rows.append({"participant": name, "slug": f"p{i}", "exercise": EX, "status": "graded", "score": -1.0,
                     "max": 8.0, "reason": "=1+2", "note": "-note \x01\x1b", "answer_source": "file", "seconds": 1.5,
                     "checks": [{"id": "c", "passed": False, "earned": 0.0, "points": 1.0,
                                 "title": {"en": "+title", "vi": "+title"},
                                 "feedback": {"en": "@feedback", "vi": "@feedback"}}]})
    return rows


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_no_gradebook_cell_starts_a_formula(tmp_path):
    """Names, reasons, notes, check titles and feedback starting with = + - @ tab CR are quoted in the CSVs and
    are text (never formulas) in the XLSX; numbers stay numbers; control characters do not break the workbook."""
    import openpyxl

    rows = _gradebook_rows()
    gradebook.write(rows, tmp_path, state=tmp_path, summary={}, lang="en", reports=False)
    for name in ("gradebook.csv", "checks.csv"):
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as f:
            table = list(csv.DictReader(f))
        assert len(table) == len(rows)
        for r in table:
            for key, cell in r.items():
                if not _is_number(cell):  # a negative number is a number, not a formula
                    assert not cell.startswith(gradebook.FORMULA_STARTS), (name, key, cell)
        names = [r["participant"] for r in table]
        assert names == [("'" + n if n.startswith(gradebook.FORMULA_STARTS) else n) for n in FORMULAS]
    assert table[0]["earned"] == "0.0" and table[0]["check"] == "'+title"
    book = openpyxl.load_workbook(tmp_path / "gradebook.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    # A CR is stored as OOXML's escape _x000D_ (Excel shows a CR; openpyxl reads the escape as typed)
    shown = [c.value.replace("_x000D_", "\r") for c in book["gradebook"]["A"][1:]]
    assert shown == list(FORMULAS)
    assert book["gradebook"]["D2"].value == -1.0
    assert book["gradebook"]["G2"].value == "-note \ufffd\ufffd"


# ---------------------------------------------------------------- end to end: `okrkit grade`

HONEST = "Nguyễn Thị Lan"


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    """A class of one honest participant (the sample class's) and broken hand-ins beside it, graded once with
    the real command ``okrkit grade SUBMISSIONS --out OUT``."""
    root = tmp_path_factory.mktemp("inputs")
    sub = root / "submissions"
    sample_class.write(sub, participants=[HONEST])
    lan = sub / HONEST
    bad_crc_zip(sub / "Mallory CRC.zip")
    encrypted_zip(sub / "Eve.zip")
    deflate64_zip(sub / "Oscar.zip")
    duplicate_zip(sub / "Dup.zip")
    truncated_zip(sub / '=HYPERLINK("evil.example","x").zip')
    _honest_folder(sub, "Twin")
    _zip(sub / "Twin.zip", _members())
    # .An: a hidden copy of the honest participant's ex07 (graded like anyone); Deep and Dupkey: one exercise each
    for name, answers in ((".An", None), ("Deep", DEEP.encode()), ("Dupkey", DUP_NESTED)):
        ex = "ex07_kpi_bsc" if answers is None else EX
        (sub / name / "answers").mkdir(parents=True)
        shutil.copy(lan / f"{ex}.ipynb", sub / name / f"{ex}.ipynb")
        data = answers if answers is not None else (lan / "answers" / f"{ex}.json").read_bytes()
        (sub / name / "answers" / f"{ex}.json").write_bytes(data)
    before = tree_hashes(sub)
    out = root / "grades"
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "okrkit"), "grade", str(sub), "--out", str(out),
                           "--workers", "2", "--timeout", "60", "--quiet"],
                          capture_output=True, text=True, timeout=900, cwd=root)
    return {"sub": sub, "out": out, "done": done, "before": before}


def _summary_rows(out: Path) -> dict[tuple[str, str], dict]:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {(r["participant"], r["exercise"]): r for r in summary["results"]}


@pytest.mark.notebook
@pytest.mark.xdist_group("grading")
def test_broken_hand_ins_are_rows_and_the_run_completes(hostile_class):
    """Exit 0 and summary.json written; each broken zip's rows carry its reason; the honest participant keeps
    the score of its saved answers; the hidden hand-in is graded; SUBMISSIONS is unchanged."""
    from okrkit.rubric import load_rubric

    done, out = hostile_class["done"], hostile_class["out"]
    assert done.returncode == 0, done.stderr[-3000:]
    rows = _summary_rows(out)
    exercises = sample_class.exercise_ids()
    for ex in exercises:
        row = rows[(HONEST, ex)]
        honest = load_rubric(ex).grade(sample_class.honest_answer(HONEST, ex)).score
        assert (row["status"], row["score"]) == ("graded", honest), row
    expected = {"Mallory CRC": "checksum does not match", "Eve": "encrypted", "Oscar": "deflate64",
                "Dup": "two files named", '=HYPERLINK("evil.example","x")': "damaged or not a zip",
                "Twin": "both a folder and a zip named Twin were handed in; keep one"}
    for name, words in expected.items():
        for ex in exercises:
            row = rows[(name, ex)]
            assert row["status"] == "error" and words in row["reason"], row
    assert sum(1 for p, _ in rows if p == "Twin") == len(exercises)  # one participant Twin, not two
    assert rows[(".An", "ex07_kpi_bsc")]["status"] == "graded"
    assert tree_hashes(hostile_class["sub"]) == hostile_class["before"]


@pytest.mark.notebook
@pytest.mark.xdist_group("grading")
def test_bad_answers_json_is_one_row(hostile_class):
    """Answers nested 100,000 deep, or with a key given twice, are that exercise's invalid-answers row."""
    rows = _summary_rows(hostile_class["out"])
    deep, dup = rows[("Deep", EX)], rows[("Dupkey", EX)]
    assert deep["status"] == "invalid-answers" and "nested more than 64 levels" in deep["reason"], deep
    assert dup["status"] == "invalid-answers" and "names the key 'text' twice" in dup["reason"], dup
    assert rows[("Deep", "ex02_marketing_okrs")]["status"] == "missing"


@pytest.mark.notebook
@pytest.mark.xdist_group("grading")
def test_a_formula_name_is_text_in_the_gradebook(hostile_class):
    """The participant named '=HYPERLINK(…)' is a quoted text in gradebook.csv and a text cell in the XLSX."""
    import openpyxl

    out = hostile_class["out"]
    with open(out / "gradebook.csv", encoding="utf-8-sig", newline="") as f:
        names = {r["participant"] for r in csv.DictReader(f)}
    assert "'=HYPERLINK(\"evil.example\",\"x\")" in names
    assert not any(n.startswith(gradebook.FORMULA_STARTS) for n in names)
    book = openpyxl.load_workbook(out / "gradebook.xlsx")
    assert all(c.data_type != "f" for s in book.worksheets for row in s.iter_rows() for c in row)
