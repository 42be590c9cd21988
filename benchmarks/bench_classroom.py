"""Benchmark: a whole class on one machine — N participants on a real JupyterHub, each with a server and a kernel.

What it does, all in one run on 127.0.0.1:

1. writes a class folder with N participants and starts a real JupyterHub (configurable-http-proxy,
   one single-user Jupyter server per participant, the kit's trainer view as a hub-managed service);
2. for every participant: starts their server through the hub's REST API, starts a kernel in it,
   opens the kernel's websocket (``/user/NAME/api/kernels/ID/channels``, as JupyterLab does) and
   builds the ex01 form and its "Check my answer" button in the kernel, as the exercise notebook does;
3. **save → trainer view**: changes the objective's text *as the browser does* — a widget ``comm_msg``
   ``{"method": "update", "state": {"value": …}}`` over the websocket — so the form saves
   ``answers/ex01_sales_okr.json``; the time until the trainer view's ``api/grid`` shows the new
   version is the save → trainer-view latency;
4. **check**: clicks the button the same way (``{"method": "custom", "content": {"event": "click"}}``)
   and times until the kernel sends the feedback widget's new value back; done with 1, 5, 10, 20, …
   participants pressing at the same moment (the worst case: a trainer says "now check your answer");
5. memory per participant: proportional set size (PSS, shared pages split fairly) of each
   participant's server and kernel processes.

It prints the p95 latencies, memory per participant, and the largest class this machine holds
with p95 check under 1 s: the smaller of the memory bound (available memory ÷ memory per
participant) and the largest burst measured under 1 s.  Side by side, as the baseline for the
trainer view's own cost, one refresh of the trainer view with nothing changed against re-reading
and re-scoring every answer file (what a naive view would do every second); the ratio is printed.

Usage: python benchmarks/bench_classroom.py [--participants 40] [--rounds 3] [--keep]
(run as root for the hub to spawn servers, or as any user: servers then run as that user).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EX = "ex01_sales_okr"

SETUP = f"""
from okrkit import ui
form = ui.okr_builder("{EX}", answers_path="answers/{EX}.json", lang="vi", objectives=1)
check = ui.check_button("{EX}", lambda: form.answer, lang="vi")
display(form, check)
(form.blocks[0].text.model_id, check.button.model_id, check.output.model_id)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p95(values: list[float]) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


# ---------------------------------------------------------------- the class and its hub

