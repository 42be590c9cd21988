"""``okrkit grade``: run and score a class's exercise notebooks."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "grade", help="grade a class: run every participant's notebooks, write gradebook, feedback, class report",
        description="SUBMISSIONS holds one folder (or .zip) per participant with their exercise notebooks "
                    "(ex01_sales_okr.ipynb, …) and answers/<exercise>.json. Submissions are never modified.")
    p.add_argument("submissions", metavar="SUBMISSIONS", help="folder with one folder or .zip per participant")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the grades (not inside SUBMISSIONS)")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="notebooks run in parallel (default 2)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="time limit per notebook (default 60)")
    p.add_argument("--only", nargs="+", default=(), metavar="PARTICIPANT", help="grade only these participants")
    p.add_argument("--lang", choices=("en", "vi"), default=None, help="language of feedback and reports")
    p.add_argument("--force", action="store_true", help="run every notebook again, even unchanged ones")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--unconfined", action="store_true",
                   help="run participants' notebooks as your own user, without a sandbox (see the README first)")
    p.add_argument("--memory", type=float, default=2.0, metavar="GB",
                   help="memory limit of one participant's kernel (default 2)")
    p.add_argument("--record-kit", action="store_true",
                   help="record okrkit's installed files as they are now (after you changed the kit yourself) and stop")
    from . import add_sample_option

    add_sample_option(p)   # the company the class worked on (the rubrics compute their expected values from it)
    p.set_defaults(func=cmd_grade)


def cmd_grade(args) -> int:
    from ..grading.run import grade_class

    if args.record_kit:
        from .. import integrity

        print(f"okrkit: recorded the installed kit in {integrity.write_record()}")
        return 0
    if args.unconfined:
        print("okrkit: warning: --unconfined: participants' notebooks run as your own user, with your files and "
              "network (see the README)", file=sys.stderr)
    summary = grade_class(args.submissions, args.out, workers=args.workers, timeout=args.timeout,
                          only=tuple(args.only), lang=args.lang, force=args.force, progress=not args.quiet,
                          confined=not args.unconfined, memory=int(args.memory * 1024 ** 3))
    counts = ", ".join(f"{n} {s}" for s, n in summary["statuses"].items() if n)
    print(f"graded {len(summary['participants'])} participants × {len(summary['exercises'])} exercises "
          f"({counts}); ran {summary['executed']} notebooks, reused {summary['reused']} unchanged, "
          f"in {summary['seconds']:.1f} s → {summary['out']}")
    if not summary["submissions_unchanged"]:
        print("okrkit: warning: submission files changed during grading: "
              + ", ".join(summary["changed_files"][:5]), file=sys.stderr)
    return 0
