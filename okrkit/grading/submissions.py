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
paths, no ``..``, no links, no two members of one name, bounded size) and
reading each one whole (a damaged, encrypted or oddly compressed member shows
only then).  Whatever is wrong with one hand-in becomes that participant's
:attr:`Participant.problem`, one line in English (the feedback pages translate
it); :func:`discover` never raises for a hand-in.

A name starting with ``.`` is a participant like any other (``.An`` is graded as
``.An``); only the junk that file managers and tools leave behind
(:data:`JUNK_FILES`, :data:`JUNK_DIRS`) is passed over without a word.  A folder
and a zip of the same name are one participant whose hand-in cannot be used
until the trainer keeps one of them.
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

from ..answers import MAX_JSON_DEPTH, JSONRefused, load_json
from ..errors import InputError

# Limits for what one participant may hand in.
MAX_FILES = 500
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
MAX_ZIP_RATIO = 200  # uncompressed / compressed, per member
SKIP_DIRS = {".history", ".ipynb_checkpoints", "__pycache__", ".git"}
# What file managers, editors and version control leave in a folder: never a hand-in, passed over silently.
JUNK_FILES = frozenset({".DS_Store", ".localized", "Thumbs.db", "desktop.ini", "Icon\r"})
JUNK_DIRS = frozenset(SKIP_DIRS | {"__MACOSX", ".svn", ".hg", ".Trashes", ".Spotlight-V100", ".fseventsd",
                                   ".TemporaryItems", ".DocumentRevisions-V100", ".vscode", ".idea"})
# Archives the grader does not open: handed in, so reported as that participant's row.
OTHER_ARCHIVES = (".rar", ".7z", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".gz", ".zipx")
# Compression methods zipfile reads (stored, deflate, bzip2, lzma); others (deflate64 = 9, …) are refused.
ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
               zipfile.ZIP_LZMA: "lzma"}
ZIP_METHOD_NAMES = {1: "shrink", 6: "implode", 9: "deflate64", 10: "PKWARE implode", 19: "IBM LZ77", 93: "zstd",
                    95: "xz", 96: "JPEG", 97: "WavPack", 98: "PPMd", 99: "AES encryption"}
APPLEDOUBLE_MAGIC = b"\x00\x05\x16\x07"  # a "._Name.zip" beside "Name.zip": macOS metadata, not a zip


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


