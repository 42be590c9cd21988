"""Participant mode as the class gets it: ``okrkit lab`` started, its printed links opened in Chromium.

- an exercise's page (Voilà, the kit's template): forms only, no code, no request off the
  server, a typed answer saved and back after a reload (a reload is a new kernel);
- JupyterLab for the same server: in Vietnamese, no news toast, code cells collapsed and
  the first line saying what to press;
- every printed link answers.
"""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from .labdriver import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OBJECTIVE = "Trở thành lựa chọn số một của chủ cửa hàng nhỏ khi bán hàng online"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def recorded(browser, kit_lab):
    """A fresh page that records every request and websocket; only the server's own origin is let through."""
    origin = _origin(kit_lab.links[0][1])
    ws_origin = origin.replace("http://", "ws://")
    context = browser.new_context(viewport={"width": 1366, "height": 860})
    seen: list[str] = []

    def route(r):
        url = r.request.url
        seen.append(url)
        if url.startswith((origin + "/", "data:", "blob:")):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.on("websocket", lambda ws: seen.append(ws.url))
    page.seen = seen
    page.off_site = lambda: [u for u in seen if not u.startswith((origin + "/", ws_origin + "/", "data:", "blob:"))]
    yield page
    context.close()


def _answers(kit_lab) -> dict:
    path = kit_lab.root / "exercises" / "answers" / "ex01_sales_okr.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _objective_saved(kit_lab) -> str:
    answer = _answers(kit_lab)
    answer = answer.get("answer", answer)
    objectives = answer.get("objectives") or [{}]
    return objectives[0].get("text", "")


def test_exercise_page_is_forms_only_offline_and_keeps_what_was_typed(kit_lab, recorded):
    """ex01 in participant mode: the form renders, no code, nothing off the server; typed text survives a reload."""
    page = recorded
    url = kit_lab.url_of("/voila/render/exercises/ex01_sales_okr.ipynb")
    page.goto(url, wait_until="domcontentloaded")
    field = page.locator(".okrkit-objective-text textarea")
    field.wait_for()
    assert page.title() == "Bài tập 1 · Viết OKR cho bộ phận Kinh doanh"
    text = page.locator("body").inner_text()
    assert "Bài tập 1 · Viết OKR cho bộ phận Kinh doanh" in text
    for code in ("import okrkit", "ui.okr_builder", "ui.record", "answers_path ="):
        assert code not in text, f"code reached the participant: {code}"
    assert page.locator(".jp-CodeCell .jp-InputArea:visible, .jp-InputArea-editor:visible, .cm-editor:visible"
                        ).count() == 0
    assert "Bấm ▶▶" not in text, "the JupyterLab-only 'press Run All' line is left out of the page"
    assert "Traceback" not in text and "There was an error" not in text

    field.fill(OBJECTIVE)
    field.press("Tab")
    deadline = time.monotonic() + 20
    while _objective_saved(kit_lab) != OBJECTIVE and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert _objective_saved(kit_lab) == OBJECTIVE, "the answer file holds what was typed"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "participant-ex01-voila.png"))

    page.reload(wait_until="domcontentloaded")
    field = page.locator(".okrkit-objective-text textarea")
    field.wait_for()
    page.wait_for_function("t => document.querySelector('.okrkit-objective-text textarea').value === t",
                           arg=OBJECTIVE, timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "participant-ex01-voila-reloaded.png"))
    assert page.off_site() == [], f"requests left the server: {page.off_site()}"
    assert any("/api/kernels/" in u and u.startswith("ws://") for u in page.seen), "the page ran its own kernel"


