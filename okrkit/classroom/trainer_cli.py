"""``okrkit classroom collect|grade|handback|status``: the trainer's commands on a running (or stopped) class.

``okrkit/cli/classroom.py`` calls :func:`add_commands` with its sub-command parsers.  The same
actions are buttons on the trainer view; both run :mod:`okrkit.classroom.handin`.
"""

from __future__ import annotations

from pathlib import Path

from .. import i18n

i18n.register({
    "trainer.cli.collections": {"en": "Collections", "vi": "Các lần thu bài"},
    "trainer.cli.none": {"en": "nothing collected yet", "vi": "chưa thu bài lần nào"},
    "trainer.cli.graded": {"en": "graded", "vi": "đã chấm"},
    "trainer.cli.not_graded": {"en": "not graded", "vi": "chưa chấm"},
    "trainer.cli.handed_back": {"en": "Last handed back: {name}", "vi": "Lần trả nhận xét gần nhất: {name}"},
    "trainer.cli.nothing_back": {"en": "No feedback handed back yet", "vi": "Chưa trả nhận xét lần nào"},
    "trainer.cli.missing": {"en": "No feedback page for: {names}", "vi": "Không có trang nhận xét cho: {names}"},
    "trainer.cli.row": {"en": "{name}: {n} participants, {state}", "vi": "{name}: {n} học viên, {state}"},
})


def add_commands(cmds) -> None:
    """Add ``collect``, ``grade``, ``handback`` and ``status`` to the ``okrkit classroom`` parsers."""
    def common(p):
        p.add_argument("--dir", default="class", help="the class folder (default: ./class)")
        p.add_argument("--lang", choices=("en", "vi"), default=None, help="language of messages (default: the class's)")

    c = cmds.add_parser("collect", help="snapshot every participant's notebooks and answers into collected/NNN-time/",
                        description="Each collection is a new numbered snapshot in the SUBMISSIONS layout of "
                                    "okrkit grade; participants keep working, later work goes into the next one.")
    common(c)
    c.set_defaults(func=cmd_collect)

    g = cmds.add_parser("grade", help="grade a collection (default: the newest) into grades/NNN-time/",
                        description="Runs the kit's grader on a private copy of the snapshot, as an unprivileged "
                                    "account when run as root; hand-ins unchanged since the last grading are reused.")
    common(g)
    g.add_argument("snapshot", nargs="?", default=None, metavar="COLLECTION", help="number or name (default newest)")
    g.add_argument("--workers", type=int, default=2, metavar="N", help="notebooks run in parallel (default 2)")
    g.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="time limit per notebook")
    g.add_argument("--as-user", default=None, metavar="NAME",
                   help="system account that runs the notebooks (default okrkit-grader when root)")
    g.set_defaults(func=cmd_grade)

    h = cmds.add_parser("handback", help="put each participant's feedback page in their folder (newest grading)")
    common(h)
    h.add_argument("snapshot", nargs="?", default=None, metavar="COLLECTION", help="number or name (default newest)")
    h.set_defaults(func=cmd_handback)

    s = cmds.add_parser("status", help="the collections, which are graded, what was handed back")
    common(s)
    s.set_defaults(func=cmd_status)


def _layout(args):
    from .layout import ClassLayout

    return ClassLayout(Path(args.dir).resolve())


def _lang(args, layout) -> str:
    from .progress import read_class

    return i18n.get_lang(args.lang or read_class(layout).lang)


def cmd_collect(args) -> int:
    from .handin import collect

    layout = _layout(args)
    lang = _lang(args, layout)
    c = collect(layout, lang=lang)
    print(i18n.t("trainer.collected", lang, n=c.participants, snapshot=c.name) + f" → {c.folder}")
    return 0


def cmd_grade(args) -> int:
    from .handin import grade

    layout = _layout(args)
    lang = _lang(args, layout)
    g = grade(layout, args.snapshot, workers=args.workers, timeout=args.timeout, lang=lang, as_user=args.as_user)
    print(i18n.t("trainer.graded", lang, snapshot=g.name, n=g.executed, reused=g.reused) + f" → {g.folder}")
    return 0


def cmd_handback(args) -> int:
    from .handin import handback

    layout = _layout(args)
    lang = _lang(args, layout)
    h = handback(layout, args.snapshot, lang=lang)
    print(i18n.t("trainer.handed_back", lang, n=len(h.participants), snapshot=h.name))
    if h.missing:
        print(i18n.t("trainer.cli.missing", lang, names=", ".join(h.missing)))
    return 0


def cmd_status(args) -> int:
    from .handin import status

    layout = _layout(args)
    lang = _lang(args, layout)
    info = status(layout, lang=lang)
    print(f"{i18n.t('trainer.cli.collections', lang)}:")
    if not info["collections"]:
        print(f"  {i18n.t('trainer.cli.none', lang)}")
    for row in info["collections"]:
        state = i18n.t("trainer.cli.graded" if row["graded"] else "trainer.cli.not_graded", lang)
        print("  " + i18n.t("trainer.cli.row", lang, name=row["name"], n=row["participants"], state=state))
    back = info["handed_back"]
    print(i18n.t("trainer.cli.handed_back", lang, name=back) if back else i18n.t("trainer.cli.nothing_back", lang))
    return 0
