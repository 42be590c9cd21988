"""``okrkit assign``: build ``exercises/`` from ``solutions/`` (``--check``: only compare)."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("assign", help="build the exercise notebooks from the solution notebooks")
    p.add_argument("--solutions", default="solutions", help="folder of solution notebooks (default: solutions)")
    p.add_argument("--exercises", default="exercises", help="folder to write the exercises to (default: exercises)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 and name the exercises that are out of date")
    p.add_argument("--clean", action="store_true",
                   help="also clear outputs and execution counts in the solution notebooks (in place)")
    p.add_argument("--lang", choices=("vi", "en"), default=None,
                   help="the class language: the exercises' default language, first line and page title "
                        "(default: each solution's own, vi)")
    p.set_defaults(func=cmd_assign)


def cmd_assign(args) -> int:
    from ..assign import assign

    result = assign(args.solutions, args.exercises, check=args.check, clean=args.clean,
                    lang=args.lang)
    stream = sys.stdout if result.ok else sys.stderr
    for line in result.lines():
        print(line, file=stream)
    if args.check and not result.ok:
        print("okrkit: exercises/ is out of date — run `okrkit assign` and commit the result", file=sys.stderr)
        return 1
    return 0
