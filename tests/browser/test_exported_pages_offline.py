"""Every page `okrkit demo` exports works from file:// with the network off, lesson forms included.

The demo runs once (in Vietnamese) as the README runs it; each lesson page, the planning
report and every page of the graded sample class is loaded in Chromium from file:// with
every request recorded: anything that is not file:// or data: fails the test.  The lessons
whose "Thử sức" part is a form must show it drawn (the widget manager shipped with the kit,
inline), not as code or nothing.
"""

from __future__ import annotations

import pytest

from .labdriver import ARTIFACTS, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.notebook, pytest.mark.xdist_group("demo")]  # shares the demo run (tests/conftest.py)

LOCAL = ("file://", "data:", "blob:", "about:")


@pytest.fixture(scope="session")
def demo_build(demo_run):
    """`okrkit demo --out BUILD --lang vi`, run once, as the README runs it (shared with the CLI's demo tests)."""
    result, out = demo_run("vi")
    if result.returncode != 0:
        pytest.fail(f"okrkit demo failed:\n{result.stderr[-2000:]}", pytrace=False)
    return out


def _pages(out):
    pages = sorted((out / "lessons").glob("*.html"))
    pages += sorted((out / "report").glob("*.html"))
    pages += sorted((out / "grades").rglob("*.html"))
    return pages


def _load(browser, path):
    """Open ``path`` from file:// with every request recorded (non-local ones aborted); returns (context, page, seen)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    seen: list[str] = []

    def route(r):
        seen.append(r.request.url)
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("websocket", lambda ws: seen.append(ws.url))
    page.goto(path.as_uri(), wait_until="load", timeout=240_000)  # a 2-core machine under load is slow
    page.wait_for_timeout(300)
    return context, page, seen


def test_every_exported_page_loads_nothing_from_the_network(browser, demo_build):
    """Lessons, the planning report, the gradebook pages and every feedback page: only file:// and data: requests."""
    pages = _pages(demo_build)
    kinds = {p.parent.name for p in pages}
    assert {"lessons", "report", "feedback"} <= kinds, kinds
    assert len([p for p in pages if p.parent.name == "lessons"]) == len(list((ROOT / "notebooks").glob("0*.ipynb")))
    off_site = {}
    for path in pages:
        context, page, seen = _load(browser, path)
        try:
            bad = [u for u in seen if not u.startswith(LOCAL)]
            if bad:
                off_site[str(path.relative_to(demo_build))] = bad[:3]
            assert page.locator("body").inner_text().strip(), f"{path.name} is blank"
        finally:
            context.close()
    assert not off_site, f"pages that reach for the network: {off_site}"


@pytest.mark.parametrize("lesson", ["02_sales_okrs", "04_shared_goal_cascade", "05_weights_and_scores"])
def test_lesson_try_it_form_is_drawn_offline(browser, demo_build, lesson):
    """A lesson's "Thử sức" form is drawn from its saved state with the kit's own widget manager, offline."""
    path = demo_build / "lessons" / f"{lesson}.html"
    html = path.read_text(encoding="utf-8")
    assert 'application/vnd.jupyter.widget-state+json' in html, "the lesson page carries its form's state"
    context, page, seen = _load(browser, path)
    try:
        page.locator(".jp-OutputArea-output .jupyter-widgets").first.wait_for(timeout=120_000)
        fields = page.locator(".jupyter-widgets input, .jupyter-widgets textarea, .jupyter-widgets select, "
                              ".jupyter-widgets .widget-slider, .jupyter-widgets button")
        assert fields.count() >= 3, "the form's fields are drawn"
        assert page.locator(".jupyter-widgets.jupyter-widgets-error, .jupyter-widgets-error-widget").count() == 0
        note = page.locator(".okrkit-export-note").first   # a preview: typing here saves nothing, and it says so
        assert "không được lưu" in note.inner_text()
        assert not page.locator(".okrkit-form .okrkit-status").first.is_visible()
        views = page.locator("script[type='application/vnd.jupyter.widget-view+json']").count()
        assert views >= 1
        assert [u for u in seen if not u.startswith(LOCAL)] == []
        form = page.locator(".jp-OutputArea-output .jupyter-widgets").last
        form.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"offline-lesson-{lesson}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("lesson", ["04_shared_goal_cascade", "05_weights_and_scores", "06_kpi_library_bsc",
                                    "07_sales_rhythm", "08_scoring_retro"])
def test_exported_lesson_charts_draw_and_answer_offline(browser, demo_build, lesson):
    """Every chart of an exported lesson is drawn from file:// with the network off, and shows a tooltip on hover;
    in lesson 5 the weight slider inside the chart moves the "after" bars with no kernel (a projector, no Internet)."""
    path = demo_build / "lessons" / f"{lesson}.html"
    context, page, seen = _load(browser, path)
    try:
        charts = page.locator(".okrkit-chart")
        assert charts.count() >= 1, f"{lesson} has no chart"
        page.wait_for_function("() => [...document.querySelectorAll('.okrkit-chart')].every(e => e.dataset.drawn)",
                               timeout=60_000)
        assert page.locator(".okrkit-chart svg").count() >= charts.count()
        tip = page.locator("#vg-tooltip-element")
        marks = page.locator(".okrkit-chart svg .mark-symbol path, .okrkit-chart svg .mark-rect path")
        assert marks.count(), f"{lesson}: no bar or dot to point at"
        for i in range(min(marks.count(), 6)):   # the pointer on a mark's centre, as a trainer points
            mark = marks.nth(i)
            mark.scroll_into_view_if_needed()
            box = mark.bounding_box()
            if not box or box["width"] < 2 or box["height"] < 2:
                continue
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            try:
                tip.wait_for(state="visible", timeout=3_000)
                break
            except Exception:
                continue
        assert tip.is_visible(), f"{lesson}: pointing at a bar or dot shows no tooltip"
        assert tip.inner_text().strip(), "the tooltip says something"
        if lesson == "05_weights_and_scores":
            binds = page.locator(".okrkit-chart .vega-bind", has_text="Marketing")
            assert binds.count() == 1, "Marketing's weight is bound to a slider inside the chart"
            assert "(%)" in binds.first.inner_text(), binds.first.inner_text()
            slider = binds.first.locator("input[type=range]")
            chart = binds.first.locator("xpath=ancestor::div[contains(@class,'okrkit-chart')]")
            chart.scroll_into_view_if_needed()
            before = chart.locator("svg").inner_html()
            slider.evaluate("e => { e.value = 0; e.dispatchEvent(new Event('input', {bubbles: true})); }")
            page.wait_for_timeout(500)
            assert chart.locator("svg").inner_html() != before, "moving the slider redraws the after bars"
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            chart.screenshot(path=str(ARTIFACTS / "exported-lesson05-weight-slider.png"))
        assert [u for u in seen if not u.startswith(LOCAL)] == []
    finally:
        context.close()
