"""Printable login slips: one card per participant with the address (and its QR code), their name, the password.

Plain HTML with the QR codes inline as SVG (``segno``), so the page prints from any browser
without a network. Eight cards fit on an A4 page; cut along the dashed lines.
"""

from __future__ import annotations

import html
from pathlib import Path

from .. import i18n

i18n.register({
    "slip.title": {"en": "Login slips", "vi": "Phiếu đăng nhập"},
    "slip.open": {"en": "Open this address in a browser (or scan the code):",
                  "vi": "Mở địa chỉ này trên trình duyệt (hoặc quét mã):"},
    "slip.name": {"en": "Choose your name", "vi": "Chọn tên của bạn"},
    "slip.password": {"en": "Class password", "vi": "Mật khẩu lớp"},
})


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as an inline SVG element."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#000", light="#fff")


def slips_html(*, title: str, lang: str, url: str, names: list[str], password: str) -> str:
    """The slips page for ``names`` (escaped) reaching ``url`` with ``password``."""
    e = html.escape
    qr = qr_svg(url)
    cards = "\n".join(f"""  <section class="slip">
    <h2>{e(title)}</h2>
    <p class="who">{e(i18n.t('slip.name', lang))}: <strong>{e(name)}</strong></p>
    <div class="row"><div class="qr">{qr}</div>
      <div><p>{e(i18n.t('slip.open', lang))}</p><p class="url">{e(url)}</p>
      <p>{e(i18n.t('slip.password', lang))}: <strong class="pw">{e(password)}</strong></p></div></div>
  </section>""" for name in names)
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head><meta charset="utf-8"><title>{e(i18n.t('slip.title', lang))} · {e(title)}</title>
<style>
  @page {{ size: A4; margin: 10mm; }}
  body {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; }}
  .sheet {{ display: grid; grid-template-columns: 1fr 1fr; }}
  .slip {{ border: 1px dashed #888; padding: 5mm 6mm; height: 62mm; box-sizing: border-box; break-inside: avoid; }}
  .slip h2 {{ font-size: 13pt; margin: 0 0 2mm; }}
  .who {{ font-size: 13pt; margin: 0 0 2mm; }}
  .row {{ display: flex; gap: 4mm; align-items: flex-start; }}
  .row p {{ margin: 0 0 2mm; font-size: 11pt; }}
  .url {{ font-family: "DejaVu Sans Mono", monospace; font-size: 12pt !important; font-weight: bold; word-break: break-all; }}
  .pw {{ font-family: "DejaVu Sans Mono", monospace; font-size: 15pt; letter-spacing: .05em; }}
</style></head>
<body><main class="sheet">
{cards}
</main></body></html>
"""


def write_slips(path: Path, *, title: str, lang: str, url: str, names: list[str], password: str) -> Path:
    path.write_text(slips_html(title=title, lang=lang, url=url, names=names, password=password), encoding="utf-8")
    return path
