"""``okrkit cascade`` and ``okrkit simulate``."""

from __future__ import annotations

import json

SAMPLE = "sample"


def register(sub) -> None:
    p = sub.add_parser("cascade", help="cascade a shared goal: funnel targets, weight matrix, department scores")
    p.add_argument("file", help=f"cascade file (.yaml, .json), or '{SAMPLE}' for the bundled sample company")
    p.add_argument("--scheme", default=None, help="score under this weight scheme from the file")
    p.add_argument("--lang", choices=("en", "vi"), default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_cascade)

    p = sub.add_parser("simulate", help="compare weight schemes: what-if, sensitivity, Monte Carlo, incentives")
    p.add_argument("file", help=f"cascade file (.yaml, .json), or '{SAMPLE}' for the bundled sample company")
    p.add_argument("--schemes", default=None,
                   help="comma-separated scheme names from the file (default: all), e.g. '70/20,90/0'")
    p.add_argument("--draws", type=int, default=None, help="Monte Carlo draws (default: the file's, else 10000)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the file's, else 0)")
    p.add_argument("--lang", choices=("en", "vi"), default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_simulate)


def _load(path: str):
    from ..cascade import load_cascade, sample_cascade

    return sample_cascade() if path == SAMPLE else load_cascade(path)


def cmd_cascade(args) -> int:
    plan = _load(args.file)
    result = plan.score(scheme=args.scheme)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(result.lines(args.lang)))
    return 0


def cmd_simulate(args) -> int:
    from ..errors import InputError
    from ..simulate import incentives, monte_carlo, sensitivity, what_if

    plan = _load(args.file)
    schemes = None
    if args.schemes:
        schemes = [s.strip() for s in args.schemes.split(",") if s.strip()]
        if not schemes:
            raise InputError("--schemes names no scheme", where="--schemes", hint="e.g. --schemes '70/20,90/0'")
    if args.draws is not None and args.draws < 1:
        raise InputError(f"--draws must be at least 1, got {args.draws}", where="--draws", hint="e.g. --draws 10000")
    wi = what_if(plan, schemes=schemes)
    sens = sensitivity(plan, scheme=wi.schemes[0])
    mc = monte_carlo(plan, schemes=schemes, draws=args.draws, seed=args.seed)
    inc = incentives(plan, schemes=schemes)
    if args.format == "json":
        print(json.dumps({"organization": plan.organization, "period": plan.period, "what_if": wi.to_dict(),
                          "sensitivity": sens.to_dict(), "monte_carlo": mc.to_dict(), "incentives": inc.to_dict()},
                         ensure_ascii=False, indent=2))
    else:
        title = " — ".join(x for x in (plan.organization, plan.period) if x)
        blocks = [[title], wi.lines(args.lang), sens.lines(args.lang), mc.lines(args.lang), inc.lines(args.lang)]
        print("\n\n".join("\n".join(b) for b in blocks))
    return 0
