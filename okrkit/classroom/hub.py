"""Start, resume and stop a class: a real JupyterHub serving the kit to everyone on a roster.

``okrkit classroom start ROSTER`` prepares the class folder (:mod:`okrkit.classroom.layout`):
accounts for the roster's names, one folder per participant with the exercises in the class's
language, passwords, printable login slips; then it starts JupyterHub (with
configurable-http-proxy from the kit's ``node_modules``) in the background and prints where the
class can reach it. Everything the hub needs to resume lives in the class folder, so starting
again on the same folder brings back the same accounts, passwords and answers.

The generated ``hub/jupyterhub_config.py`` is two lines that call :func:`configure`; every
setting is made there, in one place.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import i18n
from ..errors import InputError, OkrkitError
from .layout import ClassLayout, system_user
from .roster import Participant, participants, read_roster

TRAINER = "trainer"
FIRST_EXERCISE = "ex01_sales_okr"
DEFAULT_PORT = 8000
START_TIMEOUT = 300         # seconds for the hub to answer /hub/health (a busy 2-core machine needs minutes)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz"   # no i, l, o: nothing to confuse with 1 and 0 on a slip
_DIGITS = "23456789"

i18n.register({
    "class.running": {"en": "The class is open.", "vi": "Lớp học đã mở."},
    "class.resumed": {"en": "The class is open again: same accounts, same answers.",
                      "vi": "Lớp học đã mở lại: vẫn các tài khoản và bài làm cũ."},
    "class.already": {"en": "The class was already running.", "vi": "Lớp học đang chạy sẵn."},
    "class.address": {"en": "Address for participants", "vi": "Địa chỉ cho học viên"},
    "class.password": {"en": "Class password", "vi": "Mật khẩu lớp"},
    "class.trainer": {"en": "Trainer account", "vi": "Tài khoản giảng viên"},
    "class.trainer_password": {"en": "Trainer password", "vi": "Mật khẩu giảng viên"},
    "class.participants": {"en": "Participants", "vi": "Học viên"},
    "class.slips": {"en": "Login slips to print", "vi": "Phiếu đăng nhập để in"},
    "class.stop_with": {"en": "Stop the class with", "vi": "Dừng lớp bằng lệnh"},
    "class.same_name": {"en": "{n} participants are called {name}: on the login page they are {shown}",
                        "vi": "{n} học viên cùng tên {name}: trên trang đăng nhập là {shown}"},
    "class.no_root": {
        "en": "not running as root: every participant's server runs as {user}. Folders are separate, but "
              "participants are not isolated from each other; run as root (sudo) for one system account each.",
        "vi": "không chạy bằng root: máy chủ của mọi học viên chạy dưới tài khoản {user}. Thư mục vẫn riêng, "
              "nhưng học viên không được tách biệt hẳn; chạy bằng root (sudo) để mỗi người có tài khoản hệ thống riêng."},
    "class.stopped": {"en": "The class is stopped; answers and accounts are kept in {dir}.",
                      "vi": "Lớp học đã dừng; bài làm và tài khoản vẫn được giữ trong {dir}."},
    "class.not_running": {"en": "no class is running from {dir}", "vi": "không có lớp nào đang chạy từ {dir}"},
    "class.not_running.hint": {"en": "start it with `okrkit classroom start ROSTER --dir {dir}`",
                               "vi": "mở lớp bằng `okrkit classroom start ROSTER --dir {dir}`"},
    "class.no_class": {"en": "no class in this folder yet", "vi": "thư mục này chưa có lớp nào"},
    "class.no_class.hint": {"en": "give the roster: `okrkit classroom start ROSTER --dir {dir}`",
                            "vi": "hãy ghi danh sách lớp: `okrkit classroom start ROSTER --dir {dir}`"},
    "class.hub_failed": {"en": "JupyterHub did not start ({reason})", "vi": "JupyterHub không khởi động được ({reason})"},
    "class.hub_failed.hint": {"en": "see the log {log}", "vi": "xem nhật ký {log}"},
    "class.no_answer": {"en": "no answer after {s} s", "vi": "không phản hồi sau {s} giây"},
    "class.port_busy": {"en": "port {port} is in use by another program", "vi": "cổng {port} đang bị chương trình khác dùng"},
    "class.port_busy.hint": {"en": "choose another with --port, e.g. --port 8010",
                             "vi": "chọn cổng khác bằng --port, ví dụ --port 8010"},
    "class.no_proxy": {"en": "configurable-http-proxy is not installed", "vi": "chưa cài configurable-http-proxy"},
    "class.no_proxy.hint": {"en": "run `make setup` in the kit's folder (it installs the Node tools)",
                            "vi": "chạy `make setup` trong thư mục của bộ công cụ (lệnh này cài các công cụ Node)"},
    "class.no_exercises": {"en": "the kit's exercises are missing ({dir})", "vi": "thiếu các bài tập của bộ công cụ ({dir})"},
    "class.no_exercises.hint": {"en": "run `okrkit assign` in the kit's folder",
                                "vi": "chạy `okrkit assign` trong thư mục của bộ công cụ"},
    "class.user_taken": {"en": "the system account {account} exists already and is not one of this kit's",
                         "vi": "tài khoản hệ thống {account} đã có và không phải của bộ công cụ này"},
    "class.user_taken.hint": {"en": "rename the participant in the roster or remove that account",
                              "vi": "đổi tên học viên trong danh sách hoặc xoá tài khoản đó"},
    "class.unreachable": {"en": "participants' accounts cannot enter {path}", "vi": "tài khoản học viên không vào được {path}"},
    "class.unreachable.hint": {"en": "install the kit where other users may read it (e.g. under /opt) or use a class "
                                     "folder outside it",
                               "vi": "cài bộ công cụ ở nơi người dùng khác đọc được (ví dụ /opt) hoặc dùng thư mục lớp "
                                     "ở ngoài"},
})


# -- the class as stored in class.json ---------------------------------------------------------------

@dataclass
class ClassInfo:
    """What ``class.json`` holds: title, language, trainer and participants (display name, user name)."""

    title: str
    lang: str
    participants: list[Participant]
    trainer: str = TRAINER
    created: str = ""
    port: int = DEFAULT_PORT
    ip: str = "0.0.0.0"
    removed: list[Participant] = field(default_factory=list)
    sample: str = "saomai"     # the bundled company the class works on (okrkit.samples)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def load(cls, layout: ClassLayout) -> ClassInfo | None:
        if not layout.class_file.is_file():
            return None
        data = json.loads(layout.class_file.read_text(encoding="utf-8"))
        data["participants"] = [Participant(**p) for p in data.get("participants", [])]
        data["removed"] = [Participant(**p) for p in data.get("removed", [])]
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    @property
    def users(self) -> list[str]:
        return [p.user for p in self.participants]


@dataclass(frozen=True)
class Secrets:
    """The class's passwords and tokens (``CLASS_DIR/secrets``, readable by root / the trainer only).

    The passwords are kept in clear so that ``start`` can print them again on resume: the class
    password is printed on every slip anyway, and the folder is mode 0700.
    """

    class_password: str
    trainer_password: str
    proxy_token: str

    @classmethod
    def load_or_create(cls, layout: ClassLayout) -> Secrets:
        folder = layout.secrets
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)

        def keep(name: str, make) -> str:
            p = folder / name
            if p.is_file() and p.read_text().strip():
                return p.read_text().strip()
            value = make()
            p.write_text(value + "\n")
            os.chmod(p, 0o600)
            return value

        cookie = folder / "cookie_secret"
        if not cookie.is_file():
            cookie.write_text(secrets.token_hex(32) + "\n")
        os.chmod(cookie, 0o600)
        return cls(class_password=keep("class_password", lambda: new_password(2)),
                   trainer_password=keep("trainer_password", lambda: new_password(3)),
                   proxy_token=keep("proxy_token", lambda: secrets.token_hex(32)))


def new_password(groups: int) -> str:
    """A password easy to read off a slip and type: ``kmfr-4827`` (2 groups), ``xkfq-7hwt-3mzp`` (3)."""
    letters = "".join(secrets.choice(_ALPHABET) for _ in range(4))
    digits = "".join(secrets.choice(_DIGITS) for _ in range(4))
    rest = ["".join(secrets.choice(_ALPHABET + _DIGITS) for _ in range(4)) for _ in range(groups - 2)]
    return "-".join([letters, digits, *rest])


# -- where the kit's pieces are ----------------------------------------------------------------------

def kit_root() -> Path:
    """The folder holding the ``okrkit`` package (a source checkout has pyproject.toml, exercises/, node_modules/)."""
    return Path(__file__).resolve().parents[2]


def proxy_command() -> list[str]:
    """configurable-http-proxy from the kit's node_modules (``make setup``), else from PATH."""
    local = kit_root() / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return [str(local)]
    found = shutil.which("configurable-http-proxy")
    if found:
        return [found]
    raise InputError(i18n.t("class.no_proxy"), hint=i18n.t("class.no_proxy.hint"))


