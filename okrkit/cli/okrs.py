"""``okrkit lint``, ``okrkit score`` and ``okrkit demo``."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("lint", help="check an OKR file's quality and print findings")
    p.add_argument("file", help="OKR file (.yaml, .json, .csv, .xlsx)")
    p.add_argument("--lang", choices=("en", "vi"), default=None, help="language of the messages (default: $OKRKIT_LANG or en)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--disable", action="append", default=[], metavar="RULE",
                   help="switch a rule off by id (repeat, or separate with commas), e.g. --disable kr-activity")
    p.set_defaults(func=cmd_lint)

    p = sub.add_parser("score", help="score an OKR file: KR progress, objective scores, bands")
    p.add_argument("file", help="OKR file (.yaml, .json, .csv, .xlsx)")
    p.add_argument("--lang", choices=("en", "vi"), default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--policy", choices=("clamped", "uncapped"), default="clamped",
                   help="clamped keeps progress in 0–1 (default); uncapped counts over-achievement")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("demo", help="run the workshop on the bundled sample company: lint and score, lessons, "
                                    "planning report, grade the sample class")
    p.add_argument("--lang", choices=("en", "vi"), default=None)
    p.add_argument("--out", default="build", help="folder for what the demo writes (default: build)")
    from . import add_sample_option

    add_sample_option(p)
    p.set_defaults(func=cmd_demo)


def cmd_lint(args) -> int:
    from ..files import load_okrs
    from ..lint import lint

    disable = [r.strip() for item in getattr(args, "disable", None) or () for r in item.split(",") if r.strip()]
    report = lint(load_okrs(args.file), lang=args.lang, disable=disable)
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(report.text(args.lang))
    return 1 if report.has_errors else 0


def cmd_score(args) -> int:
    from ..files import load_okrs
    from ..scoring import score

    card = score(load_okrs(args.file), policy=args.policy, lang=args.lang)
    if args.format == "json":
        json.dump(card.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(card.lines(args.lang)))
    return 0


def cmd_demo(args) -> int:
    from ..workshop import run

    summary = run(args.out, lang=args.lang)
    return 0 if summary["ok"] else 1
