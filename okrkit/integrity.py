"""The installed kit checked against its own record, so that grading never runs on a changed okrkit.

``okrkit grade`` scores with the rubrics of the installed package.  A hand-in
graded without confinement (``--unconfined``) runs as the trainer's user and
could rewrite them for the *next* run; so every run first compares the
package's files with the record made when the kit was installed:

* a wheel install: pip's own ``RECORD`` (sha256 of every installed file);
* an editable or source install (``make setup``): ``share/okrkit/installed-files.json``
  in the environment, written by ``python -m okrkit.integrity --write``.

With no record at all nothing is compared (and the summary says so).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

SUFFIXES = {".py", ".yaml", ".yml", ".json", ".csv", ".html", ".js", ".css", ".txt", ".tsv", ".xlsx", ".md"}


def package_root() -> Path:
    return Path(__file__).resolve().parent


def record_path() -> Path:
    return Path(sys.prefix) / "share" / "okrkit" / "installed-files.json"


def _files() -> dict[str, Path]:
    root = package_root()
    return {p.relative_to(root.parent).as_posix(): p for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current() -> dict[str, str]:
    """``{path relative to site-packages: sha256}`` of the package's files as they are now."""
    return {rel: _sha256(p) for rel, p in _files().items()}


def _pip_record() -> dict[str, str] | None:
    """sha256 per okrkit file from pip's RECORD, when the package was installed from a wheel."""
    try:
        from importlib.metadata import distribution

        dist = distribution("okrkit")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return None
    out = {}
    for f in dist.files or []:
        if f.hash is None or f.hash.mode != "sha256" or not str(f).startswith("okrkit/"):
            continue
        digest = base64.urlsafe_b64decode(f.hash.value + "=" * (-len(f.hash.value) % 4)).hex()
        if Path(str(f)).suffix in SUFFIXES:
            out[str(f)] = digest
    return out or None


def recorded() -> dict[str, str] | None:
    """The record to compare with (pip's, else the kit's own), ``None`` when there is none."""
    pip = _pip_record()
    if pip:
        return pip
    try:
        data = json.loads(record_path().read_text(encoding="utf-8"))
        return data["files"] if isinstance(data, dict) and isinstance(data.get("files"), dict) else None
    except (OSError, ValueError, KeyError):
        return None


def changed_files(now: dict[str, str] | None = None) -> list[str]:
    """Package files that differ from the record (added, removed or changed); ``[]`` when none or no record.

    ``now``: :func:`current` when the caller has it already.
    """
    record = recorded()
    if record is None:
        return []
    now = current() if now is None else now
    return sorted(k for k in set(record) | set(now) if record.get(k) != now.get(k))


def write_record() -> Path:
    """Record the package's files as they are now (what an install does)."""
    path = record_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"files": current()}, indent=0, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--write"]:
        print(f"okrkit: recorded {len(current())} files of the installed kit in {write_record()}")
        return 0
    changed = changed_files()
    if recorded() is None:
        print("okrkit: no install record to check against")
        return 0
    if changed:
        print("okrkit: these files differ from the install record: " + ", ".join(changed))
        return 1
    print("okrkit: the installed files match their record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
