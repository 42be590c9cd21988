"""Build-time step of the participant image (deploy/Dockerfile): the exercises for each language.

``python -m okrkit.classroom.image OUT`` writes ``OUT/vi/ex…ipynb`` and ``OUT/en/ex…ipynb``: the
kit's exercises with their ``lang`` parameter set, the same files ``okrkit classroom start`` puts
into each participant's folder on one machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..files import atomic_write
from ..i18n import LANGS


def write_exercises(out: str | Path) -> list[Path]:
    """Every exercise in every language under ``out/<lang>/``; returns the files written."""
    from .hub import exercises

    written = []
    for lang in LANGS:
        for src in exercises(lang):
            written.append(atomic_write(Path(out) / lang / src.name, src.read_bytes()))
    return written


if __name__ == "__main__":  # pragma: no cover - used by deploy/Dockerfile
    files = write_exercises(sys.argv[1] if len(sys.argv) > 1 else "exercises-by-language")
    print(f"{len(files)} exercise notebooks written")
