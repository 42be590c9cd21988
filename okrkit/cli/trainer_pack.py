"""``okrkit trainer-pack``: handouts, certificates, slides and facilitator notes, offline, in the trainer's brand."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("trainer-pack", help="build the trainer pack: handouts (A4 HTML+PDF), certificates, slides, notes")
    p.add_argument("--out", required=True, help="folder to write the pack into")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of every page (default: vi)")
    p.add_argument("--org", help="organisation name on every page (default: the sample company)")
    p.add_argument("--logo", help="logo file (PNG, JPEG, SVG) on every page (default: a monogram of --org)")
    p.add_argument("--color", help="brand colour as #RRGGBB (default: #1f5fa8)")
    p.add_argument("--pass-mark", dest="pass_mark", type=float, default=60.0,
                   help="certificate pass mark, percent of all exercise points (default: 60)")
    p.add_argument("--grades", help="the --out folder of `okrkit grade` (default: grade the bundled sample class)")
    p.add_argument("--no-pdf", dest="pdf", action="store_false", help="HTML only (no Chromium needed)")
    p.add_argument("--no-charts", dest="charts", action="store_false",
                   help="slides without the lessons' charts (the lessons are not run; faster)")
    from . import add_sample_option

    add_sample_option(p)
    p.set_defaults(func=cmd_trainer_pack)


def cmd_trainer_pack(args) -> int:
    from ..trainer_pack import build, make_brand

    brand = make_brand(org=args.org, logo=args.logo, color=args.color, lang=args.lang)
    pack = build(args.out, brand=brand, grades=args.grades, pass_mark=args.pass_mark, pdf=args.pdf,
                 charts=args.charts)
    vi = args.lang == "vi"
    n = {k: len(v) for k, v in pack.files.items()}
    print(("Bộ tài liệu giảng viên: " if vi else "Trainer pack: ") + str(pack.out / "index.html"))
    print((f"  tài liệu phát tay {n['handouts']}, trình chiếu {n['slides']}, ghi chú giảng viên {n['notes']}, "
           f"chứng nhận {n['certificates']}") if vi else
          (f"  handouts {n['handouts']}, slide decks {n['slides']}, facilitator notes {n['notes']}, "
           f"certificates {n['certificates']}"))
    if pack.below:
        print(("  chưa đạt điểm, không cấp chứng nhận: " if vi else "  below the pass mark, no certificate: ")
              + ", ".join(pack.below))
    return 0
