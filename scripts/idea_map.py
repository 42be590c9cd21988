"""docs/idea_map.md from docs/idea_map.yaml: the source articles' ideas, the lesson that teaches each, the check that grades it.

Run ``python scripts/idea_map.py`` after editing the YAML; tests/test_idea_map.py fails when the two differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
YAML = ROOT / "docs" / "idea_map.yaml"
MD = ROOT / "docs" / "idea_map.md"


def load(path: Path = YAML) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render(data: dict) -> str:
    """The map as Markdown: a count, then one table per article."""
    ideas = data["ideas"]
    graded = [i for i in ideas if i.get("checks")]
    lines = [
        "# Idea map: the source articles → lessons → graded checks",
        "",
        "Generated from `docs/idea_map.yaml` by `scripts/idea_map.py`; do not edit by hand.",
        "Each idea of the five source articles, in the kit's own words, with the lesson text that teaches it and the",
        "rubric checks (`exercise` · `check id`) that grade it. Ideas marked ⊕ are the kit's own tools built on an",
        "article's idea.",
        "",
        f"**{len(ideas)} ideas · {sum(1 for i in ideas if i.get('lesson'))} taught in a lesson · {len(graded)} graded "
        f"({len(graded) / len(ideas):.0%})**",
        "",
        f"From the articles themselves: {sum(1 for i in ideas if not i.get('extends'))} ideas, "
        f"{sum(1 for i in graded if not i.get('extends'))} graded; ⊕ built on them: "
        f"{sum(1 for i in ideas if i.get('extends'))}, {sum(1 for i in graded if i.get('extends'))} graded.",
        "",
    ]
    for key, src in data["sources"].items():
        mine = [i for i in ideas if i["source"] == key]
        lines += [f"## “{src['title']}” ({src['publisher']})", ""]
        if src.get("title_note"):
            lines += [f"*{src['title_note']}.*", ""]
        lines += ["| id | idea (en / vi) | lesson | graded by |", "|---|---|---|---|"]
        for i in mine:
            lesson = i["lesson"]
            where = f"`{Path(lesson['notebook']).name}` — “{_cell(lesson['quote'])}”"
            checks = "<br>".join(f"`{c['exercise']}` · `{c['check']}`" for c in i.get("checks") or [])
            if not checks:
                checks = f"— *{_cell(i.get('gap', 'not graded'))}*"
            mark = " ⊕" if i.get("extends") else ""
            lines.append(f"| `{i['id']}`{mark} | {_cell(i['en'])}<br>*{_cell(i['vi'])}* | {where} | {checks} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    MD.write_text(render(load()), encoding="utf-8")
    print(f"wrote {MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
