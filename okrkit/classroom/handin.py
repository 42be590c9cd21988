"""Collect, grade, hand back: a class's work snapshotted, graded by the kit's grader, returned to each participant.

How late work and re-collection behave (the trainer guide says the same):

- **collect** copies every participant's exercise notebooks and ``answers/*.json`` (not
  ``answers/.history``, nothing hidden) into a new numbered snapshot
  ``collected/<NNN>-<time>/<display name>/`` — the ``SUBMISSIONS`` layout of ``okrkit grade``.
  Each collection is a new snapshot; none is ever changed or removed.  The snapshot is written under a
  temporary name and renamed when complete, so a grader never sees half of one.  Work saved after a
  collection is in the next one; participants keep working throughout.
- **grade** grades one snapshot (default: the newest) into ``grades/<NNN>-<time>/`` with
  :func:`okrkit.grading.grade_class`.  Grading is incremental: the previous graded snapshot's
  manifest is carried over, so a hand-in whose notebook and answers did not change since the last
  collection is not run again.  The participants' notebooks never run as root: when this runs as
  root the grader runs as the system user ``okrkit-grader`` (created on first use) on a private copy
  of the snapshot in a temporary folder, and only its outputs are copied back.
- **hand back** takes the newest *graded* snapshot and copies each participant's feedback page to
  ``home/<user>/feedback/feedback.html`` (owned by the participant), where their own server serves
  it at ``/user/<user>/files/feedback/feedback.html``.  Handing back again after a later grading
  replaces the page; ``feedback/handback.json`` says which collection it came from.

Examples
--------
>>> next_snapshot_name(["001-20260301-090000", "002-20260301-101500"], when=0).split("-")[0]
'003'
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..errors import InputError
from ..files import atomic_write
from .layout import ClassLayout, system_user
from .progress import ClassInfo, read_class

GRADER_USER = "okrkit-grader"
FEEDBACK_PAGE = "feedback/feedback.html"   # relative to a participant's folder (and server root)
HANDBACK_NOTE = "feedback/handback.json"
COLLECTION_FILE = ".collection.json"       # in a snapshot: who is which folder (hidden: the grader skips it)
_SNAPSHOT = re.compile(r"^(\d{3,})-\d{8}-\d{6}$")

i18n.register({
    "trainer.collected": {"en": "Collected {n} participants into {snapshot}.",
                          "vi": "Đã thu bài của {n} học viên vào {snapshot}."},
    "trainer.graded": {"en": "Graded {snapshot}: {n} notebooks run, {reused} unchanged reused.",
                       "vi": "Đã chấm {snapshot}: chạy {n} notebook, dùng lại {reused} bài không đổi."},
    "trainer.handed_back": {"en": "Feedback handed back to {n} participants (from {snapshot}).",
                            "vi": "Đã trả nhận xét cho {n} học viên (từ {snapshot})."},
    "trainer.no_snapshot": {"en": "Nothing collected yet", "vi": "Chưa thu bài lần nào"},
    "trainer.no_snapshot.hint": {"en": "collect first: okrkit classroom collect",
                                 "vi": "hãy thu bài trước: okrkit classroom collect"},
    "trainer.no_grades": {"en": "No collection has been graded yet", "vi": "Chưa chấm lần thu bài nào"},
    "trainer.no_grades.hint": {"en": "grade first: okrkit classroom grade",
                               "vi": "hãy chấm bài trước: okrkit classroom grade"},
    "trainer.unknown_snapshot": {"en": "No collection named {name}", "vi": "Không có lần thu bài tên {name}"},
    "trainer.unknown_snapshot.hint": {"en": "see okrkit classroom status for the collections",
                                      "vi": "xem danh sách lần thu bài bằng okrkit classroom status"},
    "trainer.not_a_class": {"en": "This is not a class folder (no class.json, no home/)",
                            "vi": "Đây không phải thư mục lớp học (không có class.json, không có home/)"},
    "trainer.not_a_class.hint": {"en": "give the folder that okrkit classroom start made (--dir)",
                                 "vi": "hãy chỉ ra thư mục mà okrkit classroom start đã tạo (--dir)"},
})


def feedback_link(folder: str | os.PathLike = ".") -> str | None:
    """The address of the handed-back feedback page, seen from a participant's own server, or None.

    Inside a participant's kernel (its folder is the server's root, the hub sets
    ``JUPYTERHUB_SERVICE_PREFIX`` = ``/user/<user>/``): ``/user/<user>/files/feedback/feedback.html``.
    """
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
    if not prefix or not (Path(folder) / FEEDBACK_PAGE).is_file():
        return None
    return prefix.rstrip("/") + "/files/" + FEEDBACK_PAGE


def check_class(layout: ClassLayout, lang: str | None = None) -> ClassInfo:
    """The class's roster, or one clear error when ``layout`` is not a class folder."""
    if not layout.class_file.exists() and not layout.homes.is_dir():
        raise InputError(i18n.t("trainer.not_a_class", lang), file=str(layout.root),
                         hint=i18n.t("trainer.not_a_class.hint", lang))
    return read_class(layout)


