"""The trainer guides (English and Vietnamese): their agendas add up, and they say the same things."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDES = {"en": ROOT / "docs" / "trainer_guide.md", "vi": ROOT / "docs" / "trainer_guide.vi.md"}
HEADER = {"en": "| time | min |", "vi": "| giờ | phút |"}
TOTAL = {"en": r"\*\*Total[^:]*: (\d+) min \((\d\d:\d\d)–(\d\d:\d\d)\)\.\*\*",
         "vi": r"\*\*Tổng[^:]*: (\d+) phút \((\d\d:\d\d)–(\d\d:\d\d)\)\.\*\*"}


def minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def agendas(lang: str) -> list[tuple[list[tuple[int, int, str]], tuple[int, int, int]]]:
    """Every agenda table of the guide: its rows (start, length, block) and its stated total (minutes, start, end)."""
    lines = GUIDES[lang].read_text(encoding="utf-8").splitlines()
    out = []
    i = 0
    while i < len(lines):
        if lines[i].startswith(HEADER[lang]):
            rows = []
            i += 2   # the header and its --- line
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip("|").split("|")]
                rows.append((minutes(cells[0]), int(cells[1]), cells[2]))
                i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            m = re.fullmatch(TOTAL[lang], lines[i].strip())
            assert m, f"{GUIDES[lang].name}: the table ending before line {i + 1} has no total line after it"
            out.append((rows, (int(m[1]), minutes(m[2]), minutes(m[3]))))
        i += 1
    return out


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_agenda_timings_add_up(lang):
    """In both guides, each agenda's rows follow one another, and their lengths add up to the stated total."""
    tables = agendas(lang)
    assert len(tables) == 3, "day 1 and day 2 of the two-day agenda, and the one-day agenda"
    for rows, (total, start, end) in tables:
        assert rows[0][0] == start
        clock = start
        for at, length, block in rows:
            assert at == clock, f"{block!r} starts at {at // 60:02d}:{at % 60:02d}, the row before ends at " \
                                f"{clock // 60:02d}:{clock % 60:02d}"
            clock += length
        assert sum(length for _, length, _ in rows) == total == end - start
        assert clock == end


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_one_day_agenda_teaches_every_lesson(lang):
    """The one-day agenda has lessons 0–8 (6 and 7 shortened), both quizzes and the survey."""
    one_day = " ".join(block for _, _, block in agendas(lang)[2][0])
    word = "Lesson" if lang == "en" else "Bài"
    for n in range(9):
        assert re.search(rf"\*\*{word} {n}\b", one_day), f"lesson {n} is not in the one-day agenda"
    for form in ("quiz_pre", "quiz_post", "survey"):
        assert form in one_day


def test_the_guides_match():
    """The Vietnamese guide has the English one's sections, tables and commands."""
    en, vi = (GUIDES[k].read_text(encoding="utf-8") for k in ("en", "vi"))
    assert len(re.findall(r"^## ", en, re.M)) == len(re.findall(r"^## ", vi, re.M))
    commands = lambda text: sorted(set(re.findall(r"okrkit [a-z-]+", text)))  # noqa: E731
    assert commands(en) == commands(vi)
    forms = lambda text: set(re.findall(r"\b(ex\d\d_[a-z_]+|quiz_pre|quiz_post|survey)\*\*|`(ex\d\d_[a-z_]+)`", text))  # noqa: E731
    assert forms(en) == forms(vi) and len(forms(en)) > 8


def test_vietnamese_guide_uses_the_courses_words():
    """The Vietnamese guide uses no retired synonym (one term per concept, as in the lessons and forms)."""
    from okrkit import glossary

    assert not glossary.retired_in(GUIDES["vi"].read_text(encoding="utf-8"))