def venv_bin() -> Path:
    return Path(sys.executable).parent


def exercise_url(name: str = FIRST_EXERCISE) -> str:
    """The path (relative to a participant's server) that opens an exercise in participant mode."""
    try:
        from ..participant import exercise_url as url
    except ImportError:
        return f"voila/render/{name}.ipynb"
    return url(name, folder="")     # the exercises sit at the top of each participant's folder


def server_environment(lang: str, sample: str | None = None) -> dict[str, str]:
    """Environment of every participant's server: the kit's Voilà/Lab settings, language, company, import path."""
    from ..samples import resolve

    env = {"OKRKIT_LANG": lang, "OKRKIT_SAMPLE": resolve(sample)}
    try:
        from ..participant import server_env
    except ImportError:
        pass
    else:
        env.update(server_env(lang))
    if (kit_root() / "pyproject.toml").is_file():   # a source checkout: servers import this same kit
        env["PYTHONPATH"] = str(kit_root())
    return env


# -- preparing the class folder ----------------------------------------------------------------------

def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def prepare(roster: str | os.PathLike | None, class_dir: str | os.PathLike, *, lang: str | None = None,
            title: str | None = None, ip: str | None = None, port: int | None = None,
            sample: str | None = None) -> tuple[ClassInfo, Secrets, list[str]]:
    """Create or update the class folder for ``roster``; returns the class, its secrets and notes to print.

    Starting again with the same roster changes nothing; a longer roster adds accounts; a name
    that left the roster keeps its folder (listed as ``removed``) but can no longer log in.
    """
    layout = ClassLayout(Path(class_dir).resolve())
    before = ClassInfo.load(layout)
    lang = i18n.get_lang(lang or (before.lang if before else None) or "vi")
    from ..samples import resolve

    sample = resolve(sample or (before.sample if before else None))
    notes: list[str] = []
    if roster is None:
        if before is None:
            raise InputError(i18n.t("class.no_class", lang), file=str(layout.root),
                             hint=i18n.t("class.no_class.hint", lang, dir=layout.root))
        people = before.participants
    else:
        read = read_roster(roster, lang=lang)
        people = participants([p.name for p in read],
                              reserved=(TRAINER,), known=before.participants + before.removed if before else [])
    removed = [p for p in (before.participants if before else []) if p.user not in {q.user for q in people}]
    info = ClassInfo(title=title or (before.title if before else "") or _default_title(lang), lang=lang,
                     participants=people, trainer=TRAINER, sample=sample,
                     created=before.created if before else datetime.now(UTC).isoformat(timespec="seconds"),
                     port=port if port is not None else (before.port if before else DEFAULT_PORT),
                     ip=ip or (before.ip if before else "0.0.0.0"),
                     removed=removed + [p for p in (before.removed if before else [])
                                        if p.user not in {q.user for q in people + removed}])
    for name, shown in _same_names(people).items():
        notes.append(i18n.t("class.same_name", lang, n=len(shown), name=name, shown=", ".join(shown)))

    layout.root.mkdir(parents=True, exist_ok=True)
    os.chmod(layout.root, 0o711 if is_root() else 0o700)
    for folder in (layout.hub, layout.homes):
        folder.mkdir(exist_ok=True)
    os.chmod(layout.hub, 0o700)
    os.chmod(layout.homes, 0o711)
    keys = Secrets.load_or_create(layout)
    if is_root():
        _check_reachable(layout, lang)
    else:
        import getpass
        notes.append(i18n.t("class.no_root", lang, user=getpass.getuser()))
    for user in [*info.users, info.trainer]:
        _make_home(layout, user, lang)
    layout.class_file.write_text(info.to_json(), encoding="utf-8")
    return info, keys, notes


