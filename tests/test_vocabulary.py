"""One term per concept in every text a user sees, and the lessons say where they depart from their sources.

The retired variants come from the glossary data (``okrkit/data/glossary_meanings.yaml``, read through
:func:`okrkit.glossary.variants`); a failure names the file, the retired variant and the course's term.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import okrkit
from okrkit import glossary, i18n

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))
DOCS = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
# The glossary itself names the retired words on purpose (to say what to write instead): the page is checked against
# the data (test_glossary_page_is_the_glossary_data), the lesson shows the data; both are still checked for 0.7 in vi.
NAMES_RETIRED_WORDS = {"docs/glossary.md", "notebooks/09_glossary.ipynb"}
BOTH = ("vi", "en")
# A decimal written the English way (0.7, 1.0, 0.85) — in Vietnamese it is 0,7; 2.600 (thousands) is left alone.
EN_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d{1,2}(?!\w|\.\d)")
CODE_SPAN = re.compile(r"`[^`]*`|\{[^{}]*\}|https?://\S+")


def _halves(markdown: str) -> list[tuple[str, tuple[str, ...]]]:
    """A bilingual lesson cell as (text, languages): Vietnamese above '*English*', English below."""
    if "*English*" in markdown:
        vi, en = markdown.split("*English*", 1)
        return [(vi, ("vi",)), (en, ("en",))]
    return [(markdown, BOTH)]


def _code_strings(source: str):
    """(text, languages) for each string a code cell writes: T(vi, en), {"vi": …, "en": …}, or any other literal."""
    source = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    seen: set[int] = set()

    def text(node) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value if isinstance(v, ast.Constant) else " ¤ " for v in node.values)  # ¤: a value, not a word
        return None

    for node in ast.walk(tree):
        pairs = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "T" and len(node.args) == 2:
            pairs = list(zip(node.args, ("vi", "en")))
        elif isinstance(node, ast.Dict):
            pairs = [(v, k.value) for k, v in zip(node.keys, node.values)
                     if isinstance(k, ast.Constant) and k.value in BOTH]
        for value, lang in pairs:
            if text(value) is not None:
                seen.add(id(value))
                seen.update(id(n) for n in ast.walk(value))
                yield text(value), (lang,)
    for node in ast.walk(tree):
        if id(node) not in seen and isinstance(node, (ast.Constant, ast.JoinedStr)) and text(node):
            seen.update(id(n) for n in ast.walk(node))
            yield text(node), BOTH


def _notebook_texts(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            yield from _halves(source)
        elif cell["cell_type"] == "code":
            yield from _code_strings(source)


def _bilingual(value, seen: set, depth: int = 0):
    """Every {"en": …, "vi": …} pair inside a module's constant (quiz questions, option labels, skill titles)."""
    if id(value) in seen or depth > 8:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        if isinstance(value.get("en"), str) and isinstance(value.get("vi"), str):
            yield value
        for v in value.values():
            yield from _bilingual(v, seen, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _bilingual(v, seen, depth + 1)


def _catalogue_texts():
    modules = []
    for m in pkgutil.walk_packages(okrkit.__path__, "okrkit."):
        if not m.name.endswith("__main__"):
            try:
                modules.append(importlib.import_module(m.name))
            except ImportError:  # an optional dependency (the hub) that is not installed
                continue
    for module in modules:  # texts a module keeps as bilingual constants, outside the i18n catalogue
        seen: set = set()
        for name, value in vars(module).items():
            if isinstance(value, (dict, list, tuple)) and not name.startswith("__"):
                for pair in _bilingual(value, seen):
                    for lang in BOTH:
                        yield f"{module.__name__.replace('.', '/')}.py ({name})", pair[lang], (lang,)
    for key in i18n.keys():
        for lang, value in i18n._CATALOGUE[key].items():
            if lang in BOTH:
                yield f"i18n {key}", str(value), (lang,)


def _rubric_texts():
    from okrkit.rubric import load_rubric
    from okrkit.rubrics import IDS

    for ex in IDS:
        for c in load_rubric(ex).checks:
            for part in (c.title, c.feedback, c.praise):
                for lang in BOTH:
                    if part and part.get(lang):
                        yield f"okrkit/rubrics/{ex}.py ({c.id})", part[lang], (lang,)


def user_texts():
    """(where, text, languages) for every user-facing text the kit ships."""
    for path in NOTEBOOKS:
        for text, langs in _notebook_texts(path):
            yield str(path.relative_to(ROOT)), text, langs
    for path in DOCS:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"), BOTH
    yield from _catalogue_texts()
    yield from _rubric_texts()


def misused(texts) -> list[str]:
    """One line per (place, retired variant): where, the variant, and the course's term to write instead."""
    found: dict[tuple[str, str], str] = {}
    for where, text, langs in texts:
        for lang in langs:
            table = glossary.variants(lang)
            for word in ([] if where in NAMES_RETIRED_WORDS else glossary.retired_in(text, lang)):
                found[(where, word)] = f"{where}: '{word}' ({lang}) → '{table[word]}'"
            if lang == "vi" and langs == ("vi",):
                for number in EN_DECIMAL.findall(CODE_SPAN.sub(" ", text)):
                    found[(where, number)] = f"{where}: '{number}' (vi) → '{number.replace('.', ',')}'"
    return sorted(found.values())


def test_the_scan_finds_a_retired_variant_and_an_english_decimal():
    """The scan names the place, the variant and the term, and catches 0.7 in Vietnamese (not 2.600, not in English)."""
    lines = misused([("x.ipynb", "Số lead đạt chuẩn; kỳ vọng 0.7; 2.600 lead; lead chất lượng (SQL); đạt 1.0.", ("vi",)),
                     ("y.md", "2,950 sales-qualified leads, about 0.7", ("en",))])
    assert "x.ipynb: 'lead đạt chuẩn' (vi) → 'lead chất lượng'" in lines
    assert "x.ipynb: '0.7' (vi) → '0,7'" in lines and "x.ipynb: '1.0' (vi) → '1,0'" in lines
    assert "y.md: 'sales-qualified lead' (en) → 'quality lead'" in lines
    assert not any("2.600" in ln or "y.md: '0.7'" in ln or "'SQL'" in ln for ln in lines), lines


def test_every_concept_has_its_terms_and_its_variants_are_not_terms():
    """Each concept has a vi and an en term; no retired variant is also some concept's term."""
    terms = {lang: {glossary.canonical(k, lang).lower() for k in glossary._entries()} for lang in BOTH}
    for lang in BOTH:
        for word, term in glossary.variants(lang).items():
            assert term and word.lower() not in terms[lang], (lang, word)


def test_no_user_facing_text_uses_a_retired_variant():
    """Lessons, exercises, solutions, the i18n catalogue, the kit's bilingual constants (quiz questions…), rubric feedback,
    README and docs use the course's terms."""
    bad = misused(user_texts())
    assert not bad, "retired words still in use:\n" + "\n".join(bad)


SAMPLE_FOLDERS = (ROOT / "okrkit" / "data", ROOT / "okrkit" / "data" / "fmcg")
SAMPLE_FILES = ("company.yaml", "cascade.yaml", "checkin_notes.yaml", "profile.yaml")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def sample_texts():
    """(where, text, languages) for the bundled sample companies' data: the texts a lesson shows (Vietnamese), and a
    sample folder's README (both languages)."""
    import yaml

    for folder in SAMPLE_FOLDERS:
        for name in SAMPLE_FILES:
            path = folder / name
            if path.exists():
                for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                    yield str(path.relative_to(ROOT)), text, ("vi",)
        readme = folder / "README.md"
        if readme.exists():
            yield str(readme.relative_to(ROOT)), readme.read_text(encoding="utf-8"), BOTH


def test_sample_companies_use_the_course_terms():
    """Both sample companies' OKRs, cascades, check-in notes and sales profiles write the course's terms."""
    texts = list(sample_texts())
    assert any("fmcg" in where for where, _text, _langs in texts)
    bad = [line for line in misused(texts) if not re.search(r"'\d", line)]  # KR texts keep their own decimals (4.2/5)
    assert not bad, "retired words still in use:\n" + "\n".join(bad)


# ---------------------------------------------------------------- where the kit departs from its sources

LABELS = {"vi": ("**Bài viết nói:**", "**Bộ công cụ dạy:**", "**Vì sao:**"),
          "en": ("**The article says:**", "**We teach:**", "**Why:**")}
MARKETING = '"Quản trị team Marketing với OKRs" (NH Phương)'
# (lesson, what the box is about: words both halves must carry)
BOXES = [
    ("03", ("Tham gia…", "Cập nhật…", "Tuyển dụng 02…", "ex02_marketing_okrs")),   # the article's KRs are tasks
    ("03", ("đo lường được ở thời hiện tại",)),                                    # numbers in KRs, not in the O
    ("08", ("re:Work", "Measure What Matters", "Doerr")),                          # 1.0 / 0.7 is Google's practice
]


@pytest.mark.parametrize(("number", "words"), BOXES, ids=["activities", "measurable-objective", "committed-1-aspirational-07"])
def test_lesson_says_where_it_departs_from_the_article(number, words):
    """The lesson has an 'article says / we teach / why' box, in Vietnamese and in English, citing the article by title."""
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "markdown"]
    boxes = [c for c in cells if "*English*" in c and all(w in c for w in words)]
    assert len(boxes) == 1, f"{path.name}: no single box about {words}"
    vi, en = boxes[0].split("*English*", 1)
    for lang, half in (("vi", vi), ("en", en)):
        assert all(label in half for label in LABELS[lang]), f"{path.name}: the {lang} box lacks {LABELS[lang]}"
        assert all(w in half for w in words) and MARKETING in half, f"{path.name}: the {lang} box does not name {words}"
        assert not re.search(r"seed|\.txt|\b00\d\b", half, re.IGNORECASE), "cite the article by title, not by file"
    if number == "08":
        assert "0,7" in vi and "0.7" not in vi and "0.7" in en


