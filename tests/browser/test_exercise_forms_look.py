"""ex04's weight panel and ex05's check-in form as the participant sees them, in Vietnamese, in Chromium.

The participant's own exercise notebooks are opened in JupyterLab and run with
Run All.  The weight panel must open without any warning on its silo start,
show every KPI's whole name above its slider at laptop width, and update its
behaviour lens inside the panel when a slider is released; the check-in form
must show the scenario's week, a forecast in Vietnamese numbers that follows a
typed value, and Vietnamese prose in a proportional font.  Screenshots are kept
in tests/artifacts/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .labdriver import run_all_until

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parents[2]


def open_exercise(lab, page, request, exercise: str, form: str):
    from .labdriver import Notebook

    folder = lab.root / f"look_{exercise}"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "exercises" / f"{exercise}.ipynb", folder / f"{exercise}.ipynb")
    nb = Notebook(lab, page, f"look_{exercise}/{exercise}.ipynb").open(timeout=300)
    nb.folder = folder

    def shutdown():
        kernel = lab.kernel_of(nb.name)
        if kernel is not None:
            try:
                lab.api("DELETE", f"/api/kernels/{kernel['id']}")
            except OSError:
                pass
    request.addfinalizer(shutdown)
    run_all_until(nb, form)
    return nb


def test_ex04_panel_saves_shows_whole_names_and_updates_its_lens(lab, page, request):
    """ex04 after Run All: no warning, whole KPI names, a slider release saves and redraws the lens in Vietnamese."""
    page.set_viewport_size({"width": 1280, "height": 860})
    nb = open_exercise(lab, page, request, "ex04_weights", ".okrkit-weight-panel .okrkit-lens")
    panel = page.locator(".okrkit-weight-panel")
    panel.wait_for()
    status = panel.locator("div.okrkit-status")
    assert "⚠" not in status.inner_text() and "okrkit-warn" not in (status.get_attribute("class") or "")
    assert panel.locator(".okrkit-part-problem").count() == 0
    names = panel.locator(".okrkit-weight-name")
    assert names.count() == panel.locator(".okrkit-weight-slider").count() > 0
    texts = names.all_inner_texts()
    assert any("Tỷ lệ giữ chân nhân viên kinh doanh" in t for t in texts)
    cut = page.evaluate("() => [...document.querySelectorAll('.okrkit-weight-name')]"
                        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)")
    assert cut == []
    lens = panel.locator(".okrkit-lens")
    assert "Lượt truy cập website" in lens.inner_text() and "0,80 điểm" in lens.inner_text()
    nb.screenshot("ex04-panel-vi", ".okrkit-weight-panel")

    before = lens.inner_text()
    handle = page.locator(".okrkit-weight-slider-marketing-pr-doi-tac-revenue .noUi-handle")
    handle.focus()
    for _ in range(20):
        handle.press("ArrowRight")
    page.wait_for_function("t => document.querySelector('.okrkit-lens').innerText !== t", arg=before)
    nb.page.wait_for_timeout(1500)
    saved = json.loads((nb.folder / "answers" / "ex04_weights.json").read_text(encoding="utf-8"))
    assert saved["answer"]["weights"]["Marketing - PR - Đối tác"]["revenue"] > 0
    assert "⚠" not in status.inner_text()
    assert "website_traffic" not in lens.inner_text() and "revenue" not in lens.inner_text()
    nb.screenshot("ex04-panel-vi-after-move", ".okrkit-weight-panel")
    assert nb.errors() == []


def test_ex05_form_has_the_week_a_live_forecast_and_readable_vietnamese(lab, page, request):
    """ex05 after Run All: week 2026-W08, the forecast follows a typed value, prose in a proportional font."""
    nb = open_exercise(lab, page, request, "ex05_checkin", ".okrkit-checkin-form .okrkit-forecast")
    form = page.locator(".okrkit-checkin-form")
    form.wait_for()
    assert page.locator(".okrkit-checkin-week input").input_value() == "2026-W08"
    current = page.locator(".okrkit-checkin-current-0 input")
    current.fill("2.950")
    current.press("Tab")
    page.wait_for_function("() => document.querySelector('.okrkit-forecast').innerText.includes('3.169')")
    forecast = page.locator(".okrkit-forecast").inner_text()
    assert "lệch hướng" in forecast and "3,169" not in forecast
    area = page.locator(".okrkit-checkin-problems-0 textarea")
    area.fill("Lead chưa đạt chuẩn là vấn đề số một; cần nỗ lực chung với Kinh doanh")
    area.press("Tab")
    family = page.evaluate("s => getComputedStyle(document.querySelector(s)).fontFamily",
                           ".okrkit-checkin-problems-0 textarea")
    assert "mono" not in family.lower(), family
    nb.page.wait_for_timeout(1000)
    saved = json.loads((nb.folder / "answers" / "ex05_checkin.json").read_text(encoding="utf-8"))
    row = saved["answer"]["checkins"][0]
    assert row["current"] == 2950 and row["problems"].endswith("nỗ lực chung với Kinh doanh")
    nb.screenshot("ex05-form-vi", ".okrkit-checkin-form")
    assert nb.errors() == []
