"""A hostile class graded with the real command: what a hand-in can reach while `okrkit grade` runs it.

A class is generated in a temporary folder: honest controls (whose scores must
not move) and one attacker per kind of attack, each a participant whose real
exercise notebook carries the attack in a cell.  The class is graded with
``okrkit grade SUBMISSIONS --out OUT`` (confined, the default) twice, and a
third time after the re-grade manifest was forged.  Then, right after the
grader exits and again a minute later: no process any hand-in started is
alive, and nothing outside the participants' own working copies changed — the
outputs, SUBMISSIONS, the installed kit, the virtual environment, the
kernelspec, ``$HOME`` — and the TCP listener the attackers aim at heard nothing.

An attacker reports what it managed through the only channel it has: it ends
with ``raise RuntimeError("HOSTILE …")`` carrying counts of what succeeded,
which the grader puts in that row's reason.  Bounded so the machine survives:
the kernels get 1 GB of address space, no real fork bombs.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from okrkit import integrity
from okrkit.answers import FORMAT
from okrkit.grading import sample_class
from okrkit.grading.sandbox import _kit_paths, unavailable
from okrkit.rubric import load_rubric

# On Linux the sandbox must work (make setup installs bubblewrap): a machine where it does not fails here,
# it is not skipped.  Elsewhere (macOS, Windows) there is no sandbox to test.
pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("grading-hostile"),
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="bubblewrap sandboxes need Linux")]


def test_a_sandbox_can_be_made_here():
    """The probe the grader runs first: bubblewrap makes a sandbox in which okrkit imports."""
    from okrkit.grading.run import sandbox_user

    assert unavailable(sandbox_user(True)) is None

EX = "ex01_sales_okr"
EX2 = "ex02_marketing_okrs"
OKRKIT = Path(sys.executable).with_name("okrkit")


def _attack(body: str) -> str:
    """A cell: ``body`` fills the dict ``won`` (what it managed); the cell then reports it as an exception."""
    return ("import os, sys, json, glob, time, signal, socket, subprocess, pathlib\n"
            "won = {}\n"
            "def attempt(name, fn):\n"
            "    try:\n"
            "        fn(); won[name] = 1\n"
            "    except BaseException:\n"
            "        won[name] = 0\n"
            f"{body}\n"
            "raise RuntimeError('HOSTILE ' + json.dumps(won, sort_keys=True))\n")


def attacks(ctx: dict) -> dict[str, str]:
    """Attack cells by attacker name; ``ctx`` holds the paths and port an attacker would try to reach."""
    c = {k: json.dumps(str(v)) for k, v in ctx.items()}
    daemon = (f"import os, sys, time, pathlib\n"
              f"time.sleep(4)\n"
              f"for p in [{c['out']} + '/gradebook.csv', {c['victim_answers']}, {c['tmp_marker']}]:\n"
              f"    try:\n        pathlib.Path(p).write_text('owned')\n    except OSError:\n        pass\n"
              f"time.sleep(120)\n")
    return {
        # end the grader, its worker, every process it can see
        "Kill": _attack(
            "attempt('parent', lambda: os.kill(os.getppid(), signal.SIGKILL))\n"
            "attempt('all', lambda: os.kill(-1, signal.SIGKILL))\n"
            "others = [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (os.getpid(),)]\n"
            "won['visible_processes'] = len(others)\n"),
        # write a forged result line into every pipe it can open
        "Forge": _attack(
            "line = json.dumps({'id': 'Honest_Strong', 'results': [{'id': 'Honest_Strong/" + EX + "', "
            "'status': 'error', 'reason': 'forged'}]}) + '\\n'\n"
            "n = 0\n"
            "for fd in glob.glob('/proc/*/fd/*'):\n"
            "    try:\n"
            "        with open(fd, 'w') as f:\n"
            "            f.write(line); n += 1\n"
            "    except OSError:\n"
            "        pass\n"
            "won['pipes_outside'] = sum(1 for p in glob.glob('/proc/*') if p.split('/')[-1].isdigit()) > 3\n"),
        # processes that try to outlive the grader and write afterwards
        "Daemon": _attack(
            f"code = {daemon!r}\n"
            f"attempt('setsid', lambda: subprocess.Popen([sys.executable, '-c', code, {c['marker']}], "
            "start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))\n"
            "def double_fork():\n"
            "    if os.fork() == 0:\n"
            "        os.setsid()\n"
            "        if os.fork() == 0:\n"
            f"            os.execv(sys.executable, [sys.executable, '-c', code, {c['marker']}])\n"
            "        os._exit(0)\n"
            "    os.wait()\n"
            "attempt('double_fork', double_fork)\n"
            "time.sleep(0.5)\n"
            "won.pop('setsid'); won.pop('double_fork')  # starting them is allowed; outliving the sandbox is not\n"),
        # write what later runs trust
        "Writer": _attack(
            "targets = {\n"
            f"  'kit': {c['kit_rubric']}, 'pth': {c['site']} + '/okrkit-hostile.pth',\n"
            f"  'kernelspec': {c['kernelspec']}, 'home': {c['home']} + '/.okrkit-hostile',\n"
            f"  'ipython': {c['home']} + '/.ipython/profile_default/startup/00-hostile.py',\n"
            f"  'submissions': {c['victim_answers']}, 'out': {c['out']} + '/summary.json',\n"
            "}\n"
            "for name, path in targets.items():\n"
            "    attempt(name, lambda path=path: open(path, 'a').write('\\n# hostile\\n'))\n"),
        # read other participants and the grader
        "Reader": _attack(
            f"attempt('victim_submission', lambda: open({c['victim_answers']}).read())\n"
            "attempt('other_kernels', lambda: [open(p).read() for p in "
            "glob.glob('/tmp/okrkit-kernel-*/*/answers/*.json') if os.getcwd() not in p] or 1 / 0)\n"
            f"attempt('grader_snapshot', lambda: glob.glob('/tmp/okrkit-grade-*/snapshot/*') or 1 / 0)\n"
            f"won['home_entries'] = sorted(os.listdir({c['home']})) if os.path.isdir({c['home']}) else []\n"
            "attempt('shadow', lambda: open('/etc/shadow').read())\n"
            "attempt('grader_memory', lambda: open(f'/proc/{os.getppid()}/mem', 'rb').read(1) if os.getppid() > 1 "
            "else 1 / 0)\n"
            "attempt('peer_sockets', lambda: [p for p in glob.glob('/tmp/okrkit-kernel-*/sockets/*') "
            "if os.getcwd().rsplit('/', 1)[0] not in p] or 1 / 0)\n"),
        # the network: the test's listener on loopback, and the outside world
        "Network": _attack(
            f"attempt('loopback', lambda: socket.create_connection(('127.0.0.1', {ctx['port']}), timeout=2))\n"
            "attempt('outside', lambda: socket.create_connection(('1.1.1.1', 80), timeout=2))\n"),
        # memory and processes
        "Hog": _attack(
            "attempt('memory_3gb', lambda: bytearray(3 * 1024 ** 3))\n"
            "kids = []\n"
            "def many():\n"
            "    for _ in range(300):\n"
            f"        kids.append(subprocess.Popen(['sleep', '300', {c['marker']}]))\n"
            "attempt('300_processes', many)\n"
            "attempt('big_file', lambda: open('big.bin', 'wb').write(b'x' * (200 * 1024 ** 2)))\n"),
        # a flood of output in one message
        "Flood": _attack("print('y' * (50 * 1024 ** 2))\nwon['printed'] = 1\n"),
    }


def _tree(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[p.relative_to(folder).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _marked(marker: str) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if marker.encode() in (d / "cmdline").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


def _write(folder: Path, notebook: dict, answers: dict[str, dict]) -> None:
    (folder / "answers").mkdir(parents=True, exist_ok=True)
    for ex, answer in answers.items():
        nb = notebook if ex == EX else sample_class.notebook_for(ex)
        (folder / f"{ex}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
        (folder / "answers" / f"{ex}.json").write_text(json.dumps(
            {"format": FORMAT, "exercise": ex, "saved_at": sample_class.SAVED_AT, "answer": answer},
            ensure_ascii=False), encoding="utf-8")


def _with_cell(source: str) -> dict:
    nb = copy.deepcopy(sample_class.notebook_for(EX))
    at = next(i for i, c in enumerate(nb["cells"]) if "ui.record(" in "".join(c["source"]))
    nb["cells"].insert(at, {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                            "source": source})
    return nb


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    sub, out = root / "submissions", root / "grades"
    marker = f"okrkit-hostile-{uuid.uuid4().hex[:10]}"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    heard = []
    threading.Thread(target=lambda: heard.append(listener.accept()), daemon=True).start()

    sp, refs = sample_class.spec(), sample_class.references()
    strong = {ex: sample_class.answer_for(ex, "strong", "vi", refs, sp) for ex in (EX, EX2)}
    weak = {ex: sample_class.answer_for(ex, "weak", "en", refs, sp) for ex in (EX, EX2)}
    plain = sample_class.notebook_for(EX)
    _write(sub / "Honest Strong", plain, strong)
    _write(sub / "Honest Weak", plain, weak)
    import okrkit

    kit = Path(okrkit.__file__).resolve().parent
    ctx = {"marker": marker, "out": out, "victim_answers": sub / "Honest Strong" / "answers" / f"{EX}.json",
           "tmp_marker": Path("/tmp") / f"{marker}.txt", "kit_rubric": kit / "rubrics" / f"{EX}.py",
           "site": next(p for p in map(Path, sys.path) if p.name == "site-packages"),
           "kernelspec": Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3" / "kernel.json",
           "home": Path.home(), "port": listener.getsockname()[1]}
    for name, cell in attacks(ctx).items():
        _write(sub / name, _with_cell(cell), weak)
    # a weak participant who, inside the kernel, swaps their saved answers for the strong ones and records them
    swap = (f"import json, pathlib\np = pathlib.Path('answers/{EX}.json')\n"
            f"d = json.loads(p.read_text()); d['answer'] = {strong[EX]!r}; p.write_text(json.dumps(d))\n")
    nb = _with_cell(swap)
    for cell in nb["cells"]:
        if "ui.record(" in "".join(cell["source"]):
            cell["source"] = f"ui.record(exercise, {strong[EX]!r})"
    _write(sub / "Swapper", nb, weak)

    watched = {"kit": lambda: integrity.current(), "submissions": lambda: _tree(sub),
               "venv": lambda: sorted(os.listdir(ctx["site"])),
               "kernelspec": lambda: ctx["kernelspec"].read_bytes() if ctx["kernelspec"].exists() else None,
               "home": lambda: sorted(os.listdir(Path.home()))}
    before = {k: f() for k, f in watched.items()}
    cmd = [str(OKRKIT), "grade", str(sub), "--out", str(out), "--quiet", "--memory", "1", "--timeout", "60"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    after_exit = {"alive": _marked(marker), "out": _tree(out)}
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    summary2 = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    yield {"sub": sub, "out": out, "cmd": cmd, "first": first, "second": second, "summary2": summary2,
           "after_exit": after_exit, "marker": marker, "ctx": ctx, "watched": watched, "before": before,
           "heard": heard, "strong": strong, "weak": weak}
    listener.close()
    for pid in _marked(marker):  # never leave one behind, whatever the assertions said
        try:
            os.kill(pid, 9)
        except OSError:
            pass


def _rows(out: Path) -> dict:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {(r["participant"], r["exercise"]): r for r in summary["results"]}


def _won(row: dict) -> dict:
    reason = row["reason"]
    assert "HOSTILE" in reason, row
    return json.loads(reason.split("HOSTILE ", 1)[1].split("}", 1)[0] + "}")


def _honest(answer: dict, ex: str) -> float:
    return load_rubric(ex).grade(answer, lang="en").score


def test_the_run_completes_and_honest_scores_do_not_move(hostile):
    """Exit 0 and a summary, twice; the controls keep exactly the score their saved answers earn."""
    assert hostile["first"].returncode == 0, hostile["first"].stderr[-2000:]
    assert hostile["second"].returncode == 0, hostile["second"].stderr[-2000:]
    rows = _rows(hostile["out"])
    for name, answers in (("Honest Strong", hostile["strong"]), ("Honest Weak", hostile["weak"])):
        for ex in (EX, EX2):
            assert rows[(name, ex)]["status"] == "graded", rows[(name, ex)]
            assert rows[(name, ex)]["score"] == _honest(answers[ex], ex), (name, ex)
    # every attacker's second exercise is honest too, and graded as such in the kernel its attack ran in
    for name in attacks(hostile["ctx"]):
        assert rows[(name, EX2)]["status"] == "graded" and rows[(name, EX2)]["score"] == _honest(
            hostile["weak"][EX2], EX2), (name, rows[(name, EX2)])
    assert hostile["summary2"]["confined"] is True


def test_no_attack_succeeds(hostile):
    """Each attacker's report: nothing written, read, killed or reached outside its own sandbox."""
    rows = _rows(hostile["out"])
    kill = _won(rows[("Kill", EX)])
    assert kill["visible_processes"] <= 3, kill  # bwrap's init, the kernel (and a helper thread's process)
    assert _won(rows[("Writer", EX)]) == dict.fromkeys(
        ("home", "ipython", "kernelspec", "kit", "out", "pth", "submissions"), 0)
    reader = _won(rows[("Reader", EX)])
    # The trainer's home shows at most the folders leading to Python or the kit (read-only), nothing else.
    home = Path.home()
    leading = {p.relative_to(home).parts[0] for p in _kit_paths() if home in p.parents}
    assert set(reader.pop("home_entries")) <= leading, leading
    assert reader == dict.fromkeys(("grader_memory", "grader_snapshot", "other_kernels", "peer_sockets", "shadow",
                                    "victim_submission"), 0)
    assert _won(rows[("Network", EX)]) == {"loopback": 0, "outside": 0}
    assert hostile["heard"] == []
    hog = _won(rows[("Hog", EX)])
    assert hog["memory_3gb"] == 0 and hog["300_processes"] == 0 and hog["big_file"] == 0, hog


