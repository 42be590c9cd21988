"""A class's submissions: one folder (or .zip) per participant, read but never changed.

Layout the grader expects (``okrkit grade SUBMISSIONS``)::

    SUBMISSIONS/
      Nguyen Van An/                 one folder per participant (the name is the folder's)
        ex01_sales_okr.ipynb         the exercise notebooks, named after the exercise id
        ex04_weights.ipynb
        answers/
          ex01_sales_okr.json        what the widgets saved (okrkit-answers/1)
          .history/...               earlier versions (ignored)
      Tran Thi Binh.zip              or a .zip holding the same files (optionally in one top folder)

Participant names come from folder and zip names, so they are never trusted as
paths: :func:`slug` turns them into safe file names, and zip files are unpacked
into the grader's own temporary folder after checking every member (no absolute
paths, no ``..``, no links, bounded size).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

# Limits for what one participant may hand in.
MAX_FILES = 500
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
MAX_ZIP_RATIO = 200  # uncompressed / compressed, per member
SKIP_DIRS = {".history", ".ipynb_checkpoints", "__pycache__", ".git"}


@dataclass
class Participant:
    """One participant's hand-in: ``name`` as given, ``slug`` safe for file names."""

    name: str
    slug: str
    source: Path            # the folder or zip in SUBMISSIONS
    folder: Path | None     # where the files are (the folder itself, or the unpacked zip)
    problem: str | None = None  # why the hand-in cannot be used at all
    notebooks: dict[str, Path] = field(default_factory=dict)  # exercise id -> notebook

    def answers_file(self, exercise: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / "answers" / f"{exercise}.json"


def slug(name: str) -> str:
    """A file-name-safe form of a participant name: no separators, no dots, no control chars.

    >>> slug("../../evil"), slug("..%2F..%2Fetc"), slug("Nguyễn Văn An"), slug("...")
    ('evil', '2F_2Fetc', 'Nguyễn_Văn_An', 'participant')
    """
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r"[^\w\-]+", "_", text, flags=re.UNICODE)
    text = re.sub(r"_+", "_", text).strip("_-")
    return text[:80] or "participant"


def discover(submissions: Path, exercises: tuple[str, ...], *, work: Path,
             only: tuple[str, ...] = ()) -> list[Participant]:
    """The participants in ``submissions``, zips unpacked safely under ``work``."""
    entries = sorted(submissions.iterdir(), key=lambda p: p.name)
    participants: list[Participant] = []
    used: set[str] = set()
    for entry in entries:
        if entry.name.startswith(".") and not entry.name.startswith(".."):
            continue  # hidden: .DS_Store, .ipynb_checkpoints (a name starting ".." is a participant)
        if entry.is_symlink():
            name = entry.name
            participants.append(_participant(name, entry, None, used, "a link, not a folder: not followed"))
            continue
        if entry.is_dir():
            name = entry.name
            folder, problem = entry, _check_tree(entry)
        elif entry.is_file() and entry.suffix.lower() == ".zip":
            name = entry.stem
            folder, problem = None, None
            target = work / "unzipped" / f"{len(participants):03d}"
            try:
                folder = unzip(entry, target)
            except InputError as exc:
                problem = exc.what
        else:
            continue
        p = _participant(name, entry, folder if problem is None else None, used, problem)
        participants.append(p)
    if only:
        wanted = set(only) | {slug(o) for o in only}
        participants = [p for p in participants if p.name in wanted or p.slug in wanted]
    for p in participants:
        if p.folder is not None:
            p.notebooks = find_notebooks(p.folder, exercises)
    return participants


def _participant(name, source, folder, used, problem) -> Participant:
    base = slug(name)
    s, n = base, 1
    while s.lower() in used:
        n += 1
        s = f"{base}-{n}"
    used.add(s.lower())
    return Participant(name=name, slug=s, source=source, folder=folder, problem=problem)


def find_notebooks(folder: Path, exercises: tuple[str, ...]) -> dict[str, Path]:
    """Each exercise's notebook in ``folder``: ``<id>.ipynb``, else the one notebook starting ``exNN``."""
    found: dict[str, Path] = {}
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.is_symlink())
    for ex in exercises:
        exact = folder / f"{ex}.ipynb"
        if exact in notebooks:
            found[ex] = exact
            continue
        prefix = ex.split("_", 1)[0] + "_"
        close = [p for p in notebooks if p.name.startswith(prefix) or p.name.startswith(ex)]
        if len(close) == 1:
            found[ex] = close[0]
    return found


def _check_tree(folder: Path) -> str | None:
    count = total = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for f in files:
            count += 1
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    if count > MAX_FILES:
        return f"the folder holds {count} files (limit {MAX_FILES})"
    if total > MAX_TOTAL_BYTES:
        return f"the folder holds {total // 2**20} MB (limit {MAX_TOTAL_BYTES // 2**20} MB)"
    return None


def unzip(path: Path, target: Path) -> Path:
    """Unpack a participant's zip into ``target`` after checking every member; return its folder."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable zip file ({exc})", file=str(path)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise InputError(f"the zip holds {len(infos)} members (limit {MAX_FILES})", file=str(path))
        total = 0
        for info in infos:
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
                raise InputError(f"zip member {name!r} points outside its folder", file=str(path))
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise InputError(f"zip member {name!r} is a link", file=str(path))
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"the zip unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB", file=str(path))
            if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 2**20:
                raise InputError(f"zip member {name!r} is compressed suspiciously well (a zip bomb?)", file=str(path))
        target.mkdir(parents=True, exist_ok=True)
        root = target.resolve()
        for info in infos:
            parts = [p for p in info.filename.replace("\\", "/").split("/") if p not in ("", ".")]
            if not parts:
                continue
            dest = root.joinpath(*parts)
            if root not in dest.resolve().parents and dest.resolve() != root:
                raise InputError(f"zip member {info.filename!r} points outside its folder", file=str(path))
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with zf.open(info) as src, open(dest, "wb") as out:
                while chunk := src.read(1 << 16):
                    written += len(chunk)
                    if written > info.file_size or written > MAX_TOTAL_BYTES:
                        raise InputError(f"zip member {info.filename!r} is larger than it claims", file=str(path))
                    out.write(chunk)
    # A zip of one top folder ("An/ex01….ipynb") is that folder.
    children = [c for c in target.iterdir() if c.name != "__MACOSX"]
    if len(children) == 1 and children[0].is_dir() and not list(target.glob("*.ipynb")):
        return children[0]
    return target


# ---------------------------------------------------------------- hashes

def file_hash(path: Path | None) -> str:
    """sha256 of a file's bytes, ``"absent"`` when there is no file."""
    if path is None or not path.is_file():
        return "absent"
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 16):
            h.update(chunk)
    return h.hexdigest()


def tree_hashes(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (links recorded, not followed)."""
    out: dict[str, str] = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for f in sorted(files):
            p = Path(root, f)
            rel = p.relative_to(folder).as_posix()
            out[rel] = f"link:{os.readlink(p)}" if p.is_symlink() else file_hash(p)
    return out


def copy_for_run(folder: Path, dest: Path) -> None:
    """Copy a hand-in's files into ``dest`` (the kernel's working folder); links are skipped."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not Path(root, d).is_symlink()]
        rel = Path(root).relative_to(folder)
        (dest / rel).mkdir(parents=True, exist_ok=True)
        for f in files:
            src = Path(root, f)
            if src.is_symlink() or not src.is_file():
                continue
            shutil.copyfile(src, dest / rel / f)
