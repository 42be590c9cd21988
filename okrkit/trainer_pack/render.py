"""Pages of the trainer pack: Jinja templates to HTML, and HTML to A4 PDF with the machine's Chromium.

Every page is one self-contained file: inline CSS, images as data URIs, fonts from the system
(DejaVu Sans and Liberation Sans carry every Vietnamese letter). Chromium prints with every request
other than ``data:`` refused, so a page that reached for the network would print without it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..files import atomic_write

TEMPLATES = Path(__file__).with_name("templates")
CHROMIUM = "/usr/bin/chromium"


def environment():
    """The Jinja environment of the pack's templates (autoescaped: participant names are text, never markup)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render(env, template: str, path: Path, **context) -> Path:
    """Render ``template`` with ``context`` into ``path`` (atomically)."""
    text = env.get_template(template).render(**context)
    return atomic_write(path, text.encode("utf-8"))


class Printer:
    """One headless Chromium that prints many pages to PDF, loading nothing but the page itself."""

    def __init__(self):
        self._pw = self._browser = None

    def __enter__(self):
        chromium = os.environ.get("OKRKIT_CHROMIUM", CHROMIUM)
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise InputError("printing PDFs needs Playwright", hint="run make setup, or pass --no-pdf") from None
        if not Path(chromium).exists():
            raise InputError("printing PDFs needs Chromium", file=chromium,
                             hint="apt-get install chromium (or set OKRKIT_CHROMIUM), or pass --no-pdf")
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        return self

    def __exit__(self, *exc):
        try:
            self._browser.close()
        finally:
            self._pw.stop()

    def pdf(self, html_path: Path, pdf_path: Path, *, landscape: bool = False) -> Path:
        """Print ``html_path`` to ``pdf_path`` on A4 (the page's own @page rule decides the orientation)."""
        page = self._browser.new_page()
        try:
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("data:")
                       or route.request.url == page_url else route.abort())
            page_url = Path(html_path).resolve().as_uri()
            page.goto(page_url, wait_until="load")
            page.evaluate("document.fonts.ready")
            data = page.pdf(format="A4", landscape=landscape, print_background=True, prefer_css_page_size=True)
        finally:
            page.close()
        return atomic_write(pdf_path, data)
