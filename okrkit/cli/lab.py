"""``okrkit lab``: one Jupyter server for the class — JupyterLab for the trainer, a page of forms per exercise."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "lab", help="start JupyterLab with participant mode and print one link per exercise and lesson",
        description="Starts `jupyter lab` with the kit's configuration: JupyterLab in the class language for "
                    "the trainer, and each exercise and lesson as a page of forms with no code "
                    "(voila/render/…) for participants. Prints the links; Ctrl-C stops the server.")
    p.add_argument("--root", default=".", metavar="DIR",
                   help="folder to serve, with exercises/ and notebooks/ (default: the current folder)")
    p.add_argument("--lang", choices=("vi", "en"), default=None,
                   help="class language of JupyterLab and the pages (default: $OKRKIT_LANG, else en)")
    p.add_argument("--ip", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole room's network)")
    p.add_argument("--port", type=int, default=8888, help="port (default 8888; 0 picks a free one)")
    p.add_argument("--token", default=None, help="access token in the links (default: a new random one)")
    p.add_argument("--no-browser", action="store_true", help="only print the links")
    p.add_argument("--log", default=None, metavar="FILE", help="write the server's log to FILE")
    from . import add_sample_option

    add_sample_option(p)   # the server and its kernels inherit $OKRKIT_SAMPLE
    p.set_defaults(func=cmd_lab)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_lab(args) -> int:
    import signal

    from ..participant import LabServer

    signal.signal(signal.SIGTERM, _interrupt)  # a stopped `okrkit lab` stops its server too

    log = open(args.log, "ab") if args.log else None  # noqa: SIM115 - stays open while the server runs
    server = LabServer(args.root, lang=args.lang, ip=args.ip, port=args.port, token=args.token, log=log)
    vi = server.lang == "vi"
    print(("Đang khởi động Jupyter…" if vi else "Starting Jupyter…"), flush=True)
    server.start()
    try:
        links = server.links()
        print("Mở các liên kết này trong trình duyệt (bài tập và bài học: chỉ có biểu mẫu, không có mã):" if vi
               else "Open these links in a browser (exercises and lessons: forms only, no code):")
        for title, url in links:
            print(f"  {title}\n    {url}")
        print(("Bấm Ctrl-C để dừng máy chủ." if vi else "Press Ctrl-C to stop the server."), flush=True)
        if not args.no_browser:
            import webbrowser

            webbrowser.open(links[0][1])
        server.proc.wait()
        return 0
    except KeyboardInterrupt:
        print("\n" + ("Đã dừng máy chủ." if vi else "Server stopped."), file=sys.stderr)
        return 0
    finally:
        server.stop()
        if log:
            log.close()