def write_hub(root: Path, n: int, port: int) -> tuple[list[str], str]:
    from okrkit.classroom.layout import ClassLayout
    from okrkit.classroom.progress import write_class
    from okrkit.classroom.service import service_roles, service_spec

    layout = ClassLayout(root)
    users = [f"hv-{i:03d}" for i in range(1, n + 1)]
    write_class(layout, [(f"Học viên {i}", u) for i, u in enumerate(users, 1)], lang="vi", title="Benchmark")
    for u in users:
        home = layout.home(u)
        home.mkdir(parents=True)
        shutil.copyfile(ROOT / "exercises" / f"{EX}.ipynb", home / f"{EX}.ipynb")
    token = secrets.token_hex(32)
    layout.hub.mkdir(parents=True, exist_ok=True)
    services = [service_spec(layout, port=free_port()),
                {"name": "bench", "api_token": token}]
    roles = service_roles("trainer") + [{"name": "bench", "services": ["bench"], "scopes": [
        "admin:users", "admin:servers", "admin:server_state", "tokens", "access:servers",
        "access:services!service=okrkit-trainer", "list:users", "read:users"]}]
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    config = f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(ROOT / 'node_modules' / '.bin' / 'configurable-http-proxy')!r}]
c.JupyterHub.db_url = "sqlite:///{layout.hub / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(layout.hub / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(layout.hub / 'hub.pid')!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set({users + ['trainer']!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(layout.homes / '{username}')!r}
c.Spawner.cmd = [{str(BIN / 'jupyterhub-singleuser')!r}]
c.Spawner.args = ["--allow-root"] if {os.geteuid() == 0} else []
c.Spawner.environment = {{"PYTHONPATH": {pythonpath!r}, "OKRKIT_LANG": "vi"}}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = {services!r}
c.JupyterHub.load_roles = {roles!r}
c.JupyterHub.log_level = "WARN"
"""
    (layout.hub / "jupyterhub_config.py").write_text(config, encoding="utf-8")
    return users, token


class Participant:
    """One simulated participant: their server, a kernel, a websocket speaking the Jupyter protocol."""

    def __init__(self, bench, user: str):
        self.bench, self.user = bench, user
        self.ws = None
        self.session = uuid.uuid4().hex
        self.waiters: dict[str, asyncio.Future] = {}
        self.updates: dict[str, asyncio.Future] = {}
        self.results: dict[str, str] = {}
        self.ids: tuple[str, str, str] | None = None

    async def start(self):
        from tornado.websocket import websocket_connect

        b = self.bench
        r = await b.hub("POST", f"users/{self.user}/tokens", {"scopes": [f"access:servers!user={self.user}"]})
        self.token = r["token"]
        await b.hub("POST", f"users/{self.user}/server", allow=(201, 202, 400))
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            model = await b.hub("GET", f"users/{self.user}")
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                self.pid = (server.get("state") or {}).get("pid")
                break
            await asyncio.sleep(1)
        else:
            raise RuntimeError(f"server of {self.user} did not start")
        kernel = await b.http("POST", f"user/{self.user}/api/kernels", {"name": "python3"}, token=self.token)
        url = b.url.replace("http", "ws", 1) + f"user/{self.user}/api/kernels/{kernel['id']}/channels"
        from tornado.httpclient import HTTPRequest

        self.ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}))
        asyncio.ensure_future(self._read())
        reply = await self.execute(SETUP, timeout=300)
        self.ids = tuple(eval(reply))  # noqa: S307 - the kernel's repr of three model ids, from our own code

    def _msg(self, channel: str, msg_type: str, content: dict) -> dict:
        mid = uuid.uuid4().hex
        return {"header": {"msg_id": mid, "username": self.user, "session": self.session, "msg_type": msg_type,
                           "version": "5.3", "date": ""}, "parent_header": {}, "metadata": {},
                "content": content, "channel": channel, "buffers": []}

    async def _read(self):
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            parent = msg.get("parent_header", {}).get("msg_id")
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            if kind == "execute_result":
                self.results[parent] = msg["content"]["data"].get("text/plain")
            if kind == "execute_reply" and parent in self.waiters:
                fut = self.waiters.pop(parent)
                if not fut.done():
                    fut.set_result(msg["content"])
            if kind == "status" and msg["content"].get("execution_state") == "idle" and parent in self.updates:
                fut = self.updates.pop(parent)   # the kernel has handled the click and sent the feedback
                if not fut.done():
                    fut.set_result(time.perf_counter())

    async def execute(self, code: str, timeout: float = 120) -> str:
        msg = self._msg("shell", "execute_request", {"code": code, "silent": False, "store_history": False,
                                                     "user_expressions": {}, "allow_stdin": False})
        fut = asyncio.get_event_loop().create_future()
        self.waiters[msg["header"]["msg_id"]] = fut
        await self.ws.write_message(json.dumps(msg))
        reply = await asyncio.wait_for(fut, timeout)
        if reply.get("status") != "ok":
            raise RuntimeError(f"{self.user}: {reply.get('ename')}: {reply.get('evalue')}")
        for _ in range(100):  # iopub and shell are separate channels: the result may trail the reply
            if msg["header"]["msg_id"] in self.results:
                break
            await asyncio.sleep(0.05)
        return self.results.pop(msg["header"]["msg_id"], None)

    async def comm(self, comm_id: str, data: dict, waiter: asyncio.Future | None = None) -> None:
        msg = self._msg("shell", "comm_msg", {"comm_id": comm_id, "data": data})
        if waiter is not None:
            self.updates[msg["header"]["msg_id"]] = waiter
        await self.ws.write_message(json.dumps(msg))

    async def type_objective(self, text: str) -> float:
        """Change the objective's text as the browser does; the form saves it. Returns the send time."""
        t0 = time.perf_counter()
        await self.comm(self.ids[0], {"method": "update", "state": {"value": text}, "buffer_paths": []})
        return t0

    async def press_check(self) -> float:
        """Click "Check my answer" as the browser does; seconds until the kernel has sent the feedback back.

        (The feedback widget's update goes out before the kernel reports itself idle for the click.)
        """
        fut = asyncio.get_event_loop().create_future()
        t0 = time.perf_counter()
        await self.comm(self.ids[1], {"method": "custom", "content": {"event": "click"}}, fut)
        t1 = await asyncio.wait_for(fut, 60)
        return t1 - t0


