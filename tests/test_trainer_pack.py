"""The trainer pack as a trainer builds it: one command, both languages, the sample class graded, nothing online."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from okrkit import glossary
from okrkit.trainer_pack import brand as brand_mod
from okrkit.trainer_pack import certificates, notes, slides

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.xdist_group(name="trainer_pack")  # one sample-class grading, one pack per language
ORG = "Trung tâm Đào tạo Hưng Thịnh"
VIETNAMESE_NAMES = ("Nguyễn Thị Lan", "Hoàng Mai Anh", "Ngô Bảo Châu", "Trần Văn Minh", "Võ Quốc Bảo")


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """The bundled sample class with its quizzes and surveys, graded as `okrkit grade` grades a class."""
    from okrkit.grading import demo

    out = tmp_path_factory.mktemp("sample")
    demo(out, progress=False, evaluation=True)
    return out / "grades"


@pytest.fixture(scope="session", params=["vi", "en"])
def pack(request, graded, tmp_path_factory):
    """`okrkit trainer-pack` in one language, rebranded (name, logo, colour) and with a pass mark of 60."""
    import subprocess
    import sys

    lang = request.param
    out = tmp_path_factory.mktemp(f"pack-{lang}")
    logo = out.parent / f"logo-{lang}.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" rx="6" '
                    'fill="#8e2a2a"/><text x="60" y="27" font-size="20" fill="#fff" text-anchor="middle" '
                    'font-family="DejaVu Sans">HT</text></svg>', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "okrkit.cli", "trainer-pack", "--out", str(out), "--lang", lang,
                             "--org", ORG, "--logo", str(logo), "--color", "#8e2a2a", "--pass-mark", "60",
                             "--grades", str(graded)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return lang, out, result.stdout


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        text = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    return re.sub(r"\s+", " ", text)   # a table header wraps inside its cell


def _png(pdf: Path, name: str) -> Path:
    """The PDF's first page rendered to PNG in tests/artifacts (looked at by eye when the pack changes)."""
    import pypdfium2 as pdfium

    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc[0].render(scale=1.4).to_pil().save(target)
    finally:
        doc.close()
    return target


def test_pack_has_every_part(pack):
    """Five handouts (HTML + PDF), ten slide decks and notes (lessons 0–8 and the glossary appendix), certificates only for those at the pass mark."""
    lang, out, stdout = pack
    for stem in ("okr_canvas", "ppp_form", "cascade_worksheet", "kpi_bsc_cheatsheet", "glossary"):
        assert (out / "handouts" / f"{stem}.html").is_file() and (out / "handouts" / f"{stem}.pdf").stat().st_size > 5000
    lessons = slides.lesson_paths()
    assert len(lessons) == 10
    for path in lessons:
        assert (out / "slides" / f"{path.stem}.html").is_file()
        assert (out / "notes" / f"{path.stem}.html").is_file() and (out / "notes" / f"{path.stem}.pdf").is_file()
    assert (out / "index.html").is_file() and (out / "certificates" / "index.html").is_file()
    assert (out / "evaluation.html").is_file() and (out / "evaluation.pdf").stat().st_size > 5000
    assert (out / "guide.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="evaluation.html"' in index and 'href="guide.html"' in index
    assert ("chưa đạt điểm" if lang == "vi" else "below the pass mark") in stdout


def test_certificates_follow_the_pass_mark(pack, graded):
    """Everyone at or above 60% has a certificate with their name; everyone below has none and is listed."""
    lang, out, _ = pack
    results = certificates.read_gradebook(graded)
    passed, below = certificates.split(results, 60)
    assert passed and below
    pdfs = sorted((out / "certificates").glob("*.pdf"))
    assert len(pdfs) == len(passed)
    listing = (out / "certificates" / "index.html").read_text(encoding="utf-8")
    for r in below:
        assert not (out / "certificates" / f"{certificates.file_name(r.name)}.pdf").exists()
        assert r.name.replace("&", "&amp;") in listing or r.name in listing
    for r in passed:
        text = _pdf_text(out / "certificates" / f"{certificates.file_name(r.name)}.pdf")
        assert r.name in text, (r.name, text[:300])   # Vietnamese names come out of the PDF letter for letter
        assert ORG.upper() in text or ORG in text
    title = "CHỨNG NHẬN HOÀN THÀNH" if lang == "vi" else "CERTIFICATE OF COMPLETION"
    assert title in _pdf_text(pdfs[0])
    lan = out / "certificates" / f"{certificates.file_name('Nguyễn Thị Lan')}.pdf"
    assert lan.exists()
    _png(lan, f"trainer-pack-certificate-{lang}.png")


def test_handout_pdfs_read_back_in_the_language(pack):
    """Each handout is one A4 page whose text (diacritics included) reads back from the PDF in the pack's language."""
    import pypdfium2 as pdfium

    lang, out, _ = pack
    expect = {
        "okr_canvas": ("Khung OKR một trang", "Kết quả then chốt", "Mức xuất phát") if lang == "vi"
        else ("One-page OKR canvas", "Key result", "Baseline"),
        "ppp_form": ("Kế hoạch", "Tiến độ", "Vấn đề") if lang == "vi" else ("Plan", "Progress", "Problems"),
        "cascade_worksheet": ("Nhân viên kinh doanh", "444.445", "Ma trận trọng số") if lang == "vi"
        else ("Sales reps", "444,445", "Weight matrix"),
        "kpi_bsc_cheatsheet": ("Học hỏi và phát triển", "Quy trình nội bộ") if lang == "vi"
        else ("Learning and growth", "Internal process"),
        "glossary": (glossary.term("baseline", lang).capitalize(), glossary.term("aspirational", lang).capitalize()),
    }
    for stem, words in expect.items():
        pdf = out / "handouts" / f"{stem}.pdf"
        doc = pdfium.PdfDocument(str(pdf))
        (width, height), pages = doc[0].get_size(), len(doc)
        doc.close()
        assert (round(width), round(height)) == (595, 842), f"{stem} is not A4 portrait"
        if stem != "glossary":
            assert pages == 1, f"{stem} runs to {pages} pages"
        text = _pdf_text(pdf)
        for word in words:
            assert word in text, (stem, word)
        assert ORG in text or ORG.upper() in text
    _png(out / "handouts" / "okr_canvas.pdf", f"trainer-pack-okr-canvas-{lang}.png")
    _png(out / "handouts" / "ppp_form.pdf", f"trainer-pack-ppp-{lang}.png")


def test_no_page_names_a_network_resource(pack):
    """No generated page has an http(s) or protocol-relative src/href/url(), nor an @import."""
    _, out, _ = pack
    pattern = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)
    for page in _html_files(out):
        text = page.read_text(encoding="utf-8")
        assert not pattern.search(text), f"{page} names a network resource"


