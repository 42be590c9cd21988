"""The trainer guide in the pack: ``docs/trainer_guide.md`` (English) or ``docs/trainer_guide.vi.md`` as one page.

Markdown to HTML with mistune (already installed with Jupyter's nbconvert); raw HTML in the guide is
escaped, and a link that leaves the page for the network is written as its text only (the pack opens
offline and names nothing online).
"""

from __future__ import annotations

import re
from pathlib import Path


def guide_path(lang: str, docs: Path | None = None) -> Path:
    """The guide in ``lang``: ``trainer_guide.vi.md`` for Vietnamese, ``trainer_guide.md`` for English."""
    docs = docs or Path(__file__).resolve().parents[2] / "docs"
    return docs / ("trainer_guide.vi.md" if lang == "vi" else "trainer_guide.md")


def read_guide(lang: str, docs: Path | None = None) -> tuple[str, str] | None:
    """``(title, body HTML)`` of the guide in ``lang``; ``None`` when the kit has no docs folder (a wheel install)."""
    import markupsafe
    import mistune

    path = guide_path(lang, docs)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    first = next((line for line in text.splitlines() if line.startswith("# ")), "# Trainer guide")
    md = mistune.create_markdown(escape=True, plugins=["table"])
    body = md(text)
    # keep a link's text, drop an address that would reach the network
    body = re.sub(r'<a href="(?:https?:)?//[^"]*"[^>]*>(.*?)</a>', r"\1", body, flags=re.S)
    return first[2:].strip(), markupsafe.Markup(body)
