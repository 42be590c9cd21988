"""Tests of the grader (okrkit.grading): the sample class end to end, plus the pieces that guard the door."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.errors import InputError
from okrkit.grading import collect, sample_class
from okrkit.grading.run import grade_class
from okrkit.grading.submissions import slug, tree_hashes, unzip
from okrkit.rubric import load_rubric

#: the sample class is graded once per test process (``graded``): its tests stay on one worker
pytestmark = [pytest.mark.xdist_group("grading")]

TIMEOUT = 20.0  # generous: the endless loop must time out, nothing else may on a loaded machine


# ---------------------------------------------------------------- pure pieces

@pytest.mark.parametrize("name,expected", [
    ("../../evil", "evil"), ("..%2F..%2Fescaped", "2F_2Fescaped"), ("..\\..\\evil", "evil"),
    ("Nguyễn Văn An", "Nguyễn_Văn_An"), ("...", "participant"), ("a/b", "a_b"),
], ids=["dotdot", "percent", "backslash", "vietnamese", "dots", "slash"])
def test_slug_never_leaves_a_folder(name, expected):
    """Participant names become file names without separators or leading dots."""
    assert slug(name) == expected
    assert "/" not in slug(name) and "\\" not in slug(name) and not slug(name).startswith(".")


def _zip(path: Path, members: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("members,link", [
    ({"../../evil.txt": b"x"}, None), ({"/abs.txt": b"x"}, None), ({"ok.txt": b"x"}, "link"),
], ids=["dotdot", "absolute", "symlink"])
def test_unzip_refuses_members_that_escape(tmp_path, members, link):
    """Zip members with '..', absolute paths or links are refused before anything is written."""
    z = _zip(tmp_path / "p.zip", members, link=link)
    with pytest.raises(InputError):
        unzip(z, tmp_path / "out")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_unzip_refuses_a_bomb(tmp_path):
    """A member that unpacks far beyond the size limit is refused."""
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", b"0" * (60 * 2**20))
    with pytest.raises(InputError):
        unzip(z, tmp_path / "out")


def test_unzip_strips_one_top_folder(tmp_path):
    """A zip holding one folder is that folder."""
    z = _zip(tmp_path / "An.zip", {"An/ex01_sales_okr.ipynb": b"{}", "An/answers/ex01_sales_okr.json": b"{}"})
    folder = unzip(z, tmp_path / "out")
    assert (folder / "ex01_sales_okr.ipynb").exists()


@pytest.mark.parametrize("record,ok", [
    ({"format": "okrkit-answers/1", "exercise": "ex01_sales_okr", "answer": {"a": 1}}, True),
    ({"exercise": "ex01_sales_okr", "answer": {"a": 1}}, True),
    ({"exercise": "ex02_marketing_okrs", "answer": {}}, False),
    ({"exercise": "ex01_sales_okr", "answer": [1]}, False),
    ({"exercise": "ex01_sales_okr", "answer": {}, "score": 100}, False),
    ({"format": "other", "exercise": "ex01_sales_okr", "answer": {}}, False),
    ("text", False),
    ({"exercise": "ex01_sales_okr", "answer": {"x": "y" * 300_000}}, False),
], ids=["full", "no-format", "other-exercise", "not-object", "score-field", "bad-format", "string", "huge"])
def test_validate_record_is_strict(record, ok):
    """Only a well-formed record of the right exercise, of bounded size, is an answer."""
    answer, why = collect.validate_record(record, "ex01_sales_okr")
    assert (answer is not None) is ok
    assert (why is None) is ok


def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys):
    """A missing folder, or --out inside the submissions, stops with exit 2 and one line."""
    assert main(["grade", str(tmp_path / "nope"), "--out", str(tmp_path / "g")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "does not exist" in err
    (tmp_path / "sub").mkdir()
    assert main(["grade", str(tmp_path / "sub"), "--out", str(tmp_path / "sub" / "grades")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "inside" in err
    assert not (tmp_path / "sub" / "grades").exists()


# ---------------------------------------------------------------- the sample class, end to end

@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """The sample class graded once with two workers."""
    root = tmp_path_factory.mktemp("class")
    sub = root / "submissions"
    expected = sample_class.write(sub)
    before = tree_hashes(sub)
    out = root / "grades"
    t0 = time.monotonic()
    summary = grade_class(sub, out, workers=2, timeout=TIMEOUT, progress=False)
    return {"root": root, "sub": sub, "out": out, "summary": summary, "expected": expected, "before": before,
            "seconds": time.monotonic() - t0}


def _rows(out: Path) -> dict[tuple[str, str], dict]:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {(r["participant"], r["exercise"]): r for r in summary["results"]}


@pytest.mark.notebook
def test_every_row_has_the_expected_status(graded):
    """Each participant × exercise of the sample class gets the status its case calls for."""
    rows = _rows(graded["out"])
    assert set(rows) == set(graded["expected"])
    wrong = {k: (rows[k]["status"], v, rows[k]["reason"]) for k, v in graded["expected"].items()
             if rows[k]["status"] != v}
    assert not wrong


@pytest.mark.notebook
def test_every_failure_has_a_one_line_reason(graded):
    """Rows that are not graded say why, in one line."""
    for r in _rows(graded["out"]).values():
        if r["status"] != "graded":
            assert r["reason"] and "\n" not in r["reason"] and len(r["reason"]) <= 240, r


@pytest.mark.notebook
def test_submissions_are_never_modified(graded):
    """Every submission file has the same hash after grading as before."""
    assert tree_hashes(graded["sub"]) == graded["before"]
    assert graded["summary"]["submissions_unchanged"]


@pytest.mark.notebook
def test_outputs_are_written(graded):
    """Gradebook (CSV, XLSX), check detail, class report, summary and one feedback page per participant."""
    out = graded["out"]
    for name in ("gradebook.csv", "gradebook.xlsx", "checks.csv", "class_report.html", "summary.json"):
        assert (out / name).stat().st_size > 0
    pages = list((out / "feedback").glob("*.html"))
    assert len(pages) == len({p for p, _ in graded["expected"]})
    lines = (out / "gradebook.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + len(graded["expected"])


@pytest.mark.notebook
def test_nothing_is_written_outside_out(graded):
    """The participant whose folder name tries to escape lands in feedback/ like everyone else."""
    assert sorted(p.name for p in graded["root"].iterdir()) == ["grades", "submissions"]
    for page in (graded["out"] / "feedback").iterdir():
        assert page.resolve().parent == (graded["out"] / "feedback").resolve()


@pytest.mark.notebook
def test_feedback_holds_no_executable_participant_text(graded):
    """A <script> in an objective is shown as text, never as markup, in feedback and class report."""
    pages = list((graded["out"] / "feedback").glob("*.html")) + [graded["out"] / "class_report.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "<img" not in text.lower(), page
        assert not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:|//|javascript:)", text, re.IGNORECASE), page
    chau = (graded["out"] / "feedback" / f"{slug('Ngô Bảo Châu')}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chau


@pytest.mark.notebook
def test_tampering_scores_no_more_than_honest_answers(graded):
    """The notebook that monkeypatches, shadows rubrics and fakes scores gets its saved answer's score."""
    ex = "ex01_sales_okr"
    row = _rows(graded["out"])[("Lý Gia Hân", ex)]
    honest = load_rubric(ex).grade(sample_class.honest_answer("Lý Gia Hân", ex)).score
    assert row["status"] == "graded"
    assert row["score"] <= honest
    assert "different answer" in row["note"]