def test_pages_load_nothing_from_the_network(pack, playwright_session):
    """Every page, opened in Chromium, asks only for itself and data: URIs; slides answer the keyboard."""
    lang, out, _ = pack
    assert Path(CHROMIUM).exists(), "the trainer-pack tests need Chromium at /usr/bin/chromium (make browser)"
    asked: list[str] = []
    # one Playwright per test process (conftest's playwright_session): a second sync instance cannot start
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})

        def route(r):
            url = r.request.url
            if url.startswith("data:") or url.startswith("file://"):
                if url.startswith("file://") and not url.split("#")[0].endswith(".html"):
                    asked.append(url)
                return r.continue_()
            asked.append(url)
            return r.abort()

        page.route("**/*", route)
        for html in _html_files(out):
            page.goto(html.resolve().as_uri(), wait_until="load")
        assert not asked, asked[:5]
        deck = out / "slides" / "04_shared_goal_cascade.html"
        page.goto(deck.resolve().as_uri(), wait_until="load")
        for _ in range(2):
            page.keyboard.press("ArrowRight")
        assert page.evaluate("location.hash") == "#3"
        overflow = page.evaluate("(() => { const b = document.querySelector('.slide.on .body');"
                                 " return b.scrollHeight - b.clientHeight; })()")
        assert overflow <= 2, "a slide's text runs off the slide"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"trainer-pack-slide-{lang}.png"))
        title = "Bài 4" if lang == "vi" else "Lesson 4"
        page.goto(deck.resolve().as_uri() + "#1", wait_until="load")
        assert title in page.inner_text(".slide.on")
        # lesson 5's payout curve on its own slide: drawn, filling the slide, axis numbers the language's way
        deck5 = out / "slides" / "05_weights_and_scores.html"
        page.goto(deck5.resolve().as_uri(), wait_until="load")
        n = page.evaluate("""(() => { const s = [...document.querySelectorAll('.slide')];
            return s.findIndex(x => /Đường thưởng|Bonus curve/.test(x.textContent) && x.querySelector('.chart svg')) + 1; })()""")
        assert n > 0, "lesson 5's bonus curve has no slide"
        page.goto(deck5.resolve().as_uri() + f"#{n}", wait_until="load")
        box = page.locator(".slide.on .chart svg").bounding_box()
        assert box["width"] > 700, "the chart fills the slide"
        text = page.inner_text(".slide.on")
        assert ("0,5" in text) if lang == "vi" else ("0.5" in text), text[:300]
        page.screenshot(path=str(ARTIFACTS / f"trainer-pack-chart-slide-{lang}.png"))
    finally:
        browser.close()