def _same_names(people: list[Participant]) -> dict[str, list[str]]:
    import re

    groups: dict[str, list[str]] = {}
    for p in people:
        groups.setdefault(re.sub(r" \(\d+\)$", "", p.name), []).append(p.name)
    return {k: v for k, v in groups.items() if len(v) > 1}


def _default_title(lang: str) -> str:
    return "Lớp OKR và KPI" if lang == "vi" else "OKR and KPI class"


def _ensure_account(user: str, home: Path, lang: str) -> tuple[int, int]:
    import pwd

    account = system_user(user)
    try:
        entry = pwd.getpwnam(account)
    except KeyError:
        for attempt in range(20):   # another class starting at the same moment may hold the lock on /etc/passwd
            done = subprocess.run(["useradd", "--no-create-home", "--home-dir", str(home), "--shell",
                                   "/usr/sbin/nologin", "--user-group", "--comment", "okrkit participant", account],
                                  capture_output=True, text=True)
            try:
                entry = pwd.getpwnam(account)
                break
            except KeyError:
                if attempt == 19:
                    raise OkrkitError(f"useradd {account}: {done.stderr.strip()}") from None
                time.sleep(0.5)
    else:
        if "okrkit" not in (entry.pw_gecos or ""):
            raise InputError(i18n.t("class.user_taken", lang, account=account),
                             hint=i18n.t("class.user_taken.hint", lang))
    return entry.pw_uid, entry.pw_gid