# ---------------------------------------------------------------- the glossary page

def test_glossary_page_is_the_glossary_data():
    """docs/glossary.md is exactly what `python -m okrkit.glossary` writes from the data: every term, both languages, every retired word."""
    import subprocess
    import sys

    page = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    written = subprocess.run([sys.executable, "-m", "okrkit.glossary"], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout
    assert page == written, "docs/glossary.md is out of date: run `python -m okrkit.glossary > docs/glossary.md`"
    vi, en = page.split("## English", 1)
    for lang, half in (("vi", vi), ("en", en)):
        for row in glossary.entries(lang):
            assert f"| **{row['term']}** | {row['other']} |" in half, (lang, row["term"])
            assert all(w in half for w in row["retired"]), (lang, row["retired"])
    assert "| **Lead chất lượng** | quality lead |" in vi and "lead đạt chuẩn" in vi and "sales-qualified lead" in en


@pytest.mark.notebook
@pytest.mark.parametrize(("lang", "row", "looked_up"), [
    ("vi", "<td style='text-align:left'>Lead chất lượng</td><td style='text-align:left'>quality lead</td>",
     "'vướng mắc' không dùng trong khóa học; hãy viết 'Vấn đề' (Problems)"),
    ("en", "<td style='text-align:left'>Quality lead</td><td style='text-align:left'>lead chất lượng</td>",
     "'vướng mắc' is not used in the course; write 'Problems' (Vấn đề)"),
])
def test_glossary_lesson_shows_the_glossary_in_its_language(lang, row, looked_up, tmp_path):
    """Lesson 9 run under papermill shows the whole glossary in the lesson's language and looks a participant's word up."""
    import papermill as pm

    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "09_glossary.ipynb"), str(out), parameters={"lang": lang, "word": "vướng mắc"},
                        kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    nb = json.loads(out.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    text = "".join("".join(o.get("text", "")) for o in outputs)
    assert row in html and html.count("<tr>") == len(glossary.entries(lang)) + 1
    assert looked_up in text
    other = "Kế hoạch" if lang == "en" else "Plan"
    assert f"<td style='text-align:left'>{other}</td>" in html  # the other language only as the second column