@pytest.mark.notebook
def test_unchanged_class_is_not_run_again(graded):
    """A second run with nothing changed executes no notebook and is much faster."""
    t0 = time.monotonic()
    summary = grade_class(graded["sub"], graded["out"], workers=2, timeout=TIMEOUT, progress=False)
    assert summary["executed"] == 0
    assert summary["reused"] > 0
    assert _rows(graded["out"]) == {k: v for k, v in _rows(graded["out"]).items()}
    assert time.monotonic() - t0 < graded["seconds"]


@pytest.mark.notebook
def test_only_and_force_rerun_one_participant(graded):
    """--only with --force runs that participant's notebooks again and keeps everyone's rows."""
    summary = grade_class(graded["sub"], graded["out"], workers=2, timeout=TIMEOUT, progress=False,
                          only=("Emily Carter",), force=True)
    assert summary["executed"] == len(sample_class.exercise_ids())
    assert summary["rows"] == len(graded["expected"])


@pytest.mark.notebook
def test_zip_hand_ins(tmp_path, graded):
    """Zipped hand-ins are graded like folders; a zip with a member leaving its folder is one error row."""
    sub = tmp_path / "zips"
    sub.mkdir()
    src = graded["sub"] / "Nguyễn Thị Lan"
    with zipfile.ZipFile(sub / "Nguyễn Thị Lan.zip", "w") as zf:
        for f in src.rglob("*"):
            if f.is_file():
                zf.write(f, Path("Nguyễn Thị Lan") / f.relative_to(src))
    _zip(sub / "Mallory.zip", {"../../evil.ipynb": b"{}"})
    ex = ("ex07_kpi_bsc",)
    summary = grade_class(sub, tmp_path / "out", workers=1, timeout=TIMEOUT, progress=False, exercises=ex)
    rows = {(r["participant"], r["exercise"]): r for r in summary["results"]}
    assert rows[("Nguyễn Thị Lan", "ex07_kpi_bsc")]["status"] == "graded"
    assert rows[("Mallory", "ex07_kpi_bsc")]["status"] == "error"
    assert "outside" in rows[("Mallory", "ex07_kpi_bsc")]["reason"]
    assert not (tmp_path / "evil.ipynb").exists() and not (tmp_path.parent / "evil.ipynb").exists()
    shutil.rmtree(tmp_path / "out")