def _make_home(layout: ClassLayout, user: str, lang: str) -> None:
    """The user's folder with the exercises for the class's language; existing files are never replaced."""
    home = layout.home(user)
    fresh = not home.exists()
    home.mkdir(parents=True, exist_ok=True)
    (home / "answers").mkdir(exist_ok=True)
    (home / "feedback").mkdir(exist_ok=True)
    for src in exercises(lang):
        dst = home / src.name
        if not dst.exists():
            dst.write_bytes(src.read_bytes())
    if is_root():
        uid, gid = _ensure_account(user, home, lang)
        if fresh or home.stat().st_uid != uid:
            for p in [home, *home.rglob("*")]:
                os.lchown(p, uid, gid)
        else:   # new exercise files only
            for p in home.iterdir():
                if p.stat().st_uid != uid:
                    os.lchown(p, uid, gid)
    os.chmod(home, 0o700)


def exercises(lang: str) -> list[Path]:
    """The exercise notebooks for a class speaking ``lang``.

    Generated from ``solutions/`` by the kit's own tool (``okrkit assign --lang``: language, collapsed
    code, the how-to line, the title) into a cache, once per language; a kit without ``solutions/``
    (an image built from exercises only) uses ``exercises/`` with the ``lang`` parameter set.
    """
    from ..rubrics import EVALUATION_IDS  # the quizzes and the survey go into every participant's folder too

    forms = lambda folder: sorted(folder.glob("ex*.ipynb")) + [  # noqa: E731
        folder / f"{e}.ipynb" for e in EVALUATION_IDS if (folder / f"{e}.ipynb").is_file()]
    solutions = forms(kit_root() / "solutions")
    if solutions:
        from ..assign import exercise_text
        return [_cached(p.name, lang, exercise_text(p, lang=lang)) for p in solutions]
    source = kit_root() / "exercises"
    found = forms(source)
    if not found:
        raise InputError(i18n.t("class.no_exercises", lang, dir=source), hint=i18n.t("class.no_exercises.hint", lang))
    return [_for_language(p, lang) for p in found]