class Bench:
    def __init__(self, url: str, token: str):
        from tornado.httpclient import AsyncHTTPClient

        AsyncHTTPClient.configure(None, max_clients=64)
        self.client = AsyncHTTPClient()
        self.url, self.token = url, token

    async def http(self, method: str, path: str, body=None, *, token=None, allow=(200, 201)):
        from tornado.httpclient import HTTPClientError

        headers = {"Authorization": f"token {token or self.token}"}
        try:
            r = await self.client.fetch(self.url + path, method=method, headers=headers, request_timeout=600,
                                        body=None if body is None and method == "GET" else json.dumps(body or {}))
        except HTTPClientError as exc:
            if exc.code in allow:
                return {}
            raise RuntimeError(f"{method} {path}: {exc.code} {exc.response.body[:200] if exc.response else ''}") \
                from None
        return json.loads(r.body or b"{}")

    async def hub(self, method, path, body=None, allow=(200, 201)):
        return await self.http(method, "hub/api/" + path, body, allow=allow)

    async def grid(self) -> dict:
        return await self.http("GET", "services/okrkit-trainer/api/grid?lang=vi")


async def run(args) -> dict:
    root = Path(tempfile.mkdtemp(prefix="okrkit-bench-class-"))
    os.chmod(root, 0o755)
    port = free_port()
    users, token = write_hub(root, args.participants, port)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    log = open(root / "hub" / "hub.log", "wb")  # noqa: SIM115
    hub = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(root / "hub" / "jupyterhub_config.py")],
                           cwd=root / "hub", env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    out: dict = {"participants": args.participants, "class_dir": str(root)}
    try:
        bench = Bench(f"http://127.0.0.1:{port}/", token)
        t0 = time.monotonic()
        while True:
            try:
                await bench.hub("GET", "")
                await bench.grid()
                break
            except Exception:  # noqa: BLE001 - not up yet
                if hub.poll() is not None or time.monotonic() - t0 > 600:
                    raise RuntimeError("the hub did not start; see " + str(root / "hub" / "hub.log")) from None
                await asyncio.sleep(1)
        people = [Participant(bench, u) for u in users]
        t0 = time.monotonic()
        sem = asyncio.Semaphore(args.spawn_at_once)

        async def start(p):
            async with sem:
                await p.start()

        await asyncio.gather(*(start(p) for p in people))
        out["start_seconds"] = round(time.monotonic() - t0, 1)
        print(f"{len(people)} participants logged in with a server, a kernel and the ex01 form "
              f"in {out['start_seconds']} s", flush=True)

        # memory
        total = 0
        for p in people:
            total += sum(pss_kib(pid) for pid in descendants(int(p.pid))) if p.pid else 0
        out["memory_mib_per_participant"] = round(total / len(people) / 1024, 1)

        # save → trainer view
        latencies = []
        for r in range(args.rounds):
            before = {row["user"]: row["cells"][EX]["saved_at"] for row in (await bench.grid())["participants"]}
            sent = {}
            for p in people:
                sent[p.user] = await p.type_objective(f"Trở thành lựa chọn số một của chủ shop online — lượt {r}")
                await asyncio.sleep(args.spacing)
            pending = set(sent)
            deadline = time.perf_counter() + 120
            while pending and time.perf_counter() < deadline:
                grid = await bench.grid()
                now = time.perf_counter()
                for row in grid["participants"]:
                    u = row["user"]
                    if u in pending and row["cells"][EX]["saved_at"] not in (None, before.get(u)):
                        latencies.append(now - sent[u])
                        pending.discard(u)
                await asyncio.sleep(0.05)
            out.setdefault("saves_lost", 0)
            out["saves_lost"] += len(pending)
        out["p95_save_to_view_s"] = round(p95(latencies), 3)
        out["median_save_to_view_s"] = round(statistics.median(latencies), 3) if latencies else None

        # check, with k participants pressing at once
        bursts = {}
        k = 1
        sizes = []
        while k < len(people):
            sizes.append(k)
            k = 5 if k == 1 else k * 2
        sizes.append(len(people))
        for size in sizes:
            times = []
            for _ in range(args.rounds):
                times += await asyncio.gather(*(p.press_check() for p in people[:size]))
                await asyncio.sleep(0.5)
            bursts[size] = round(p95(times), 3)
            print(f"  check pressed by {size:3d} at once: p95 {bursts[size]:.3f} s", flush=True)
        out["p95_check_s_by_burst"] = bursts
        out["p95_check_s"] = bursts[len(people)]
        under = [s for s, v in bursts.items() if v < 1.0]
        out["largest_burst_under_1s"] = max(under) if under else 0
        avail = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemAvailable:")))
        out["memory_bound_participants"] = int(len(people) + avail / 1024 / max(out["memory_mib_per_participant"], 1))
        out["largest_class"] = min(out["memory_bound_participants"], out["largest_burst_under_1s"]
                                   if out["largest_burst_under_1s"] < len(people) else out["memory_bound_participants"])
    except BaseException:
        args.keep = True  # keep the hub's log to see why
        print(f"the class folder (hub log in hub/hub.log) is kept: {root}", file=sys.stderr)
        raise
    finally:
        try:
            os.killpg(hub.pid, signal.SIGTERM)
            hub.wait(60)
        except (OSError, subprocess.TimeoutExpired):
            with contextlib.suppress(OSError):
                os.killpg(hub.pid, signal.SIGKILL)
        log.close()
        for p in Path("/proc").iterdir():  # servers and kernels left behind by a hub that was stopped hard
            try:
                if p.name.isdigit() and str(root) in (p / "cwd").resolve().as_posix():
                    os.kill(int(p.name), signal.SIGKILL)
            except OSError:
                pass
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return out


