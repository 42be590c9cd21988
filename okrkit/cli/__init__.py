"""The ``okrkit`` command.

Each command group lives in its own module under ``okrkit.cli`` and exposes
``register(subparsers)``; handlers import heavy libraries only when they run.
Any :class:`~okrkit.errors.OkrkitError` becomes one line on stderr and exit
status 2 — a traceback reaching a user is a bug.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from ..errors import OkrkitError, ProblemList

# Command groups, in the order `okrkit --help` lists them.
GROUPS = (
    "okrkit.cli.okrs",        # lint, score, demo
    "okrkit.cli.assign",      # assign (solutions → exercises)
    "okrkit.cli.cascade",     # cascade, simulate
    "okrkit.cli.report",
    "okrkit.cli.grade",       # grade (a class's notebooks)
    "okrkit.cli.lab",         # lab (JupyterLab + participant pages)
    "okrkit.cli.classroom",   # classroom start / stop (JupyterHub for a roster)
    "okrkit.cli.trainer_pack",  # trainer-pack (handouts, certificates, slides, notes)
)


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(prog="okrkit", description="MBO / KPI / OKR workshop kit.")
    parser.add_argument("--version", action="version", version=f"okrkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in GROUPS:
        import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = _lang(args)
    head = "okrkit: lỗi:" if lang == "vi" else "okrkit: error:"
    if getattr(args, "sample", None):   # kernels, graders and pages started from here work on the same company
        from ..samples import use

        use(args.sample)
    try:
        return int(args.func(args) or 0)
    except ProblemList as exc:
        for line in exc.lines(lang):
            print(f"{head} {line}", file=sys.stderr)
        return 2
    except OkrkitError as exc:
        print(f"{head} {exc.line(lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("okrkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that is a file, no permission, a full disk: say which path and why
        where = exc.filename or ""
        reason = exc.strerror or str(exc)
        print(f"okrkit: error: {where}{': ' if where else ''}{reason} — check that the path exists, is a folder "
              "where one is needed and that you may write there", file=sys.stderr)
        return 2


def add_sample_option(p) -> None:
    """``--sample saomai|fmcg``: which bundled company a command works on (default ``$OKRKIT_SAMPLE``, else Sao Mai)."""
    from ..samples import keys

    p.add_argument("--sample", choices=keys(), default=None,
                   help="the bundled sample company: saomai (software, the default) or fmcg (a consumer-goods "
                        "distributor); default $OKRKIT_SAMPLE")


def _lang(args) -> str:
    """The language errors are written in: the command's ``--lang``, else ``$OKRKIT_LANG``, else English."""
    import os

    chosen = (getattr(args, "lang", None) or os.environ.get("OKRKIT_LANG") or "en").strip().lower()
    return chosen if chosen in ("en", "vi") else "en"


def run() -> None:  # console-script entry point
    sys.exit(main())
