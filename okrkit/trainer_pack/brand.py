"""The trainer's brand, set in one place: organisation, logo, colour and language of every page of the pack."""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
              ".webp": "image/webp", ".gif": "image/gif"}


@dataclass(frozen=True)
class Brand:
    """Who hands the pack out: ``org`` (name on every page), ``logo`` (a data URI), ``color`` (#rrggbb), ``lang``."""

    org: str = "Công ty Phần mềm Sao Mai"
    color: str = "#1f5fa8"
    lang: str = "vi"
    logo: str = ""          # a data: URI, so pages load nothing from disk or network

    def __repr__(self) -> str:
        return f"Brand(org={self.org!r}, color={self.color!r}, lang={self.lang!r}, logo={'yes' if self.logo else 'monogram'})"

    @property
    def logo_src(self) -> str:
        """The logo as an image source: the trainer's file, else a monogram of the organisation's initials."""
        return self.logo or monogram(self.org, self.color)


def make_brand(*, org: str | None = None, logo: str | Path | None = None, color: str | None = None,
               lang: str | None = None) -> Brand:
    """A :class:`Brand` from command-line values, each checked with a message that says what to do."""
    lang = (lang or "vi").lower()
    if lang not in ("vi", "en"):
        raise InputError(f"language {lang!r} is not offered", where="--lang", hint="use vi or en")
    kwargs = {"lang": lang}
    if org is None:   # the sample company the pack is built on (okrkit.samples), until the trainer names theirs
        from .. import sample_company

        kwargs["org"] = sample_company().organization
    else:
        if not org.strip():
            raise InputError("the organisation name is empty", where="--org", hint='give a name, e.g. --org "Công ty ABC"')
        kwargs["org"] = org.strip()
    if color is not None:
        m = _HEX.fullmatch(color.strip())
        if not m:
            raise InputError(f"{color!r} is not a colour", where="--color", hint="write it as #RRGGBB, e.g. #c0392b")
        digits = m[1] if len(m[1]) == 6 else "".join(ch * 2 for ch in m[1])
        kwargs["color"] = "#" + digits.lower()
    if logo is not None:
        kwargs["logo"] = logo_data_uri(logo)
    return Brand(**kwargs)


def logo_data_uri(path: str | Path) -> str:
    """The logo file as a ``data:`` URI (PNG, JPEG, SVG, WebP or GIF)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no logo file here", file=str(path), where="--logo", hint="give the path of a PNG, JPEG or SVG file")
    mime = LOGO_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    if mime not in LOGO_TYPES.values():
        raise InputError("the logo is not a PNG, JPEG, SVG, WebP or GIF image", file=str(path), where="--logo",
                         hint="save the logo as PNG or SVG")
    data = path.read_bytes()
    if mime == "image/svg+xml" and re.search(rb"(?:href|src)\s*=\s*[\"']\s*(?:https?:)?//", data):
        raise InputError("the SVG logo loads something from the network", file=str(path), where="--logo",
                         hint="embed its images or export it as PNG")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def initials(name: str) -> str:
    """The organisation's monogram: its own short name, or the initials of the last two words of its name.

    >>> initials("Công ty Phần mềm Sao Mai"), initials("Công ty ABC"), initials("Acme Training Ltd")
    ('SM', 'ABC', 'AT')
    """
    skip = {"công", "ty", "cổ", "phần", "tnhh", "company", "co.", "ltd", "ltd.", "jsc", "inc", "inc.", "the"}
    words = [w for w in re.findall(r"[\w.&]+", name) if w.lower() not in skip] or name.split() or ["?"]
    if len(words) == 1:
        return words[0][:3].upper()
    return "".join(w[0] for w in words[-2:]).upper()


def monogram(org: str, color: str) -> str:
    """A round monogram of the organisation's initials, as an SVG data URI (the logo when none is given)."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="48" '
           f'fill="{color}"/><text x="50" y="63" font-family="DejaVu Sans, Liberation Sans, sans-serif" '
           f'font-size="36" font-weight="700" fill="#fff" text-anchor="middle">{html.escape(initials(org))}</text></svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