def view_cost(n: int) -> dict:
    """The trainer view's refresh with nothing changed vs re-reading and re-scoring every file (naive)."""
    from okrkit.answers import AnswerFile
    from okrkit.classroom.layout import ClassLayout
    from okrkit.classroom.progress import ClassProgress, read_answer, write_class
    from okrkit.rubric import load_rubric

    root = Path(tempfile.mkdtemp(prefix="okrkit-bench-view-"))
    try:
        layout = ClassLayout(root)
        users = [f"hv-{i:03d}" for i in range(n)]
        write_class(layout, [(u, u) for u in users])
        answer = {"objectives": [{"id": "O1", "text": "Trở thành lựa chọn số một", "key_results": [
            {"id": "O1.KR1", "text": "Doanh thu từ 6 tỷ lên 8,4 tỷ đồng", "baseline": 6e9, "target": 8.4e9}]}]}
        for u in users:
            AnswerFile(layout.home(u) / "answers" / f"{EX}.json", exercise=EX).save(answer)
        progress = ClassProgress(layout)
        progress.refresh()
        reps = 20
        t = time.perf_counter()
        for _ in range(reps):
            progress.refresh()
        kit = (time.perf_counter() - t) / reps
        rubrics = {ex: load_rubric(ex) for ex in progress.exercises}
        t = time.perf_counter()
        for _ in range(3):
            for u in users:
                for ex in progress.exercises:
                    a, _, _ = read_answer(layout.home(u) / "answers" / f"{ex}.json", ex)
                    if a is not None:
                        rubrics[ex].grade(a)
        naive = (time.perf_counter() - t) / 3
        return {"refresh_ms": round(kit * 1000, 3), "naive_ms": round(naive * 1000, 1), "ratio": round(naive / kit, 1)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--spacing", type=float, default=0.05, help="seconds between two participants' saves")
    parser.add_argument("--spawn-at-once", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the class folder (hub log inside)")
    args = parser.parse_args()
    t0 = time.monotonic()
    out = asyncio.run(run(args))
    out["view"] = view_cost(args.participants)
    out["seconds"] = round(time.monotonic() - t0, 1)
    with open("/proc/loadavg") as f:
        out["loadavg_at_end"] = f.read().split()[0]
    print(json.dumps(out, ensure_ascii=False, indent=2))
    print(f"participants {out['participants']}: memory {out['memory_mib_per_participant']} MiB each, "
          f"p95 save → trainer view {out['p95_save_to_view_s']} s, p95 check {out['p95_check_s']} s "
          f"(all pressing at once); largest class with p95 check < 1 s: {out['largest_class']}")
    print(f"trainer view refresh, nothing changed: {out['view']['refresh_ms']} ms vs re-reading and re-scoring "
          f"every file {out['view']['naive_ms']} ms — ratio {out['view']['ratio']}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
