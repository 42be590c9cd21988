"""Rosters as trainers keep them: title rows, STT, extra columns, blank lines, duplicates, diacritics, Excel."""

from __future__ import annotations

import pytest

from okrkit.classroom.roster import Participant, participants, read_roster
from okrkit.errors import InputError


def write(tmp_path, text, name="lop.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_title_row_stt_and_extra_columns(tmp_path):
    """The name column is found under its header below a title row; STT and other columns are ignored."""
    p = write(tmp_path, "DANH SÁCH HỌC VIÊN\nKhoá OKR 12/2026\nSTT;Họ và tên;Email\n1;Phạm Thu Hà;ha@x.vn\n"
                        "2;Võ Quốc Bảo;bao@x.vn\n")
    assert read_roster(p) == [Participant("Phạm Thu Hà", "pham-thu-ha"), Participant("Võ Quốc Bảo", "vo-quoc-bao")]


def test_blank_lines_spaces_and_unicode_forms(tmp_path):
    """Blank rows are skipped; extra spaces go; a name typed in decomposed Unicode equals the composed one."""
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Lê Hoàng Yến")
    p = write(tmp_path, f"Họ tên\n\n  Đặng   Minh Châu \n,\n{decomposed}\n\n")
    people = read_roster(p)
    assert people == [Participant("Đặng Minh Châu", "dang-minh-chau"), Participant("Lê Hoàng Yến", "le-hoang-yen")]
    assert people[1].name == unicodedata.normalize("NFC", "Lê Hoàng Yến")


def test_duplicates_are_numbered_in_roster_order(tmp_path):
    """The same name twice (or three times) gives distinct names on the login page and distinct accounts."""
    p = write(tmp_path, "Name\nNguyễn Văn An\nTrần Bình\nNguyễn Văn An\nNguyen Van An\nNguyễn Văn An\n")
    assert [(x.name, x.user) for x in read_roster(p)] == [
        ("Nguyễn Văn An", "nguyen-van-an"), ("Trần Bình", "tran-binh"), ("Nguyễn Văn An (2)", "nguyen-van-an-2"),
        ("Nguyen Van An", "nguyen-van-an-3"), ("Nguyễn Văn An (3)", "nguyen-van-an-4")]


def test_plain_list_without_header(tmp_path):
    """A plain list of names (with or without numbers) needs no header."""
    p = write(tmp_path, "1,Hồ Thị Mai\n2,Đỗ Văn Nam\n")
    assert [x.user for x in read_roster(p)] == ["ho-thi-mai", "do-van-nam"]


def test_excel_roster_with_title_and_hidden_first_sheet(tmp_path):
    """An .xlsx roster: hidden sheets are skipped, the title row and STT column too."""
    import openpyxl
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "cu"
    hidden.append(["Họ và tên"])
    hidden.append(["Người Cũ"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("Lớp")
    ws.append(["Danh sách lớp tháng 12"])
    ws.append([])
    ws.append(["STT", "Họ và tên học viên", "Phòng ban"])
    ws.append([1, "Bùi Thị Thu", "Kinh doanh"])
    ws.append([None, None, None])
    ws.append([2, "Ngô Quang Huy", "Marketing"])
    p = tmp_path / "lop.xlsx"
    wb.save(p)
    assert [x.name for x in read_roster(p)] == ["Bùi Thị Thu", "Ngô Quang Huy"]


def test_trainer_name_is_reserved_and_known_accounts_are_kept():
    """A participant literally called "Trainer" does not get the trainer's account; earlier accounts stay."""
    people = participants(["Trainer", "Lan"])
    assert [p.user for p in people] == ["trainer-2", "lan"]
    again = participants(["Mai", "Lan", "Trainer"], known=people)
    assert {p.name: p.user for p in again} == {"Mai": "mai", "Lan": "lan", "Trainer": "trainer-2"}


@pytest.mark.parametrize("text,lang,message", [
    ("STT,Phòng ban\n1,KD\n2,MKT\n", "vi", "không tìm thấy cột họ tên"),
    ("Họ và tên\n\n\n", "vi", "danh sách lớp chưa có tên nào"),
    ("Họ và tên\n!!!\n", "en", "cannot be used as a participant's name"),
    ("Name,Other\nAn,Bình\n", "en", None),
], ids=["no-name-column", "no-names", "no-letters", "fine"])
def test_roster_mistakes_are_one_line_in_the_class_language(tmp_path, text, lang, message):
    """A roster that cannot be used is one line in the class's language, saying what to do."""
    p = write(tmp_path, text)
    if message is None:
        assert [x.name for x in read_roster(p, lang=lang)] == ["An"]
        return
    with pytest.raises(InputError) as info:
        read_roster(p, lang=lang)
    line = info.value.line()
    assert message in line and "\n" not in line and str(p) in line and " — " in line


def test_missing_and_wrong_kind_of_file(tmp_path):
    """A missing roster or a Word file is named as such, in Vietnamese."""
    with pytest.raises(InputError, match="không thấy tệp danh sách lớp"):
        read_roster(tmp_path / "khong-co.csv", lang="vi")
    doc = tmp_path / "lop.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(InputError, match=r"phải là tệp \.csv hoặc \.xlsx"):
        read_roster(doc, lang="vi")
