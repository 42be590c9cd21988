"""The trainer's picture of the class, from answer files as the forms write them; collect, grade, hand back on disk."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from okrkit.answers import AnswerFile
from okrkit.classroom import handin
from okrkit.classroom.layout import ClassLayout
from okrkit.classroom.progress import ClassProgress, mark_checked, shown_names, write_class
from okrkit.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[2]
EX = "ex01_sales_okr"

GOOD = {"objectives": [{
    "id": "O1", "text": "Biến Sao Mai thành cái tên đầu tiên chủ cửa hàng nhỏ nghĩ tới khi muốn bán hàng online",
    "owner": "Kinh doanh", "type": "committed", "parent": "C1",
    "key_results": [
        {"id": "O1.KR1", "text": "Doanh thu từ khách hàng mới tăng từ 6 tỷ lên 8,4 tỷ đồng", "kind": "increase",
         "baseline": 6e9, "target": 8.4e9, "unit": "VND", "weight": 0.5},
        {"id": "O1.KR2", "text": "Số khách hàng ký hợp đồng từ 30 triệu đồng trở lên tăng từ 70 lên 120",
         "kind": "increase", "baseline": 70, "target": 120, "unit": "khách hàng", "weight": 0.3},
        {"id": "O1.KR3", "text": "Tỷ lệ chốt từ cơ hội bán hàng tăng từ 19% lên 25%", "kind": "increase",
         "baseline": 19, "target": 25, "unit": "%", "weight": 0.2}]}]}
WEAK = {"objectives": [{"id": "O1", "text": "Tăng doanh thu 20%",
                        "key_results": [{"id": "O1.KR1", "text": "Gọi điện cho 100 khách hàng"}]}]}
PEOPLE = [("Nguyễn Thị Lan", "nguyen-thi-lan"), ("Trần Văn Đức", "tran-van-duc"), ("Nguyễn Thị Lan", "nguyen-thi-lan-2")]


@pytest.fixture
def klass(tmp_path) -> ClassLayout:
    layout = ClassLayout(tmp_path / "class")
    write_class(layout, PEOPLE, lang="vi", title="Lớp OKR tháng 12")
    for _name, user in PEOPLE:
        home = layout.home(user)
        home.mkdir(parents=True)
        for nb in sorted((ROOT / "exercises").glob("ex0*.ipynb")):
            shutil.copyfile(nb, home / nb.name)
    return layout


def save(layout, user, answer, exercise=EX):
    """Save as the exercise form does (okrkit.answers.AnswerFile, history kept)."""
    return AnswerFile(layout.home(user) / "answers" / f"{exercise}.json", exercise=exercise).save(answer)


def test_grid_scores_answer_files_with_the_rubric_and_follows_changes(klass):
    """Grid: not started → in progress with the rubric's score → checked after the Check button; changes picked up."""
    progress = ClassProgress(klass)
    progress.refresh()
    assert progress.cell("nguyen-thi-lan", EX).status == "not-started"
    save(klass, "nguyen-thi-lan", WEAK)
    save(klass, "tran-van-duc", GOOD)
    assert progress.refresh()
    weak, good = progress.cell("nguyen-thi-lan", EX), progress.cell("tran-van-duc", EX)
    rubric = load_rubric(EX)
    assert (weak.status, weak.score) == ("in-progress", rubric.grade(WEAK).score)
    assert (good.score, good.max_score) == (rubric.max_score, rubric.max_score)
    assert not progress.refresh()  # nothing changed: nothing re-read

    mark_checked(klass.home("tran-van-duc") / "answers" / f"{EX}.json", EX)
    progress.refresh()
    assert progress.cell("tran-van-duc", EX).status == "checked"
    save(klass, "tran-van-duc", WEAK)  # a change after the check: in progress again, score follows
    progress.refresh()
    assert progress.cell("tran-van-duc", EX).status == "in-progress"
    assert progress.cell("tran-van-duc", EX).score == rubric.grade(WEAK).score

    grid = progress.grid("vi")
    names = [p["name"] for p in grid["participants"]]
    assert names == ["Nguyễn Thị Lan", "Trần Văn Đức", "Nguyễn Thị Lan (2)"]
    cell = grid["participants"][0]["cells"][EX]
    assert cell["status_text"] == "đang làm" and cell["label"] == f"{weak.score:g}/{weak.max_score:g}"
    assert grid["exercises"][0]["short"] == "Bài 1"
    assert all(not f.startswith(("has-", "three-")) for f in cell["failed"])   # titles, never check ids
    assert progress.grid("en")["participants"][0]["cells"][EX]["status_text"] == "in progress"


def test_a_damaged_answer_file_is_flagged_and_left_alone(klass):
    """Half-written JSON shows as unreadable in the grid; the file is neither moved nor changed."""
    path = klass.home("nguyen-thi-lan") / "answers" / f"{EX}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "okrkit-answers/1", "exer', encoding="utf-8")
    progress = ClassProgress(klass)
    progress.refresh()
    cell = progress.grid("vi")["participants"][0]["cells"][EX]
    assert cell["problem"] == "tệp bài làm không đọc được" and cell["score"] is None
    assert path.read_text(encoding="utf-8") == '{"format": "okrkit-answers/1", "exer'
    assert sorted(p.name for p in path.parent.iterdir()) == [f"{EX}.json"]


