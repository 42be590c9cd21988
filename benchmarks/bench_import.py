"""Time ``import altair`` in fresh interpreters, as installed and with ``rfc3987_syntax`` blocked, in one run.

Why this exists: ``altair`` imports ``jsonschema``, whose ``_format`` module imports
``rfc3987_syntax`` when it is installed, and ``rfc3987_syntax`` 1.1.0 compiles its
RFC 3987 grammar into an Earley parser with Lark *at import time* (upstream
python-jsonschema/jsonschema issue 1428).  That one import was most of Altair's cost.

The kit's environment does not install ``rfc3987-syntax`` (``make setup`` and the
Dockerfiles remove it after installing ``requirements.lock``; it comes in only as part
of ``jsonschema[format-nongpl]``, asked for by ``jupyter-events``).  Without it,
jsonschema simply registers no checker for the ``iri`` and ``iri-reference`` formats,
which no schema the kit validates uses (Vega-Lite's uses ``uri``, ``uri-reference``
and ``color-hex``, checked by ``rfc3986-validator`` and ``webcolors``).  The other way
round the cost, installing the GPL ``rfc3987`` package that jsonschema prefers, is
not licence-clean for an MIT kit.

The blocked variant sets ``sys.modules["rfc3987_syntax"] = None`` before importing,
which makes the import fail exactly as it does when the package is absent, so both
figures are measured side by side under the same machine load.

Measured on the 2-core development machine (busy with other tests; medians of 7
interleaved runs, ``-X importtime`` cumulative figure for ``altair``):

    before (rfc3987-syntax 1.1.0 installed)   import altair  2.98 s   (blocked in the same run: 0.88 s)
    after  (not installed)                    import altair  0.89 s   (blocked in the same run: 0.76 s)

    .venv/bin/python benchmarks/bench_import.py [--runs 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import subprocess
import sys

BLOCK = "import sys; sys.modules['rfc3987_syntax'] = None; "


def import_ms(prelude: str, module: str = "altair") -> float:
    """Cumulative ``-X importtime`` milliseconds of ``module`` in a fresh interpreter."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", f"{prelude}import {module}"],
                         capture_output=True, text=True, check=True).stderr
    found = re.findall(rf"^import time:\s*\d+\s*\|\s*(\d+)\s*\|\s*{re.escape(module)}$", err, re.M)
    return int(found[-1]) / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    installed = importlib.util.find_spec("rfc3987_syntax") is not None
    as_is, blocked = [], []
    import_ms("")  # warm the disk cache once; not counted
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        as_is.append(import_ms(""))
        blocked.append(import_ms(BLOCK))
    a, b = statistics.median(as_is), statistics.median(blocked)
    print(f"rfc3987_syntax installed: {'yes' if installed else 'no'}; medians of {args.runs} fresh interpreters")
    print(f"  import altair, as installed            {a:7.0f} ms")
    print(f"  import altair, rfc3987_syntax blocked  {b:7.0f} ms")
    print(f"  ratio as installed / blocked           {a / b:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
