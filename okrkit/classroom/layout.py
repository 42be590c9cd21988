"""Where a class keeps everything: one folder, so stopping and resuming loses nothing.

::

    CLASS_DIR/
      class.json              roster as read (display names, user names), language, title, created
      secrets/                class and trainer passwords (in clear, so start can print them again), cookie secret, proxy token (0700)
      hub/                    JupyterHub's own state: jupyterhub.sqlite, generated jupyterhub_config.py, logs
      home/<user>/            one participant's folder: ex01…ex08 notebooks, answers/, feedback/
                              owned by the participant's system user, mode 0700, when the hub runs as root
      collected/<NNN>-<time>/ a snapshot in the SUBMISSIONS layout: <display name>/ex…ipynb + answers/
      grades/<NNN>-<time>/    what ``okrkit grade`` wrote for that snapshot
      slips.html              printable login slips

User names are ASCII slugs of the roster's names (``Nguyễn Thị Lan`` → ``nguyen-thi-lan``), made unique
with ``-2``, ``-3``… in roster order; the system user of a participant is ``okr-<user>`` (at most 32 chars).

Examples
--------
>>> user_names(["Nguyễn Thị Lan", "Trần Văn Đức", "Nguyễn Thị Lan", "  ", "Emily Carter"])
['nguyen-thi-lan', 'tran-van-duc', 'nguyen-thi-lan-2', 'emily-carter']
>>> system_user("nguyen-thi-lan")
'okr-nguyen-thi-lan'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


def slug(name: str) -> str:
    """An ASCII user name from a display name (diacritics dropped, ``đ`` → ``d``)."""
    text = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def user_names(names: list[str]) -> list[str]:
    """Unique user names for the non-blank ``names``, in order."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = slug(name or "")
        if not base:
            continue
        base = base[:24].rstrip("-")
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}-{n}")
    return out


def system_user(user: str) -> str:
    """The system account of a participant (Linux user names: at most 32 characters)."""
    return ("okr-" + user)[:32]


@dataclass(frozen=True)
class ClassLayout:
    """The paths of one class folder."""

    root: Path

    @property
    def class_file(self) -> Path:
        return self.root / "class.json"

    @property
    def secrets(self) -> Path:
        return self.root / "secrets"

    @property
    def hub(self) -> Path:
        return self.root / "hub"

    @property
    def homes(self) -> Path:
        return self.root / "home"

    def home(self, user: str) -> Path:
        return self.homes / user

    @property
    def collected(self) -> Path:
        return self.root / "collected"

    @property
    def grades(self) -> Path:
        return self.root / "grades"

    @property
    def slips(self) -> Path:
        return self.root / "slips.html"