def test_findings_count_failed_checks_by_title_and_lint_rules(klass):
    """Most common findings: failed checks with titles and how many participants; OKR-writing rules in words."""
    save(klass, "nguyen-thi-lan", WEAK)
    save(klass, "tran-van-duc", WEAK)
    save(klass, "nguyen-thi-lan-2", GOOD)
    progress = ClassProgress(klass)
    progress.refresh()
    found = progress.findings("vi")
    top = found["checks"][0]
    assert (top["participants"], top["of"]) == (2, 3)
    ids = {c.id for c in load_rubric(EX).checks}
    assert not any(c["check"] in ids for c in found["checks"])
    lint_titles = [f["title"] for f in found["lint"]]
    assert "Kết quả then chốt là việc cần làm, chưa phải kết quả" in lint_titles
    assert all(f["participants"] <= 2 for f in found["lint"])


def test_debrief_puts_objectives_side_by_side_and_hides_names(klass):
    """Debrief: every written objective with its key results; names replaced by numbers on request."""
    save(klass, "nguyen-thi-lan", WEAK)
    save(klass, "tran-van-duc", GOOD)
    progress = ClassProgress(klass)
    progress.refresh()
    shown = progress.debrief("vi")
    assert [c["name"] for c in shown["cards"]] == ["Nguyễn Thị Lan", "Trần Văn Đức"]
    assert shown["cards"][1]["objectives"][0]["key_results"][0].startswith("Doanh thu từ khách hàng mới")
    hidden = progress.debrief("vi", hide_names=True)
    assert [c["name"] for c in hidden["cards"]] == ["Học viên 1", "Học viên 2"]
    assert "Nguyễn" not in json.dumps(hidden, ensure_ascii=False)


def test_shown_names_number_repeated_names():
    """Two people with one name are told apart on the trainer's screens."""
    from okrkit.classroom.progress import ClassInfo, Member

    info = ClassInfo((Member("a", "Lan"), Member("b", "Đức"), Member("c", "Lan")))
    assert shown_names(info) == {"a": "Lan", "b": "Đức", "c": "Lan (2)"}


def test_collect_makes_numbered_snapshots_in_the_submissions_layout(klass):
    """Collect: display-name folders with notebooks and answers (no history, nothing hidden); each collection new."""
    save(klass, "nguyen-thi-lan", WEAK)
    save(klass, "nguyen-thi-lan", GOOD)   # leaves a version in answers/.history
    mark_checked(klass.home("nguyen-thi-lan") / "answers" / f"{EX}.json", EX)
    before = {p: p.read_bytes() for p in klass.home("nguyen-thi-lan").rglob("*") if p.is_file()}
    first = handin.collect(klass)
    assert first.name.startswith("001-")
    snap = first.folder
    assert sorted(p.name for p in snap.iterdir() if not p.name.startswith(".")) == \
        ["Nguyễn Thị Lan", "Nguyễn Thị Lan (nguyen-thi-lan-2)", "Trần Văn Đức"]
    lan = snap / "Nguyễn Thị Lan"
    assert (lan / "answers" / f"{EX}.json").read_bytes() == (klass.home("nguyen-thi-lan") / "answers" /
                                                              f"{EX}.json").read_bytes()
    assert (lan / f"{EX}.ipynb").is_file()
    assert not any(part.startswith(".") for p in lan.rglob("*") for part in p.relative_to(lan).parts)
    assert {p: p.read_bytes() for p in klass.home("nguyen-thi-lan").rglob("*") if p.is_file()} == before

    save(klass, "tran-van-duc", GOOD)   # late work goes into the next collection
    second = handin.collect(klass)
    assert second.name.startswith("002-")
    assert not (snap / "Trần Văn Đức" / "answers" / f"{EX}.json").exists()
    assert (second.folder / "Trần Văn Đức" / "answers" / f"{EX}.json").exists()
    assert handin.snapshots(klass.collected) == [first.name, second.name]


def test_grade_and_handback_refuse_clearly_when_there_is_nothing_yet(klass):
    """Grading before collecting, or handing back before grading, is one line saying what to do first."""
    from okrkit.errors import InputError

    with pytest.raises(InputError, match="hãy thu bài trước"):
        handin.grade(klass, lang="vi")
    handin.collect(klass)
    with pytest.raises(InputError, match="grade first"):
        handin.handback(klass, lang="en")


@pytest.mark.skipif(os.geteuid() != 0, reason="confining the grader needs root (as the class hub runs)")
def test_confined_grader_cannot_see_the_class_or_the_network(tmp_path):
    """The grading account: not root, no network, the class folder empty, the kit's Python usable."""
    import subprocess
    import sys
    import tempfile

    handin.ensure_system_user(handin.GRADER_USER)
    klass = ClassLayout(Path(tempfile.mkdtemp(prefix="okrkit-test-class-")))  # others may enter /tmp/…
    os.chmod(klass.root, 0o755)
    (klass.root / "class.json").write_text("{}", encoding="utf-8")
    probe = (f"import os, socket, okrkit; print(os.getuid(), sorted(os.listdir({str(klass.root)!r})));\n"
             "try:\n socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
             "except OSError as e: print('net', e.errno)")
    cmd = handin.confined([sys.executable, "-c", probe], user=handin.GRADER_USER, hide=(klass.root,),
                          stage=tmp_path / "stage")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=60,
                         env={"PATH": os.environ["PATH"], "PYTHONPATH": os.environ.get("PYTHONPATH", "")}).stdout
    shutil.rmtree(klass.root)
    first, net = out.splitlines()
    uid, listing = first.split(" ", 1)
    assert uid != "0" and listing == "[]"
    assert net == "net 101"  # network unreachable