# ---------------------------------------------------------------- names

def next_snapshot_name(existing, *, when: float | None = None) -> str:
    """``NNN-YYYYMMDD-HHMMSS`` (UTC) after the highest number in ``existing``."""
    numbers = [int(m[1]) for name in existing if (m := _SNAPSHOT.match(str(name)))]
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(time.time() if when is None else when))
    return f"{max(numbers, default=0) + 1:03d}-{stamp}"


def snapshots(folder: Path) -> list[str]:
    """The snapshot names in ``folder`` (``collected/`` or ``grades/``), oldest first."""
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.iterdir() if p.is_dir() and _SNAPSHOT.match(p.name)]
    return sorted(names, key=lambda n: int(n.split("-")[0]))


def folder_names(info: ClassInfo) -> dict[str, str]:
    """``{user: folder name}``: the roster's display name, made unique and safe as one folder name."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for m in info.members:
        base = " ".join(m.name.replace("/", "-").replace("\\", "-").replace("\0", "").split()).lstrip(".") or m.user
        name = base if base.lower() not in used else f"{base} ({m.user})"
        used.add(name.lower())
        out[m.user] = name
    return out


# ---------------------------------------------------------------- collect

@dataclass(frozen=True)
class Collection:
    name: str
    folder: Path
    participants: int
    files: int


def collect(layout: ClassLayout, *, lang: str | None = None) -> Collection:
    """Snapshot every participant's notebooks and answers into a new ``collected/<NNN>-<time>/``."""
    info = check_class(layout, lang)
    layout.collected.mkdir(parents=True, exist_ok=True)
    os.chmod(layout.collected, 0o700)
    tmp = Path(tempfile.mkdtemp(prefix=".collecting-", dir=layout.collected))
    names = folder_names(info)
    files = 0
    index = {"collected_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "participants": []}
    try:
        for m in info.members:
            dest = tmp / names[m.user]
            dest.mkdir()
            home = layout.home(m.user)
            copied = _copy_work(home, dest)
            files += copied
            index["participants"].append({"user": m.user, "name": m.name, "folder": names[m.user],
                                          "files": copied})
        atomic_write(tmp / COLLECTION_FILE, json.dumps(index, ensure_ascii=False, indent=2))
        while True:  # the number is taken by the rename, so two collections at once never share one
            name = next_snapshot_name(snapshots(layout.collected))
            try:
                os.rename(tmp, layout.collected / name)
                break
            except OSError:
                if not (layout.collected / name).exists():
                    raise
                time.sleep(0.01)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Collection(name, layout.collected / name, len(info.members), files)


def _copy_work(home: Path, dest: Path) -> int:
    """Copy ``home``'s exercise notebooks and answers (no history, no links, nothing hidden)."""
    n = 0
    if not home.is_dir():
        return 0
    for nb in sorted(home.glob("*.ipynb")):
        if nb.is_file() and not nb.is_symlink() and not nb.name.startswith("."):
            shutil.copyfile(nb, dest / nb.name)
            n += 1
    answers = home / "answers"
    if answers.is_dir() and not answers.is_symlink():
        (dest / "answers").mkdir()
        for f in sorted(answers.glob("*.json")):
            if f.is_file() and not f.is_symlink() and not f.name.startswith("."):
                shutil.copyfile(f, dest / "answers" / f.name)
                n += 1
    return n


# ---------------------------------------------------------------- grade

@dataclass(frozen=True)
class Grading:
    name: str
    folder: Path
    executed: int
    reused: int
    summary: dict


def _pick(layout: ClassLayout, snapshot: str | None, lang: str | None) -> str:
    names = snapshots(layout.collected)
    if not names:
        raise InputError(i18n.t("trainer.no_snapshot", lang), file=str(layout.collected),
                         hint=i18n.t("trainer.no_snapshot.hint", lang))
    if snapshot is None:
        return names[-1]
    match = [n for n in names if n == snapshot or n.split("-")[0] == str(snapshot).zfill(3)]
    if not match:
        raise InputError(i18n.t("trainer.unknown_snapshot", lang, name=snapshot), file=str(layout.collected),
                         hint=i18n.t("trainer.unknown_snapshot.hint", lang))
    return match[0]


def grade(layout: ClassLayout, snapshot: str | None = None, *, workers: int = 2, timeout: float = 60.0,
          lang: str | None = None, as_user: str | None = None) -> Grading:
    """Grade a snapshot (default the newest) into ``grades/<same name>/``, never as root."""
    info = check_class(layout, lang)
    lang = i18n.get_lang(lang or info.lang)
    name = _pick(layout, snapshot, lang)
    source = layout.collected / name
    target = layout.grades / name
    layout.grades.mkdir(parents=True, exist_ok=True)
    previous = [n for n in snapshots(layout.grades) if int(n.split("-")[0]) < int(name.split("-")[0])]
    seed = target if (target / ".okrkit-grade").is_dir() else (layout.grades / previous[-1] if previous else None)

    work = Path(tempfile.mkdtemp(prefix="okrkit-classgrade-"))
    try:
        subs, out, home = work / "submissions", work / "grades", work / "home"
        shutil.copytree(source, subs, ignore=shutil.ignore_patterns(COLLECTION_FILE))
        if seed is not None:
            shutil.copytree(seed, out, ignore=shutil.ignore_patterns("worker-*.log"))
        home.mkdir()
        user = (as_user or None) if as_user is not None else (GRADER_USER if os.geteuid() == 0 else None)
        if user:
            ensure_system_user(user)
            pw = pwd.getpwnam(user)
            for root, dirs, files in os.walk(work):
                for p in [root, *(os.path.join(root, x) for x in dirs + files)]:
                    os.lchown(p, pw.pw_uid, pw.pw_gid)
        cmd = [sys.executable, "-m", "okrkit.cli", "grade", str(subs), "--out", str(out), "--lang", lang,
               "--sample", info.sample,
               "--workers", str(workers), "--timeout", str(timeout), "--quiet"]
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "TZ")}
        env.update({"HOME": str(home), "OKRKIT_LANG": lang, "OKRKIT_SAMPLE": info.sample, "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                    "JUPYTER_DATA_DIR": str(home / "data"), "IPYTHONDIR": str(home / "ipython"),
                    "MPLCONFIGDIR": str(home / "mpl"), "PYTHONDONTWRITEBYTECODE": "1"})
        if user:
            wrap = lambda c: confined(c, user=user, hide=(layout.root,), stage=work / "stage")  # noqa: E731
            probe = subprocess.run(wrap([sys.executable, "-c", "import okrkit.grading.run"]), cwd=work, env=env,
                                   capture_output=True, text=True, check=False)
            if probe.returncode != 0:
                raise InputError(f"the grading account {user} cannot run the kit's Python ({sys.executable}): "
                                 f"{(probe.stderr.strip().splitlines() or [''])[-1]}",
                                 hint="make the kit and its Python readable by other users, or grade with "
                                      "--as-user NAME")
            cmd = wrap(cmd)
        proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise InputError(f"the grader stopped (exit {proc.returncode}): {last}", file=str(source))
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        summary["submissions"] = str(source)
        summary["out"] = str(target)
        atomic_write(out / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
        tmp_target = layout.grades / f".{name}.incoming"
        shutil.rmtree(tmp_target, ignore_errors=True)
        shutil.copytree(out, tmp_target)
        for root, dirs, files in os.walk(tmp_target):
            for p in [root, *(os.path.join(root, x) for x in dirs + files)]:
                if os.geteuid() == 0:
                    os.lchown(p, 0, 0)
        if target.exists():
            shutil.rmtree(target)
        os.rename(tmp_target, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Grading(name, target, int(summary.get("executed", 0)), int(summary.get("reused", 0)), summary)


def confined(cmd: list[str], *, user: str, hide=(), stage: Path) -> list[str]:
    """``cmd`` run as ``user`` without network, in a private mount namespace (needs root; util-linux).

    Inside: ``hide`` (the class folder: every participant's live work) is an empty tmpfs, so the
    grader sees only its private copy of the snapshot; folders other users cannot enter (a pyenv
    Python under ``/root``, say) are replaced by a tmpfs in which only the paths the kit needs
    (Python, the virtual environment, the kit) are bound back read-only.  A new network namespace
    without interfaces: papermill's kernels talk over IPC sockets, nothing needs the network.
    Nothing on the machine has its permissions changed.
    """
    import shlex

    stage.mkdir(mode=0o700, exist_ok=True)
    q = shlex.quote
    steps = []
    for closed, keep in sorted(_hidden(_needed_paths()).items()):
        steps += [f"mount --bind {q(closed)} {q(str(stage))}",
                  f"mount -t tmpfs -o mode=0755,size=1m okrkit-hidden {q(closed)}"]
        for path in keep:
            inside = os.path.join(str(stage), os.path.relpath(path, closed))
            steps += [f"mkdir -p {q(path)}", f"mount --bind {q(inside)} {q(path)}",
                      f"mount -o remount,bind,ro {q(path)}"]
        steps.append(f"umount -l {q(str(stage))}")
    for folder in hide:
        steps.append(f"mount -t tmpfs -o mode=0755,size=1m okrkit-hidden {q(str(folder))}")
    steps.append("exec setpriv --reuid={u} --regid={u} --clear-groups -- \"$@\"".format(u=q(user)))
    return ["unshare", "--mount", "--net", "--propagation", "private", "sh", "-c", " && ".join(steps),
            "okrkit-grader", *cmd]


def _needed_paths() -> list[Path]:
    import okrkit

    paths = [Path(os.path.realpath(sys.base_prefix)), Path(sys.prefix), Path(os.path.realpath(sys.prefix)),
             Path(okrkit.__file__).resolve().parent.parent]
    paths += [Path(p).resolve() for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def _closed_ancestor(path: Path) -> Path | None:
    """The highest folder on ``path`` that other users cannot enter, if any."""
    import stat

    for parent in [*reversed(path.parents), path]:
        try:
            mode = parent.stat().st_mode
        except OSError:
            return None
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return parent
    return None


def _hidden(paths: list[Path]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in paths:
        closed = _closed_ancestor(p)
        if closed is not None and closed != p:
            out.setdefault(str(closed), []).append(str(p))
    return out


def ensure_system_user(user: str) -> None:
    """Create the system account ``user`` (no home, no login shell) unless it exists."""
    try:
        pwd.getpwnam(user)
        return
    except KeyError:
        pass
    nologin = "/usr/sbin/nologin" if Path("/usr/sbin/nologin").exists() else "/bin/false"
    proc = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", nologin, user],
                          capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 9):  # 9: it exists (made meanwhile)
        raise InputError(f"could not create the system user {user}: {proc.stderr.strip()}",
                         hint="run the class as root, or create the user yourself")


# ---------------------------------------------------------------- hand back

@dataclass(frozen=True)
class Handback:
    name: str
    participants: tuple[str, ...]     # users who got a page
    missing: tuple[str, ...]          # users in the roster without a page in that grading


def handback(layout: ClassLayout, snapshot: str | None = None, *, lang: str | None = None) -> Handback:
    """Copy each participant's feedback from the newest graded snapshot into their folder."""
    from ..grading.submissions import slug

    info = check_class(layout, lang)
    graded = [n for n in snapshots(layout.grades) if (layout.grades / n / "summary.json").exists()]
    if snapshot is not None:
        graded = [n for n in graded if n == snapshot or n.split("-")[0] == str(snapshot).zfill(3)]
    if not graded:
        raise InputError(i18n.t("trainer.no_grades", lang), file=str(layout.grades),
                         hint=i18n.t("trainer.no_grades.hint", lang))
    name = graded[-1]
    index = _collection_index(layout.collected / name)
    folders = {p["user"]: p["folder"] for p in index.get("participants", [])} or folder_names(info)
    given, missing = [], []
    for m in info.members:
        folder = folders.get(m.user)
        page = layout.grades / name / "feedback" / f"{slug(folder)}.html" if folder else None
        home = layout.home(m.user)
        if page is None or not page.is_file() or not home.is_dir():
            missing.append(m.user)
            continue
        owner = _owner(m.user)
        dest = home / FEEDBACK_PAGE
        _make_dir(dest.parent, owner)
        atomic_write(dest, page.read_bytes())
        note = {"collection": name, "handed_back_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "page": FEEDBACK_PAGE}
        atomic_write(home / HANDBACK_NOTE, json.dumps(note, ensure_ascii=False, indent=2))
        for p in (dest, home / HANDBACK_NOTE):
            os.chmod(p, 0o600)
            if owner:
                os.chown(p, *owner)
        given.append(m.user)
    return Handback(name, tuple(given), tuple(missing))


def _collection_index(folder: Path) -> dict:
    try:
        data = json.loads((folder / COLLECTION_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _owner(user: str) -> tuple[int, int] | None:
    """``(uid, gid)`` of the participant's system user when this runs as root and it exists."""
    if os.geteuid() != 0:
        return None
    try:
        pw = pwd.getpwnam(system_user(user))
    except KeyError:
        return None
    return pw.pw_uid, pw.pw_gid


def _make_dir(folder: Path, owner: tuple[int, int] | None) -> None:
    if folder.is_symlink():  # a participant's link must not send root's writes elsewhere
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    if owner:
        os.chown(folder, *owner)


# ---------------------------------------------------------------- status

def status(layout: ClassLayout, *, lang: str | None = None) -> dict:
    """The collections, which are graded, and what was last handed back."""
    info = check_class(layout, lang)
    graded = set(snapshots(layout.grades))
    rows = []
    for name in snapshots(layout.collected):
        summary = {}
        if name in graded:
            try:
                summary = json.loads((layout.grades / name / "summary.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                summary = {}
        index = _collection_index(layout.collected / name)
        rows.append({"name": name, "collected_at": index.get("collected_at"),
                     "participants": len(index.get("participants", [])), "graded": bool(summary),
                     "statuses": summary.get("statuses", {}), "executed": summary.get("executed"),
                     "reused": summary.get("reused")})
    back = None
    for m in info.members:
        try:
            note = json.loads((layout.home(m.user) / HANDBACK_NOTE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if back is None or note.get("collection", "") > back:
            back = note.get("collection")
    return {"participants": len(info.members), "collections": rows, "handed_back": back}