def _standin(tmp_path: Path, cells: list[str], answer: dict | None) -> Path:
    """A one-participant class whose ex01 notebook runs ``cells`` (stand-in for the real exercise)."""
    import nbformat

    folder = tmp_path / "sub" / "An"
    (folder / "answers").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell('exercise = "ex01_sales_okr"\nanswers_path = "x"\ngrading = False\n'
                                          'lang = "vi"', metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, folder / "ex01_sales_okr.ipynb")
    if answer is not None:
        (folder / "answers" / "ex01_sales_okr.json").write_text(json.dumps(
            {"format": "okrkit-answers/1", "exercise": "ex01_sales_okr", "answer": answer}), encoding="utf-8")
    return tmp_path / "sub"


@pytest.mark.notebook
def test_huge_output_is_cut_and_the_answer_still_read(tmp_path):
    """A notebook printing megabytes keeps its recorded answer; the outputs are cut and noted."""
    from okrkit.rubric import Check, Rubric

    rubric = Rubric("ex01_sales_okr", (Check("has-x", 1, lambda a: a.get("x") == 1, {"en": "x", "vi": "x"}),))
    record = ("from okrkit.ui import record\nrecord(exercise, {'x': 1})")
    sub = _standin(tmp_path, ["for _ in range(300): print('y' * 20000)", record], None)
    summary = grade_class(sub, tmp_path / "out", workers=1, timeout=TIMEOUT, progress=False,
                          rubrics={"ex01_sales_okr": rubric}, reports=False)
    row = summary["results"][0]
    assert (row["status"], row["score"]) == ("graded", 1.0)
    assert "cut" in row["note"]


