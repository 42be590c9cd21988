"""The bundled sample companies, and which one a lesson, an exercise or a command works on.

The kit carries two worked companies for the same quarter (2026-Q1), built on the
same plan so every lesson, exercise, rubric and report runs on either:

* ``saomai`` — Công ty Phần mềm Sao Mai, web-shop and POS software for small
  retailers (the default);
* ``fmcg`` — Công ty Phân phối Hàng tiêu dùng Phúc An, a consumer-goods
  distributor selling to grocery shops, mini-marts and wholesalers (the world of
  the article "Hoạt động Quản lý - Hỗ trợ sales", incomSoft).

Which one is chosen, like the language: a ``sample`` parameter (a lesson's
parameter, a command's ``--sample``), else the class's (``$OKRKIT_SAMPLE``, set by
the hub and by the grader), else ``saomai``.

>>> from okrkit import samples
>>> samples.get("fmcg").key, samples.get(None).key
('fmcg', 'saomai')
>>> samples.get("Phúc An").key
'fmcg'
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DATA = Path(__file__).parent / "data"
ENV = "OKRKIT_SAMPLE"
DEFAULT = "saomai"


@dataclass(frozen=True)
class Sample:
    key: str
    folder: Path
    names: dict          # {"vi": …, "en": …}: the company in a sentence
    aliases: tuple = ()

    def path(self, name: str) -> Path:
        return self.folder / name

    def name(self, lang: str | None = None) -> str:
        from .i18n import get_lang

        return self.names[get_lang(lang or "vi")]


SAMPLES = {
    "saomai": Sample("saomai", DATA,
                     {"vi": "Công ty Phần mềm Sao Mai (phần mềm bán hàng cho cửa hàng bán lẻ nhỏ)",
                      "en": "Sao Mai Software (sales software for small retailers)"},
                     ("sao mai", "saomai", "software", "phan mem", "default")),
    "fmcg": Sample("fmcg", DATA / "fmcg",
                   {"vi": "Công ty Phân phối Hàng tiêu dùng Phúc An (phân phối hàng tiêu dùng nhanh)",
                    "en": "Phuc An Consumer Goods Distribution (a fast-moving consumer goods distributor)"},
                   ("phuc an", "phucan", "distribution", "distributor", "phan phoi")),
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).strip().lower().replace("-", " ").replace("_", " ")


def resolve(sample: str | None = None) -> str:
    """The key of the chosen sample: ``sample``, else ``$OKRKIT_SAMPLE``, else ``saomai``."""
    return get(sample).key


def get(sample: str | Sample | None = None) -> Sample:
    """The :class:`Sample` named by ``sample`` (a key or an alias), else the class's, else Sao Mai."""
    if isinstance(sample, Sample):
        return sample
    chosen = sample or os.environ.get(ENV) or DEFAULT
    key = _fold(str(chosen))
    for s in SAMPLES.values():
        if key == s.key or key in s.aliases:
            return s
    raise InputError(f"no sample company named {chosen!r}",
                     hint=f"choose one of: {', '.join(SAMPLES)} (Sao Mai software; Phúc An consumer-goods distributor)")


def keys() -> tuple[str, ...]:
    return tuple(SAMPLES)


def use(sample: str | None) -> str:
    """Make ``sample`` the process's sample (``$OKRKIT_SAMPLE``) so kernels and graders started from here follow it."""
    key = resolve(sample)
    os.environ[ENV] = key
    return key