def test_slides_follow_the_lessons_in_the_language(pack):
    """Each deck is made from its lesson notebook: its title and its recap, in the pack's language only."""
    lang, out, _ = pack
    for path in slides.lesson_paths():
        lesson = slides.read_lesson(path, lang)
        deck = (out / "slides" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert len(lesson.slides) >= 4
        assert ORG in deck
        assert "<hr>" not in "".join(lesson.slides)
        if slides.draws_charts(path):   # the lesson's charts, drawn when the pack ran it, in the pack's language
            assert deck.count('<div class="chart"><svg') >= 1, f"{path.stem}: no chart on its slides"
        if lang == "en":
            assert "Sau bài này" not in deck and "Tóm tắt" not in deck
        else:
            assert "After this lesson" not in deck


def test_notes_answer_lesson_four_from_the_kits_numbers(pack):
    """Lesson 4's '25 million' question is answered with the cascade's own funnel (20 reps, not 24)."""
    import dataclasses

    import okrkit as ok

    lang, out, _ = pack
    plan = ok.sample_cascade()
    reps = dataclasses.replace(plan, amounts={**plan.amounts, "deal_size": 25_000_000}).funnel()["sales_reps"].value
    page = (out / "notes" / "04_shared_goal_cascade.html").read_text(encoding="utf-8")
    assert "25" in page and f"{reps:.0f} {'người' if lang == 'vi' else 'reps'}" in page
    text = _pdf_text(out / "notes" / "04_shared_goal_cascade.pdf")
    assert ("Câu hỏi cho lớp" if lang == "vi" else "Questions to ask") in text
    for number in notes.raw_notes():
        assert (out / "notes").glob(f"{number}_*.html")
    assert "{" not in re.sub(r"<style>.*?</style>", "", page, flags=re.S)  # every {figure} filled in


def test_vietnamese_pages_use_the_courses_words(pack):
    """No Vietnamese page uses a retired synonym (the glossary's one-term-per-concept rule)."""
    lang, out, _ = pack
    if lang != "vi":
        pytest.skip("the retired words are Vietnamese")
    for page in (list((out / "handouts").glob("*.html")) + list((out / "notes").glob("*.html"))
                 + [out / "evaluation.html", out / "guide.html"]):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        assert not glossary.retired_in(text), (page.name, glossary.retired_in(text))


def test_brand_values_are_checked():
    """A wrong colour, a missing logo or an SVG logo that loads from the network stop with one clear error."""
    from okrkit.errors import InputError

    with pytest.raises(InputError, match="colour"):
        brand_mod.make_brand(color="blue")
    with pytest.raises(InputError, match="logo"):
        brand_mod.make_brand(logo="/no/such/logo.png")
    assert brand_mod.make_brand(color="#ABC").color == "#aabbcc"


def test_svg_logo_from_the_network_is_refused(tmp_path):
    """An SVG logo that links an image online would break the offline promise: it is refused."""
    from okrkit.errors import InputError

    bad = tmp_path / "logo.svg"
    bad.write_text('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/a.png"/></svg>')
    with pytest.raises(InputError, match="network"):
        brand_mod.make_brand(logo=bad)


def test_cli_refuses_a_missing_gradebook(run_cli, tmp_path):
    """`--grades` pointing at a folder without gradebook.csv is one line and exit status 2."""
    result = run_cli("trainer-pack", "--out", tmp_path / "pack", "--grades", tmp_path, "--no-pdf")
    assert result.returncode == 2
    assert "gradebook" in result.stderr and "Traceback" not in result.stderr


def _cells(page: str, table: str) -> dict[str, list[str]]:
    """The rows of the table with this id: first cell → the other cells' text."""
    body = re.search(rf'<table[^>]*id="{table}".*?</table>', page, flags=re.S).group(0)
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_evaluation_page_shows_gain_with_unknown_never_zero(pack, graded):
    """Each participant's pre, post and gain, the class's gain over those who took both; a quiz not taken is unknown."""
    from okrkit import evaluation, i18n

    lang, out, _ = pack
    page = (out / "evaluation.html").read_text(encoding="utf-8")
    people = _cells(page, "person-gain")
    unknown = "chưa biết" if lang == "vi" else "unknown"
    # Emily Carter took only the post-course quiz (90%): her pre and gain are unknown, not 0 and not +90
    emily = people["Emily Carter"]
    assert emily[0].startswith(unknown) and emily[1] == i18n.percent(0.9, lang)
    assert emily[2] == unknown and emily[3] == unknown
    lan = people["Nguyễn Thị Lan"]
    assert lan == [i18n.percent(0.6, lang), i18n.percent(1.0, lang), "+40 " + ("điểm %" if lang == "vi" else "pts"),
                   i18n.number(1, lang, decimals=2)]
    whole = evaluation.class_gain(evaluation.people(graded))
    assert whole.pairs == 3 and whole.only_post == 1 and whole.only_pre == 1
    row = next(iter(_cells(page, "class-gain").values()))
    assert row == [i18n.percent(whole.mean_pre / 100, lang), i18n.percent(whole.mean_post / 100, lang),
                   f"+{i18n.number(whole.mean_gain, lang, max_decimals=1)} " + ("điểm %" if lang == "vi" else "pts"),
                   i18n.number(whole.normalised_gain, lang, decimals=2)]
    assert "Bùi Thanh Tâm" in re.search(r'id="took-neither">(.*?)</p>', page, flags=re.S).group(1)
    assert "Bùi Thanh Tâm" not in people   # took neither quiz: named once, not a row of unknowns


def test_evaluation_page_summarises_the_survey_without_names(pack):
    """The survey's ratings (count and mean per statement) and its open answers, escaped, with no name beside them."""
    from okrkit import i18n
    from okrkit.rubrics.survey import LIKERT

    lang, out, _ = pack
    page = (out / "evaluation.html").read_text(encoding="utf-8")
    survey = _cells(page, "survey")
    useful = survey[LIKERT[0][1][lang]]
    assert useful[0] == "3" and useful[1] == i18n.number(14 / 3, lang, decimals=1)
    section = page[page.index('id="survey"'):]
    assert "Tính ngược phễu từ mục tiêu doanh thu" in section
    assert "=cmd|&#39; /C calc&#39;!A0" in section   # the formula-like answer shown as text, unquoted
    for name in ("Nguyễn Thị Lan", "Trần Văn Minh", "Ngô Bảo Châu"):
        assert name not in section


def test_pack_carries_the_trainer_guide_in_its_language(pack):
    """guide.html is the trainer guide in the pack's language, with the one-day agenda's short lessons 6 and 7."""
    lang, out, _ = pack
    page = (out / "guide.html").read_text(encoding="utf-8")
    if lang == "vi":
        assert "Hướng dẫn cho giảng viên" in page and "Bài 6, rút gọn" in page and "Lesson 6, short" not in page
    else:
        assert "Trainer guide" in page and "Lesson 6, short" in page and "Bài 6, rút gọn" not in page
    assert "<table>" in page and "quiz_pre" in page


@pytest.fixture(scope="session", params=["vi", "en"])
def fmcg_pack(request, tmp_path_factory):
    """`okrkit trainer-pack --sample fmcg`: the whole pack on the distributor, its sample class graded on its data."""
    import subprocess
    import sys

    lang = request.param
    out = tmp_path_factory.mktemp(f"pack-fmcg-{lang}")
    result = subprocess.run([sys.executable, "-m", "okrkit.cli", "trainer-pack", "--out", str(out), "--lang", lang,
                             "--sample", "fmcg", "--no-charts"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return lang, out, result.stdout


def test_pack_on_the_distributor_speaks_of_the_distributor(fmcg_pack):
    """Every page of the Phúc An pack is about Phúc An: its name, its funnel's numbers, no Sao Mai anywhere."""
    import dataclasses

    import okrkit as ok

    lang, out, _ = fmcg_pack
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ("Phúc An" if lang == "vi" else "Phuc An") in index
    # the pages the kit writes from the company's data (slides and notes carry the lessons' own words)
    for page in [out / "index.html", *(out / "handouts").glob("*.html"), *(out / "certificates").rglob("*.html"),
                 out / "evaluation.html", out / "guide.html"]:
        text = re.sub(r"<(style|script)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert "Sao Mai" not in text, page.relative_to(out)
    plan = ok.sample_cascade("fmcg")
    reps = dataclasses.replace(plan, amounts={**plan.amounts, "deal_size": 25_000_000}).funnel()["sales_reps"].value
    notes4 = (out / "notes" / "04_shared_goal_cascade.html").read_text(encoding="utf-8")
    assert f"{reps:.0f} {'người' if lang == 'vi' else 'reps'}" in notes4
    assert (out / "certificates" / "index.html").is_file() and list((out / "handouts").glob("*.pdf"))