def test_forged_and_swapped_answers_score_what_was_handed_in(hostile):
    """Forged result lines change nothing; answers swapped inside the kernel are not what is graded."""
    rows = _rows(hostile["out"])
    assert rows[("Honest Strong", EX)]["reason"] == "" and rows[("Honest Strong", EX)]["status"] == "graded"
    swapped = rows[("Swapper", EX)]
    assert swapped["status"] == "graded"
    assert swapped["score"] == _honest(hostile["weak"][EX], EX) < _honest(hostile["strong"][EX], EX)
    assert "different answer" in swapped["note"]


def test_flood_and_kill_cost_only_their_own_rows(hostile):
    """A 50 MB print and a kill of everything visible: the worker lives on, no retry, no restart."""
    summary = hostile["summary2"]
    rows = _rows(hostile["out"])
    assert rows[("Flood", EX)]["status"] in ("graded", "error", "timeout")
    first = json.loads(hostile["first"].stdout and (hostile["out"] / "summary.json").read_text(encoding="utf-8"))
    assert first["statuses"]["error"] >= 1 and summary["retried"] == 0


def test_the_cached_regrade_is_scored_again_not_trusted(hostile):
    """A forged score in the re-grade manifest is recomputed from the hand-in on the next run."""
    manifest_path = hostile["out"] / ".okrkit-grade" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    key = next(k for k, r in manifest["rows"].items() if r["participant"] == "Honest Weak" and r["exercise"] == EX)
    manifest["rows"][key]["score"] = 99.0
    for check in manifest["rows"][key]["checks"]:
        check["passed"], check["earned"] = True, check["points"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    third = subprocess.run(hostile["cmd"], capture_output=True, text=True, timeout=900, check=False)
    assert third.returncode == 0, third.stderr[-2000:]
    summary = json.loads((hostile["out"] / "summary.json").read_text(encoding="utf-8"))
    assert summary["executed"] == 0 and summary["reused"] > 0
    assert _rows(hostile["out"])[("Honest Weak", EX)]["score"] == _honest(hostile["weak"][EX], EX)


def test_nothing_outlives_the_grader_or_changes_later(hostile):
    """Right after the grader exits, and a minute later: no process of any hand-in, nothing changed."""
    assert hostile["after_exit"]["alive"] == []
    out_then = _tree(hostile["out"])
    time.sleep(60)
    assert _marked(hostile["marker"]) == []
    assert _tree(hostile["out"]) == out_then
    assert not hostile["ctx"]["tmp_marker"].exists()
    for name, read in hostile["watched"].items():
        assert read() == hostile["before"][name], f"{name} changed"


def test_killing_the_grader_ends_every_sandbox(tmp_path):
    """The grader killed mid-run (SIGKILL: no clean-up of its own): its workers, kernels and every process a
    hand-in started are gone within seconds."""
    marker = f"okrkit-hostile-{uuid.uuid4().hex[:10]}"
    weak = {ex: sample_class.answer_for(ex, "weak", "en", sample_class.references(), sample_class.spec())
            for ex in (EX, EX2)}
    cell = (f"import subprocess, sys, time\n"
            f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}], "
            f"start_new_session=True)\n"
            f"time.sleep(300)\n")
    _write(tmp_path / "sub" / "Sleeper", _with_cell(cell), weak)
    grader = subprocess.Popen([str(OKRKIT), "grade", str(tmp_path / "sub"), "--out", str(tmp_path / "out"),
                               "--quiet", "--timeout", "200"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not _marked(marker) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _marked(marker), "the hand-in's process never started"
        workers = [p for p in _children(grader.pid)]
        grader.kill()
        grader.wait()
        deadline = time.monotonic() + 20
        while (_marked(marker) or any(_alive(w) for w in workers)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _marked(marker) == [] and not any(_alive(w) for w in workers)
    finally:
        grader.kill()
        for pid in _marked(marker):
            os.kill(pid, 9)


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, ValueError, IndexError):
                pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except OSError:
        return False