def discover(submissions: Path, exercises: tuple[str, ...], *, work: Path, only: tuple[str, ...] = (),
             skipped: list[tuple[str, str]] | None = None) -> list[Participant]:
    """The participants in ``submissions``, zips unpacked safely under ``work``.

    Never raises for a hand-in: what makes one unusable is its
    :attr:`Participant.problem`.  Entries that are no participant's hand-in (a
    roster file, a notebook on its own) are appended to ``skipped`` as
    ``(name, why)`` for the trainer to be told; junk (:data:`JUNK_FILES`,
    :data:`JUNK_DIRS`) is passed over silently.
    """
    try:
        entries = sorted(submissions.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise InputError(f"the submissions folder cannot be read ({exc.strerror or exc.__class__.__name__})",
                         file=str(submissions), hint="check that the folder is readable by your user") from None
    # Hand-ins by name (as a person reads it: Unicode-normalised), in the order of the folder listing.
    by_name: dict[str, list[tuple[str, Path, str]]] = {}
    for entry in entries:
        kind, name = _kind(entry)
        if kind == "junk":
            continue
        if kind == "stray":
            if skipped is not None:
                skipped.append((_shown(entry.name), name))
            continue
        name = _shown(name)
        by_name.setdefault(unicodedata.normalize("NFC", name), []).append((name, entry, kind))
    participants: list[Participant] = []
    used: set[str] = set()
    for n, group in enumerate(by_name.values()):
        name, entry, kind = group[0]
        if len(group) > 1:
            participants.append(_participant(name, entry, None, used, _twins(name, group)))
            continue
        try:
            folder, problem = _open_hand_in(entry, kind, work / "unzipped" / f"{n:03d}")
        except Exception as exc:  # noqa: BLE001 - one bad hand-in is one row, never a crashed run
            folder, problem = None, f"the hand-in could not be read ({_exc_line(exc)})"
        participants.append(_participant(name, entry, folder if problem is None else None, used, problem))
    if only:
        wanted = set(only) | {slug(o) for o in only}
        participants = [p for p in participants if p.name in wanted or p.slug in wanted]
    for p in participants:
        if p.folder is not None:
            try:
                p.notebooks = find_notebooks(p.folder, exercises)
            except OSError as exc:
                p.folder, p.problem = None, f"the hand-in's files cannot be listed ({_exc_line(exc)})"
    return participants


def _kind(entry: Path) -> tuple[str, str]:
    """``(kind, name)`` of an entry of SUBMISSIONS: a hand-in (``folder``, ``zip``, ``link``, ``archive``)
    and its participant's name, or ``junk``, or ``stray`` and why it is no hand-in."""
    name = entry.name
    lower = name.lower()
    if entry.is_symlink():
        return "link", (name[:-4] or name) if lower.endswith(".zip") else name
    if entry.is_dir():
        return ("junk", name) if name in JUNK_DIRS or re.fullmatch(r"\.Trash(-\d+)?", name) else ("folder", name)
    if not entry.is_file():
        return "stray", "not a folder, a .zip or a regular file"
    if name in JUNK_FILES or (name.startswith("._") and _is_appledouble(entry)):
        return "junk", name
    if lower.endswith(".zip"):
        return "zip", name[:-4] or name
    for ext in OTHER_ARCHIVES:
        if lower.endswith(ext) and len(name) > len(ext):
            return "archive", name[: -len(ext)]
    if lower.endswith(".ipynb"):
        return "stray", "a notebook on its own: each participant's notebooks go in a folder (or .zip) named after them"
    return "stray", "not a folder or a .zip: not a hand-in"


def _is_appledouble(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == APPLEDOUBLE_MAGIC
    except OSError:
        return False


def _shown(name: str) -> str:
    """A name as the gradebook shows it: bytes that are not UTF-8 and control characters become \ufffd."""
    try:
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        name = name.encode("utf-8", "replace").decode("utf-8")
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in name)


_KIND_WORDS = {"folder": "a folder", "zip": "a zip", "link": "a link", "archive": "an archive"}


def _twins(name: str, group: list[tuple[str, Path, str]]) -> str:
    kinds = [k for _, _, k in group]
    if len(group) == 2 and kinds[0] != kinds[1]:
        return f"both {_KIND_WORDS[kinds[0]]} and {_KIND_WORDS[kinds[1]]} named {name} were handed in; keep one"
    files = ", ".join(_shown(e.name) for _, e, _ in group)
    return f"{len(group)} hand-ins named {name} were handed in ({files}); keep one"


def _exc_line(exc: BaseException) -> str:
    kind = exc.__class__.__name__
    if kind == "error":  # zlib.error, struct.error: the module says what it is
        kind = f"{exc.__class__.__module__}.error"
    text = " ".join(str(exc).split())
    return f"{kind}: {text[:120]}" if text else kind


def _open_hand_in(entry: Path, kind: str, target: Path) -> tuple[Path | None, str | None]:
    """``(folder, problem)`` of one hand-in; a zip is unpacked into ``target``."""
    if kind == "link":
        return None, "a link, not a folder: not followed"
    if kind == "archive":
        return None, (f"{entry.name} is not a .zip (the grader opens folders and .zip files only); "
                      "hand in a .zip instead")
    if kind == "folder":
        return entry, _check_tree(entry)
    try:
        return unzip(entry, target), None
    except InputError as exc:
        shutil.rmtree(target, ignore_errors=True)
        return None, exc.what


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
        # "ex03_…" matches ex03_cascade; quiz_pre and quiz_post share "quiz_", so only a numbered id has a prefix
        prefix = ex.split("_", 1)[0] + "_" if re.match(r"ex\d\d_", ex) else ex
        close = [p for p in notebooks if p.name.startswith(prefix) or p.name.startswith(ex)]
        if len(close) == 1:
            found[ex] = close[0]
    return found


class NotRegularFile(OSError):
    """A hand-in's file that is a link, a folder, a pipe or a device where a regular file belongs."""


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``, links not followed, never blocking on a pipe.

    Raises :class:`NotRegularFile` (an ``OSError``) for anything but a regular file, ``OSError`` when it
    cannot be read.  Read ``limit + 1`` bytes to tell "at the limit" from "beyond it".
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise NotRegularFile(f"{path} is a link") from exc
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        chunks, left = [], limit
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def notebook_problem(source: Path | bytes) -> str | None:
    """Why a hand-in's notebook cannot be run (cheap checks before a kernel is spent), or None.

    ``source`` is the notebook's path, or its bytes as already read (so that what
    is checked is what is hashed and run).  Too large, not UTF-8, not JSON, nested
    deeper than :data:`okrkit.answers.MAX_JSON_DEPTH`, a key given twice in one
    object, or no list of cells: each is one line in English.

    >>> notebook_problem(b'{"cells": [], "cells": []}')
    "the notebook file names the key 'cells' twice in one object"
    >>> notebook_problem(b'{"cells": []}') is None
    True
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        try:
            data = read_regular(Path(source), MAX_NOTEBOOK_BYTES + 1)
        except NotRegularFile:
            return "the notebook is not a regular file (a link, a folder or a device)"
        except OSError as exc:
            return f"the notebook file cannot be read ({exc.strerror or exc.__class__.__name__})"
    if len(data) > MAX_NOTEBOOK_BYTES:
        return f"the notebook is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "the notebook file is not UTF-8 text"
    try:
        nb = load_json(text, max_depth=MAX_JSON_DEPTH)
    except JSONRefused as exc:
        if exc.kind == "invalid":
            return f"the notebook file is not valid JSON (truncated or damaged: {exc.detail})"
        return f"the notebook file {exc.detail}"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return "the file is not a Jupyter notebook (no cells)"
    return None


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
    """Unpack a participant's zip into ``target`` after checking every member; return its folder.

    Every member is read whole (its checksum is verified only then) before the
    hand-in counts as unpacked; anything wrong is one :class:`InputError` whose
    ``what`` is the participant's one-line reason.
    """
    try:
        zf = zipfile.ZipFile(path)
    except Exception as exc:  # noqa: BLE001 - BadZipFile, OSError, EOFError, struct.error…: the file's fault
        raise InputError(f"the zip file is damaged or not a zip ({_exc_line(exc)}); zip the folder again",
                         file=str(path)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise InputError(f"the zip holds {len(infos)} members (limit {MAX_FILES})", file=str(path))
        _check_members(infos, path)
        target.mkdir(parents=True, exist_ok=True)
        root = target.resolve()
        for info in infos:
            _unpack_member(zf, info, root, path)
    # A zip of one top folder ("An/ex01….ipynb") is that folder.
    children = [c for c in target.iterdir() if c.name != "__MACOSX"]
    if len(children) == 1 and children[0].is_dir() and not list(target.glob("*.ipynb")):
        return children[0]
    return target


def _member(name: str) -> str:
    """A zip member's name for a reason: quoted, at most 60 characters (the advice after it must fit the line)."""
    name = _shown(name)
    return repr(name if len(name) <= 60 else name[:29] + "…" + name[-30:])


def _member_parts(name: str) -> tuple[str, ...]:
    return tuple(p for p in name.replace("\\", "/").split("/") if p not in ("", "."))


def _check_members(infos: list[zipfile.ZipInfo], path: Path) -> None:
    """Refuse a zip from its directory alone: escapes, links, encryption, methods, duplicates, sizes."""
    total = 0
    files: set[tuple[str, ...]] = set()
    folders: set[tuple[str, ...]] = set()
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise InputError(f"zip member {_member(name)} points outside its folder", file=str(path))
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise InputError(f"zip member {_member(name)} is a link", file=str(path))
        if info.flag_bits & 0x1:
            raise InputError(f"zip member {_member(name)} is encrypted (password-protected); zip the folder again "
                             "without a password", file=str(path))
        if info.compress_type not in ZIP_METHODS:
            method = ZIP_METHOD_NAMES.get(info.compress_type, "unknown")
            raise InputError(f"zip member {_member(name)} uses a compression method the grader cannot read "
                             f"({method}, method {info.compress_type}); zip the folder again with the usual "
                             "method (deflate)", file=str(path))
        key = tuple(unicodedata.normalize("NFC", p) for p in _member_parts(name))
        if key and not info.is_dir():
            if key in files:
                raise InputError(f"two files named {_member('/'.join(key))} in the zip; zip the folder again",
                                 file=str(path))
            files.add(key)
        folders.update(key[:i] for i in range(1, len(key) if not info.is_dir() else len(key) + 1))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"the zip unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB", file=str(path))
        if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 2**20:
            raise InputError(f"zip member {_member(name)} is compressed suspiciously well (a zip bomb?)",
                             file=str(path))
    clash = files & folders
    if clash:
        raise InputError(f"zip member {_member('/'.join(min(clash)))} is both a file and a folder", file=str(path))


