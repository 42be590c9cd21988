"""The real ex01 exercise in JupyterLab: 'Kiểm tra bài làm' lists every check by its title, in Vietnamese."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from okrkit.rubric import load_rubric

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parents[2]


def test_check_result_shows_titles_and_the_aligns_to_list_offers_only_company_objectives(lab, page):
    """Run All on exercises/ex01, write an objective, press the check: titles (never ids), vi numbers, 3 parents."""
    from .labdriver import Notebook

    folder = lab.root / "check_titles"
    folder.mkdir(exist_ok=True)
    nb_path = folder / "ex01_sales_okr.ipynb"
    shutil.copy(ROOT / "exercises" / "ex01_sales_okr.ipynb", nb_path)
    nb = Notebook(lab, page, "check_titles/ex01_sales_okr.ipynb").open()
    nb.folder = folder
    nb.run_all()
    builder = page.locator(".okrkit-okr-builder").first
    builder.wait_for()

    # The aligns-to list: "(không)" and the three company objectives the alignment check accepts.
    options = page.locator(".okrkit-parent select option").all_inner_texts()
    assert len(options) == 4 and not any("Tăng 30% doanh thu đến từ đối tác" in o for o in options), options
    assert not any(o.startswith(("C1", "C2", "C3", "M3")) for o in options)

    field = page.locator(".okrkit-objective-text textarea").first
    field.fill("Biến Sao Mai thành lựa chọn số một của cửa hàng nhỏ")
    field.press("Tab")
    page.locator(".okrkit-kr-text-0 input").first.fill("Gọi điện cho nhiều khách hàng hơn")
    page.locator(".okrkit-kr-text-0 input").first.press("Tab")
    page.locator(".okrkit-check-button").first.click()
    result = page.locator(".okrkit-check-feedback .okrkit-rubric").first
    result.wait_for()
    titles = result.locator(".okrkit-check-title").all_inner_texts()
    rubric = load_rubric("ex01_sales_okr")
    assert titles == [c.title["vi"] for c in rubric.checks]
    text = result.inner_text()
    for c in rubric.checks:
        assert c.id not in text
    assert "O1.KR1" not in text and "Điểm:" in text
    nb.screenshot("words_check_result_ex01_vi", ".okrkit-check-box")
    saved = json.loads((folder / "answers" / "ex01_sales_okr.json").read_text(encoding="utf-8"))
    assert saved["answer"]["objectives"][0]["text"].startswith("Biến Sao Mai")