@pytest.mark.notebook
def test_a_worker_crash_is_retried_once_then_recorded(tmp_path):
    """A worker that dies costs one retry, then the notebook is one error row; the run completes.

    Only an unconfined kernel can reach its worker (a confined one sees no process but its own:
    see test_grading_hostile.py), so the crash is made that way here.
    """
    from okrkit.rubric import Check, Rubric

    rubric = Rubric("ex01_sales_okr", (Check("any", 1, lambda a: True, {"en": "x", "vi": "x"}),))
    sub = _standin(tmp_path, ["import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"], {"x": 1})
    summary = grade_class(sub, tmp_path / "out", workers=1, timeout=TIMEOUT, progress=False,
                          rubrics={"ex01_sales_okr": rubric}, reports=False, confined=False)
    row = summary["results"][0]
    assert row["status"] == "error"
    assert "crashed" in row["reason"] and "retry" in row["reason"]
    assert summary["retried"] == 1


@pytest.mark.notebook
def test_a_confined_kernel_cannot_kill_its_worker(tmp_path):
    """The same notebook, confined: the kernel's parent is the sandbox's own init, the worker is out of reach."""
    from okrkit.rubric import Check, Rubric

    rubric = Rubric("ex01_sales_okr", (Check("any", 1, lambda a: True, {"en": "x", "vi": "x"}),))
    sub = _standin(tmp_path, ["import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                              "try:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass"], {"x": 1})
    summary = grade_class(sub, tmp_path / "out", workers=1, timeout=TIMEOUT, progress=False,
                          rubrics={"ex01_sales_okr": rubric}, reports=False)
    row = summary["results"][0]
    assert summary["retried"] == 0 and summary["worker_restarts"] == 0
    assert row["status"] in ("graded", "error"), row  # the kernel may have ended itself; the worker lives on
    assert "crashed" not in row["reason"]


def test_late_output_after_a_cells_reply_is_not_a_timeout(monkeypatch):
    """A form cell floods IOPub with widget messages; on a busy machine they (and the final "idle") come late
    or are dropped.  The grading client then waits with part of the notebook's time and goes on, instead of
    nbclient's 4 s wait that fails the notebook as timed out."""
    import time as _time

    import nbclient
    import nbformat
    from papermill import clientwrap
    from papermill.engines import NotebookExecutionManager

    from okrkit.grading import worker

    made = {}
    monkeypatch.setattr(clientwrap.PapermillNotebookClient, "execute", lambda self: made.setdefault("client", self))
    monkeypatch.setattr(nbclient.NotebookClient, "execute_cell", lambda self, cell, index, *a, **k: cell)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    engine = worker._register_engine()
    engine.execute_managed_notebook(NotebookExecutionManager(nb), "python3", execution_timeout=20)
    client = made["client"]
    assert client.raise_on_iopub_timeout is False
    client.okrkit_deadline = _time.monotonic() + 20
    client.execute_cell(nb.cells[0], 0)
    assert 9 <= client.iopub_timeout <= 10
    client.okrkit_deadline = _time.monotonic() + 1
    client.execute_cell(nb.cells[0], 0)
    assert client.iopub_timeout == 4


# ---------------------------------------------------------------- one language on the page (vi)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session")
def graded_vi(graded, tmp_path_factory):
    """The same class graded again with ``okrkit grade --lang vi`` (unchanged hand-ins are not run again)."""
    out = tmp_path_factory.mktemp("class_vi") / "grades"
    shutil.copytree(graded["out"], out)
    assert main(["grade", str(graded["sub"]), "--out", str(out), "--lang", "vi", "--workers", "2",
                 "--timeout", str(TIMEOUT), "--quiet"]) == 0
    return out


def _page_words(html_text: str) -> str:
    """The page's own words: markup, styles, what participants typed and what lint quotes of it left out."""
    text = re.sub(r"<style.*?</style>|<title>.*?</title>", " ", html_text, flags=re.DOTALL)
    text = re.sub(r"<span class='typed'>.*?</span>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    import html as _html

    text = _html.unescape(text)
    return re.sub(r"“[^”]*”", " ", text)


def _titled_ids() -> set[str]:
    """Ids of every check that has a title (a check without one can only show its id)."""
    from okrkit.rubrics import IDS

    return {c.id for ex in IDS for c in load_rubric(ex).checks if c.title}


@pytest.mark.notebook
def test_vietnamese_pages_show_titles_names_and_no_field_names(graded_vi):
    """Graded with --lang vi, feedback pages and the class report show no check id, no {'en': …} and no English field name."""
    from okrkit.glossary import field_name_pattern

    ids = _titled_ids()
    id_words = {i for i in ids if "-" in i or "_" in i}  # plain words (week, demo) are Vietnamese-page words too
    fields = field_name_pattern()
    pages = sorted((graded_vi / "feedback").glob("*.html")) + [graded_vi / "class_report.html"]
    assert len(pages) > 5
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert "{'en'" not in raw and '{"en"' not in raw and "<pre" not in raw, page.name
        assert "lang='vi'" in raw
        for shown in re.findall(r"<li class='(?:passed|failed)'>[✔✘] <b>(.*?)</b>", raw):
            assert shown not in ids, (page.name, shown)
        words = _page_words(raw)
        found = [i for i in id_words if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words)]
        assert not found, (page.name, found)
        assert not fields.findall(words), (page.name, sorted(set(fields.findall(words))))
        assert not re.search(r"\bthe (notebook|kernel|recorded)\b", words), page.name  # grader's notes translated


@pytest.mark.notebook
def test_vietnamese_checks_csv_names_checks_by_title(graded_vi):
    """checks.csv names each check by its title in the grading language and carries that language's feedback."""
    import csv

    with open(graded_vi / "checks.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    ids = _titled_ids()
    assert rows and "feedback" in rows[0]
    assert not [r["check"] for r in rows if r["check"] in ids]
    ex01 = {r["check"] for r in rows if r["exercise"] == "ex01_sales_okr"}
    assert {"Đã viết mục tiêu", "Mỗi mục tiêu có 3–5 kết quả then chốt"} <= ex01


@pytest.mark.notebook
def test_perfect_ex05_reads_as_passed_items(graded_vi):
    """The reference answer of ex05 reads, in Vietnamese, as a list of meaningful passed items."""
    from okrkit.grading.report import feedback_html

    answer = sample_class.references()["ex05_checkin"]
    scored = collect.score(load_rubric("ex05_checkin"), answer)
    row = {"participant": "Mẫu", "slug": "mau", "exercise": "ex05_checkin", "status": "graded", "reason": "",
           "note": "", "answer": answer, **scored}
    page = feedback_html("Mẫu", [row], lang="vi")
    items = re.findall(r"<li class='passed'>✔ <b>(.*?)</b>", page)
    assert len(items) == len(scored["checks"]) and "Có Kế hoạch cho từng kết quả then chốt" in items
    assert "plan-written" not in page and "M1.KR1" not in _page_words(page)


@pytest.mark.notebook
def test_vietnamese_pages_in_chromium(graded_vi, playwright_session):
    """A feedback page and the class report load in Chromium with no request leaving file:// (screenshots kept)."""
    import os

    chromium = "/usr/bin/chromium"
    if not os.access(chromium, os.X_OK):
        pytest.fail(f"this test needs Debian's Chromium at {chromium}: run `make browser`", pytrace=False)
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {"feedback_vi": graded_vi / "feedback" / f"{slug('Lý Gia Hân')}.html",
             "class_report_vi": graded_vi / "class_report.html"}
    with contextlib.nullcontext(playwright_session) as p:  # the one Playwright of this test process
        chrome = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"], headless=True)
        try:
            context = chrome.new_context(viewport={"width": 1100, "height": 900})
            requests = []
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            for name, path in pages.items():
                page.goto(path.as_uri())
                assert page.locator("h1").first.inner_text().strip()
                page.screenshot(path=str(ARTIFACTS / f"words_{name}.png"), full_page=True)
                # Vietnamese answers are set in the page's proportional font, never a monospace one.
                fonts = page.evaluate("[...document.querySelectorAll('td, p, li')].map(e => getComputedStyle(e).fontFamily)")
                assert fonts and not [f for f in fonts if "mono" in f.lower()], name
            context.close()
        finally:
            chrome.close()
    assert requests and all(u.startswith("file://") for u in requests), [u for u in requests if not u.startswith("file")]
