"""``okrkit classroom``: start, resume and stop a class served by JupyterHub (and the trainer's commands)."""

from __future__ import annotations

import time


def register(sub) -> None:
    p = sub.add_parser("classroom", help="serve the kit to a whole class with JupyterHub")
    cmds = p.add_subparsers(dest="classroom_command", metavar="COMMAND")
    cmds.required = True

    s = cmds.add_parser("start", help="start (or resume) a class for a roster: accounts, folders, login slips, hub")
    s.add_argument("roster", nargs="?", help="the class list (CSV or Excel: one name per row under 'Họ và tên'); "
                                             "leave out to resume the class in --dir")
    s.add_argument("--dir", default="class", help="the class folder (default: ./class); keep it to resume")
    s.add_argument("--ip", default=None, help="address to listen on (default 0.0.0.0: every network of this machine)")
    s.add_argument("--port", type=int, default=None, help="port to listen on (default 8000, or the class's last one)")
    s.add_argument("--lang", choices=("vi", "en"), default=None, help="the class's language (default: vi)")
    s.add_argument("--title", default=None, help="the class's title on the login page and slips")
    s.add_argument("--foreground", action="store_true", help="stay attached; Ctrl-C stops the class")
    from . import add_sample_option

    add_sample_option(s)   # the company the class works on, kept in class.json
    s.set_defaults(func=cmd_start)

    t = cmds.add_parser("stop", help="stop the class (answers, accounts and passwords are kept)")
    t.add_argument("--dir", default="class", help="the class folder (default: ./class)")
    t.set_defaults(func=cmd_stop)

    try:   # collect, grade, hand back: the trainer's commands, when the kit has them
        from ..classroom.trainer_cli import add_commands
    except ImportError:
        pass
    else:
        add_commands(cmds)


def cmd_start(args) -> int:
    from .. import i18n
    from ..classroom import hub
    from ..classroom.slips import write_slips

    run = hub.start(args.roster, args.dir, lang=args.lang, title=args.title, ip=args.ip, port=args.port,
                    sample=args.sample)
    lang = run.info.lang
    url = run.urls[0]
    write_slips(run.layout.slips, title=run.info.title, lang=lang, url=url,
                names=[p.name for p in run.info.participants], password=run.secrets.class_password)
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    head = "class.already" if run.already else ("class.resumed" if run.resumed else "class.running")
    print(t(head))
    print(f"  {t('class.address')}: {'  '.join(run.urls)}")
    print(f"  {t('class.password')}: {run.secrets.class_password}")
    print(f"  {t('class.trainer')}: {hub.TEXTS[lang]['trainer']}")
    print(f"  {t('class.trainer_password')}: {run.secrets.trainer_password}")
    print(f"  {t('class.participants')}: {len(run.info.participants)}")
    print(f"  {t('class.slips')}: {run.layout.slips}")
    print(f"  {t('class.stop_with')}: okrkit classroom stop --dir {run.layout.root}")
    for note in run.notes:
        print(f"okrkit: note: {note}")
    if args.foreground:
        try:
            while hub.running_pid(run.layout) is not None:
                time.sleep(1)
        except KeyboardInterrupt:
            hub.stop(run.layout.root)
            print(t("class.stopped").format(dir=run.layout.root))
    return 0


def cmd_stop(args) -> int:
    from .. import i18n
    from ..classroom import hub

    info = hub.stop(args.dir)
    print(i18n.t("class.stopped", info.lang if info else None, dir=hub.ClassLayout(hub.Path(args.dir).resolve()).root))
    return 0