def _unpack_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, root: Path, path: Path) -> None:
    """Read one member whole (checksum included) and write it under ``root``; folders are made."""
    name = info.filename
    parts = _member_parts(name)
    dest = root.joinpath(*parts) if parts else root
    if parts and root not in dest.resolve().parents:
        raise InputError(f"zip member {_member(name)} points outside its folder", file=str(path))
    out = None
    try:
        if info.is_dir() or not parts:
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            out = open(dest, "xb")  # noqa: SIM115 - closed in finally; "x": never over a file already unpacked
        written = 0
        with zf.open(info) as src:
            while chunk := src.read(1 << 16):
                written += len(chunk)
                if written > info.file_size or written > MAX_TOTAL_BYTES:
                    raise InputError(f"zip member {_member(name)} is larger than it claims", file=str(path))
                if out is not None:
                    out.write(chunk)
    except InputError:
        raise
    except zipfile.BadZipFile as exc:
        why = "its checksum does not match" if "CRC" in str(exc) else _exc_line(exc)
        raise InputError(f"zip member {_member(name)} is damaged ({why}); zip the folder again",
                         file=str(path)) from None
    except RuntimeError as exc:  # zipfile: "… is encrypted, password required" (a flag set in one header only)
        raise InputError(f"zip member {_member(name)} cannot be read ({_exc_line(exc)}); zip the folder again "
                         "without a password", file=str(path)) from None
    except NotImplementedError:
        raise InputError(f"zip member {_member(name)} uses a compression method the grader cannot read; zip the folder "
                         "again with the usual method (deflate)", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"zip member {_member(name)} cannot be unpacked ({exc.strerror or _exc_line(exc)})",
                         file=str(path)) from None
    except Exception as exc:  # noqa: BLE001 - zlib.error, EOFError, lzma/bz2 errors, struct.error: a damaged member
        raise InputError(f"zip member {_member(name)} is damaged ({_exc_line(exc)}); zip the folder again",
                         file=str(path)) from None
    finally:
        if out is not None:
            out.close()


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
