"""A real JupyterLab server and Debian's Chromium for the browser tests.

One server and one browser per test session (all browser tests run in one
xdist group, so in one worker); each test gets its own folder under the
server's root, its own notebook and its own page, and its kernels are shut
down when it ends.  A missing /usr/bin/chromium FAILS the tests with a clear
message: CI installs it (``make browser``), a skipped browser test proves nothing.
"""

from __future__ import annotations

import re

import pytest

from .labdriver import LabServer, Notebook, code_notebook, launch_chromium, local_only, require_chromium


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium, or a failure that says how to install it."""
    try:
        return require_chromium()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def lab(chromium_path):
    """A running ``jupyter lab`` on 127.0.0.1 in a throw-away root folder."""
    server = LabServer(name="okrkit-browser-tests")
    try:
        server.start()
    except RuntimeError as exc:
        server.cleanup()
        pytest.fail(f"could not start jupyter lab: {exc}", pytrace=False)
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def browser(lab, playwright_session):
    """Chromium driven by Playwright (sync API)."""
    chrome = launch_chromium(playwright_session)
    yield chrome
    chrome.close()


@pytest.fixture
def page(browser):
    """A fresh page at laptop size where only 127.0.0.1 can be reached."""
    context = browser.new_context(viewport={"width": 1366, "height": 860})
    local_only(context)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


@pytest.fixture
def notebook(lab, page, request):
    """Write a notebook of code cells into this test's own folder and open it: ``notebook(cells) -> Notebook``."""
    folder = re.sub(r"[^A-Za-z0-9_]+", "_", request.node.name)[:60]
    opened = []

    def make(cells: list[str], *, name: str = "exercise.ipynb") -> Notebook:
        (lab.root / folder).mkdir(exist_ok=True)
        lab.write_notebook(f"{folder}/{name}", code_notebook(cells, tags={0: ["parameters"]}))
        nb = Notebook(lab, page, f"{folder}/{name}").open()
        nb.folder = lab.root / folder
        opened.append(nb)
        return nb

    yield make
    for nb in opened:
        kernel = lab.kernel_of(nb.name)
        if kernel is not None:
            try:
                lab.api("DELETE", f"/api/kernels/{kernel['id']}")
            except OSError:
                pass


@pytest.fixture(scope="session")
def kit_lab(chromium_path, tmp_path_factory):
    """``okrkit lab`` itself, run as a trainer runs it, on a copy of the kit's exercises/ and notebooks/.

    The user's Jupyter folders are made empty throw-away ones, so only the kit's own
    configuration (participant mode, class language, no news) is in play.  Yields a
    :class:`~tests.browser.labdriver.KitLab` with the printed links.
    """
    from .labdriver import KitLab

    server = KitLab(tmp_path_factory.mktemp("kit-lab"), lang="vi")
    try:
        server.start()
    except RuntimeError as exc:
        server.stop()
        pytest.fail(f"could not start okrkit lab: {exc}", pytrace=False)
    yield server
    server.stop()