def _cached(name: str, lang: str, text: str) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "okrkit" / "exercises" / lang
    out = cache / name
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        from ..files import atomic_write
        atomic_write(out, text)
    return out


def _for_language(nb_path: Path, lang: str) -> Path:
    """``nb_path`` with its ``lang`` parameter set to ``lang`` (a copy in the cache)."""
    import nbformat

    from ..assign import set_lang

    nb = nbformat.read(nb_path, as_version=4)
    set_lang(nb, nb_path.name, lang)
    return _cached(nb_path.name, lang, nbformat.writes(nb) + "\n")


def _closed_ancestor(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other users cannot enter."""
    for parent in [*reversed(path.parents), path]:
        try:
            mode = parent.stat().st_mode
        except OSError:
            return None
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return parent
    return None


def needed_paths(layout: ClassLayout) -> list[Path]:
    """What a participant's server must reach: the interpreter, the virtual environment, the kit."""
    base = Path(os.path.realpath(sys.base_prefix))
    paths = [base, Path(sys.prefix), kit_root()]
    node = kit_root() / "node_modules"
    return [p for p in paths if p.exists()] + ([node.resolve()] if node.exists() else [])


def hidden_mounts(layout: ClassLayout) -> dict[str, list[str]]:
    """Closed folders → the needed paths inside them (for :class:`~okrkit.classroom.spawner.ClassSpawner`)."""
    out: dict[str, list[str]] = {}
    for p in needed_paths(layout):
        closed = _closed_ancestor(p)
        if closed is not None and closed != p:
            out.setdefault(str(closed), []).append(str(p))
    return out


def _check_reachable(layout: ClassLayout, lang: str) -> None:
    closed = _closed_ancestor(layout.homes)
    if closed is not None:
        raise InputError(i18n.t("class.unreachable", lang, path=closed), file=str(layout.root),
                         hint=i18n.t("class.unreachable.hint", lang))
    for p in needed_paths(layout):
        top = _closed_ancestor(p)
        if top is not None and (top == p or _closed_ancestor_below(p, top) is not None):
            raise InputError(i18n.t("class.unreachable", lang, path=top), hint=i18n.t("class.unreachable.hint", lang))


def _closed_ancestor_below(path: Path, top: Path) -> Path | None:
    for parent in [*reversed(path.parents), path]:
        if parent == top or top not in parent.parents:
            continue
        mode = parent.stat().st_mode
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return parent
    return None


# -- hub configuration (called from CLASS_DIR/hub/jupyterhub_config.py) -----------------------------

def configure(c, class_dir: str | os.PathLike) -> None:
    """Set every JupyterHub option of the class in ``class_dir`` on the config object ``c``."""
    layout = ClassLayout(Path(class_dir))
    info = ClassInfo.load(layout)
    run = json.loads((layout.hub / "run.json").read_text(encoding="utf-8"))
    keys = Secrets.load_or_create(layout)
    here = Path(__file__).resolve().parent

    c.JupyterHub.ip = run["ip"]
    c.JupyterHub.port = run["port"]
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = run["hub_port"]
    c.JupyterHub.db_url = f"sqlite:///{layout.hub / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(layout.secrets / "cookie_secret")
    c.JupyterHub.pid_file = str(layout.hub / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True
    c.JupyterHub.template_paths = [str(here / "templates")]
    c.JupyterHub.template_vars = template_vars(info)
    c.JupyterHub.default_url = _landing(info)

    c.ConfigurableHTTPProxy.command = proxy_command()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{run['proxy_port']}"
    c.ConfigurableHTTPProxy.auth_token = keys.proxy_token
    c.ConfigurableHTTPProxy.pid_file = str(layout.hub / "proxy.pid")

    from .login import ClassAuthenticator
    from .spawner import ClassSpawner

    c.JupyterHub.authenticator_class = ClassAuthenticator
    c.ClassAuthenticator.user_password = keys.class_password
    c.ClassAuthenticator.trainer_password = keys.trainer_password
    c.ClassAuthenticator.trainer_user = info.trainer
    c.ClassAuthenticator.allowed_users = set(info.users) | {info.trainer}
    c.ClassAuthenticator.admin_users = {info.trainer}
    c.Authenticator.allow_all = False

    c.JupyterHub.spawner_class = ClassSpawner
    c.ClassSpawner.homes = str(layout.homes)
    c.ClassSpawner.isolate = is_root()
    c.ClassSpawner.hidden = hidden_mounts(layout) if is_root() else {}
    c.ClassSpawner.stage = "/mnt" if Path("/mnt").is_dir() else "/media"
    c.Spawner.cmd = [str(venv_bin() / "jupyterhub-singleuser")]
    c.Spawner.notebook_dir = str(layout.homes / "{username}")
    c.Spawner.default_url = "/" + exercise_url(FIRST_EXERCISE).lstrip("/")
    c.Spawner.environment = server_environment(info.lang, info.sample)
    c.LocalProcessSpawner.interrupt_timeout = 3   # a participant's server stops in seconds, answers are on disk
    c.LocalProcessSpawner.term_timeout = 5
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120

    try:   # the live trainer view, when the kit has it
        from .service import service_roles, service_spec
    except ImportError:
        pass
    else:
        c.JupyterHub.services = [service_spec(layout, port=run["service_port"])]
        c.JupyterHub.load_roles = service_roles(info.trainer)


def _landing(info: ClassInfo):
    """Where a login lands: participants on their first exercise, the trainer on the trainer view."""
    def default_url(handler):
        user = handler.current_user
        base = handler.base_url
        if user is not None and user.name == info.trainer and "okrkit-trainer" in getattr(handler, "services", {}):
            return f"{base}services/okrkit-trainer/"
        return f"{base}hub/spawn"
    return default_url


def template_vars(info: ClassInfo) -> dict:
    """What the login and waiting pages show, in the class's language."""
    vi = info.lang == "vi"
    return {
        "okr_lang": info.lang,
        "okr_title": info.title,
        "okr_roster": [{"name": p.name, "user": p.user} for p in info.participants],
        "okr_users": info.users,
        "okr_names": {p.user: p.name for p in info.participants},
        "okr_trainer": info.trainer,
        "okr_text": TEXTS["vi" if vi else "en"],
    }


TEXTS = {
    "vi": {"sign_in": "Đăng nhập vào lớp", "who": "Bạn là ai?", "choose": "— Chọn tên của bạn —",
           "trainer": "Giảng viên", "password": "Mật khẩu lớp", "password_hint": "ghi trên phiếu đăng nhập",
           "go": "Vào lớp", "wrong_password": "Mật khẩu chưa đúng. Hãy gõ lại mật khẩu lớp ghi trên phiếu đăng nhập.",
           "wrong_trainer": "Mật khẩu giảng viên chưa đúng. Hãy gõ lại mật khẩu giảng viên.",
           "unknown": "Tên này không có trong danh sách lớp. Hãy chọn tên của bạn trong danh sách; "
                      "nếu không thấy, báo giảng viên.",
           "no_name": "Bạn chưa chọn tên. Hãy chọn tên của bạn trong danh sách rồi gõ mật khẩu lớp.",
           "starting": "Đang chuẩn bị bài tập của bạn…", "wait": "Trang sẽ tự mở khi sẵn sàng, thường chỉ vài giây.",
           "details": "Chi tiết", "failed": "Chưa mở được bài tập. Hãy tải lại trang; nếu vẫn lỗi, báo giảng viên.",
           "show": "Hiện mật khẩu",
           "nav_home": "Bài tập của tôi", "nav_trainer": "Màn hình giảng viên", "nav_admin": "Quản trị lớp",
           "theme": "Đổi nền sáng / tối", "logout": "Đăng xuất", "login": "Đăng nhập",
           "home_intro": "Bài tập của bạn được lưu trong thư mục riêng; mọi thay đổi được lưu ngay.",
           "open_exercises": "Mở bài tập của tôi", "restart": "Khởi động lại bài tập",
           "restart_hint": "Chỉ bấm \"Khởi động lại\" khi trang bài tập bị treo; bài đã lưu vẫn còn nguyên.",
           "not_running": "Bài tập của bạn đang tạm dừng",
           "not_running_hint": "Bấm nút bên dưới để mở lại; bài đã lưu vẫn còn nguyên.",
           "error_404": "Không có trang này", "error_404_hint": "Địa chỉ này không dẫn tới trang nào của lớp. "
                                                                "Hãy bấm \"Bài tập của tôi\" để quay lại.",
           "error_403": "Bạn không có quyền xem trang này",
           "error_500": "Lớp học đang gặp sự cố",
           "error_other": "Chưa mở được trang này",
           "error_hint": "Hãy tải lại trang sau ít giây; nếu vẫn vậy, báo giảng viên. Bài đã lưu không bị mất."},
    "en": {"sign_in": "Sign in to the class", "who": "Who are you?", "choose": "— Choose your name —",
           "trainer": "Trainer", "password": "Class password", "password_hint": "printed on your login slip",
           "go": "Enter the class", "wrong_password": "Wrong password. Type the class password from your login slip again.",
           "wrong_trainer": "Wrong trainer password. Type the trainer password again.",
           "unknown": "This name is not on the class list. Choose your name from the list; if it is not there, "
                      "tell the trainer.",
           "no_name": "You have not chosen your name. Choose it from the list, then type the class password.",
           "starting": "Preparing your exercises…", "wait": "The page opens by itself when ready, usually in a few seconds.",
           "details": "Details", "failed": "Your exercises could not be opened. Reload the page; if it fails again, "
                                           "tell the trainer.",
           "show": "Show password",
           "nav_home": "My exercises", "nav_trainer": "Trainer view", "nav_admin": "Class admin",
           "theme": "Switch light / dark", "logout": "Sign out", "login": "Sign in",
           "home_intro": "Your exercises are kept in your own folder; every change is saved as you go.",
           "open_exercises": "Open my exercises", "restart": "Restart my exercises",
           "restart_hint": "Press \"Restart\" only when the exercise page is stuck; your saved answers stay.",
           "not_running": "Your exercises are paused",
           "not_running_hint": "Press the button below to open them again; your saved answers are all there.",
           "error_404": "There is no such page", "error_404_hint": "This address leads to no page of the class. "
                                                                   "Press \"My exercises\" to go back.",
           "error_403": "You may not see this page",
           "error_500": "The class server has a problem",
           "error_other": "This page could not be opened",
           "error_hint": "Reload the page in a few seconds; if it stays, tell the trainer. "
                         "Your saved answers are not lost."},
}


# -- running the hub ---------------------------------------------------------------------------------

def free_port(ip: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


def _port_free(ip: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError:
            return False
    return True


def addresses(ip: str, port: int) -> list[str]:
    """The URLs participants can type: the LAN address(es) for 0.0.0.0, else the given one."""
    if ip not in ("0.0.0.0", "", "::"):
        return [f"http://{ip}:{port}/"]
    found = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))   # no packet is sent: this only picks the outgoing interface
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for addr in socket.gethostbyname_ex(socket.gethostname())[2]:
            if addr not in found and not addr.startswith("127."):
                found.append(addr)
    except OSError:
        pass
    return [f"http://{a}:{port}/" for a in found] or [f"http://127.0.0.1:{port}/"]


@dataclass(frozen=True)
class Running:
    """A class that is up: where, who, with which passwords."""

    layout: ClassLayout
    info: ClassInfo
    secrets: Secrets
    urls: list[str]
    local_url: str
    pid: int
    notes: list[str]
    resumed: bool
    already: bool = False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    try:   # a zombie child of ours is not alive
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "hub/health", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def running_pid(layout: ClassLayout) -> int | None:
    p = layout.hub / "run.json"
    if not p.is_file():
        return None
    pid = json.loads(p.read_text(encoding="utf-8")).get("pid")
    return pid if pid and _alive(pid) else None


def start(roster: str | os.PathLike | None, class_dir: str | os.PathLike, *, lang: str | None = None,
          title: str | None = None, ip: str | None = None, port: int | None = None,
          sample: str | None = None) -> Running:
    """Prepare the class folder and start (or resume) its hub in the background."""
    layout = ClassLayout(Path(class_dir).resolve())
    resumed = layout.class_file.is_file()
    if port and running_pid(layout) is None and not _port_free(ip or "0.0.0.0", port):   # say so before any work
        raise InputError(i18n.t("class.port_busy", lang, port=port), hint=i18n.t("class.port_busy.hint", lang))
    info, keys, notes = prepare(roster, layout.root, lang=lang, title=title, ip=ip, port=port, sample=sample)
    if port == 0:
        info.port = free_port(info.ip if info.ip not in ("0.0.0.0", "") else "127.0.0.1")
        layout.class_file.write_text(info.to_json(), encoding="utf-8")
    local = f"http://127.0.0.1:{info.port}/" if info.ip in ("0.0.0.0", "") else f"http://{info.ip}:{info.port}/"
    pid = running_pid(layout)
    if pid is not None and _healthy(local):
        return Running(layout, info, keys, addresses(info.ip, info.port), local, pid, notes, resumed, already=True)
    if not _port_free(info.ip or "0.0.0.0", info.port):
        raise InputError(i18n.t("class.port_busy", info.lang, port=info.port),
                         hint=i18n.t("class.port_busy.hint", info.lang))
    run = {"ip": info.ip, "port": info.port, "hub_port": free_port(), "proxy_port": free_port(),
           "service_port": free_port(), "started": datetime.now(UTC).isoformat(timespec="seconds")}
    (layout.hub / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    config = layout.hub / "jupyterhub_config.py"
    config.write_text("# Generated by `okrkit classroom start`; every setting is in okrkit.classroom.hub.configure.\n"
                      "from okrkit.classroom.hub import configure\n\n"
                      f"configure(c, {str(layout.root)!r})  # noqa: F821 (c is JupyterHub's config object)\n",
                      encoding="utf-8")
    log = layout.hub / "jupyterhub.log"
    env = dict(os.environ)
    if (kit_root() / "pyproject.toml").is_file():
        env["PYTHONPATH"] = os.pathsep.join([str(kit_root()), *[p for p in env.get("PYTHONPATH", "").split(os.pathsep)
                                                               if p and p != str(kit_root())]])
    env["PATH"] = os.pathsep.join([str(venv_bin()), env.get("PATH", "")])
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=layout.hub,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, start_new_session=True)
    run["pid"] = proc.pid
    (layout.hub / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise OkrkitError(i18n.t("class.hub_failed", info.lang, reason=_last_error(log)),
                              hint=i18n.t("class.hub_failed.hint", info.lang, log=log))
        if _healthy(local):
            return Running(layout, info, keys, addresses(info.ip, info.port), local, proc.pid, notes, resumed)
        time.sleep(0.3)
    _terminate(proc.pid)
    raise OkrkitError(i18n.t("class.hub_failed", info.lang, reason=i18n.t("class.no_answer", info.lang, s=START_TIMEOUT)),
                      hint=i18n.t("class.hub_failed.hint", info.lang, log=log))


def _last_error(log: Path) -> str:
    lines = [x for x in log.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
    for line in reversed(lines[-40:]):
        if any(w in line for w in ("Error", "error", "[E ", "[C ")):
            return " ".join(line.split())[-200:]
    return " ".join(lines[-1].split())[-200:] if lines else "exit"


def _terminate(pid: int, timeout: float = 30) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)


def stop(class_dir: str | os.PathLike) -> ClassInfo:
    """Stop the hub of ``class_dir`` (and every participant's server); nothing in the folder is removed."""
    layout = ClassLayout(Path(class_dir).resolve())
    info = ClassInfo.load(layout)
    lang = info.lang if info else (os.environ.get("OKRKIT_LANG") or "vi")   # a class speaks vi unless told
    pid = running_pid(layout)
    if pid is None:
        raise InputError(i18n.t("class.not_running", lang, dir=layout.root),
                         hint=i18n.t("class.not_running.hint", lang, dir=layout.root))
    _terminate(pid)
    return info