def test_jupyterlab_speaks_the_class_language_with_code_collapsed(kit_lab, recorded):
    """The same server's JupyterLab: Vietnamese menus, no news toast, code collapsed, first line says what to press."""
    page = recorded
    lab = kit_lab.url_of("/lab?")
    page.goto(lab.replace("/lab?", "/lab/tree/exercises/ex01_sales_okr.ipynb?") + "&reset",
              wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    page.wait_for_timeout(4000)  # the news question, when asked, comes a moment after start-up
    menus = page.locator("#jp-MainMenu .lm-MenuBar-itemLabel").all_inner_texts()
    assert "Chỉnh sửa" in menus and "Trợ giúp" in menus, menus
    toasts = page.locator(".Toastify__toast, .jp-toast-container .jp-Notification-Toast")
    assert toasts.count() == 0, toasts.all_inner_texts()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "participant-ex01-jupyterlab-vi.png"))
    first = page.locator(".jp-Notebook .jp-Cell").first
    assert first.inner_text().strip().startswith("Bấm ▶▶ trên thanh công cụ")
    page.set_viewport_size({"width": 1366, "height": 4000})  # JupyterLab draws the cells in view (and a few more)
    code = page.locator(".jp-Notebook .jp-CodeCell")
    code.first.wait_for()
    page.wait_for_timeout(1500)
    assert code.count() >= 2
    assert page.locator(".jp-Notebook .jp-CodeCell .jp-InputPlaceholder").count() == code.count()
    assert page.locator(".jp-Notebook .jp-CodeCell .cm-editor:visible").count() == 0
    assert page.off_site() == [], f"requests left the server: {page.off_site()}"


def test_printed_links_answer(kit_lab):
    """`okrkit lab` prints JupyterLab, every exercise and every lesson; each link answers with its page."""
    from okrkit.rubrics import EXERCISES, title

    printed = kit_lab.printed
    assert "Mở các liên kết này trong trình duyệt" in printed
    titles = [t for t, _ in kit_lab.links]
    assert titles[0] == "JupyterLab (giảng viên)"
    assert [t for t in titles if t.startswith("Bài tập")] == [
        f"Bài tập {n} · {title(e.id, 'vi')}" for n, e in enumerate(EXERCISES, 1)]
    assert len([u for _, u in kit_lab.links if "/voila/render/notebooks/" in u]) == \
        len(list((kit_lab.root / "notebooks").glob("0*.ipynb")))
    origin = _origin(kit_lab.links[0][1])
    token = kit_lab.links[0][1].split("token=", 1)[1]
    pages = [kit_lab.links[0]] + [(t, u) for t, u in kit_lab.links if "/voila/render/exercises/" in u]
    pages.append(next((t, u) for t, u in kit_lab.links if "02_sales_okrs" in u))
    try:
        for name, url in pages:
            with urllib.request.urlopen(url.split("#", 1)[0], timeout=120) as resp:
                body = resp.read().decode("utf-8")
            assert resp.status == 200, name
            assert "There was an error when executing cell" not in body, name
            if "/voila/" in url:
                assert "fontawesome" not in body and "cdn.jsdelivr" not in body, name
    finally:  # pages fetched without a browser leave their kernels running: shut them down
        req = urllib.request.Request(f"{origin}/api/kernels", headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            kernels = json.loads(resp.read())
        for k in kernels:
            urllib.request.urlopen(urllib.request.Request(f"{origin}/api/kernels/{k['id']}", method="DELETE",
                                                          headers={"Authorization": f"token {token}"}), timeout=10)


def test_lesson_link_opens_at_try_it(kit_lab, recorded):
    """A printed lesson link opens the lesson as a page with no code, scrolled to its "Thử sức · Try it" form."""
    page = recorded
    url = kit_lab.url_of("/voila/render/notebooks/02_sales_okrs.ipynb")
    assert "#" in url
    page.goto(url, wait_until="domcontentloaded", timeout=240_000)
    page.wait_for_selector("#rendered_cells:not([style*='none'])", timeout=240_000)
    page.locator(".okrkit-objective-text textarea").wait_for(timeout=120_000)
    page.wait_for_timeout(4500)
    top = page.evaluate("() => document.getElementById(location.hash.slice(1)).getBoundingClientRect().top")
    assert 0 <= top < 400, f"the Try it heading is at {top}px, not in view"
    assert "import okrkit" not in page.locator("body").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "participant-lesson02-try-it.png"))
    assert page.off_site() == [], f"requests left the server: {page.off_site()}"
