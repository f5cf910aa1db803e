"""A page that fills a block base.html does not define renders nothing there, silently (the
back links of concerns, chronology and categories were lost that way)."""

import re
from pathlib import Path

import sendco

ROOT = Path(sendco.__file__).parent
BLOCK = re.compile(r"\{% block (\w+)")


def test_pages_extending_base_fill_only_blocks_it_defines():
    defined = set(BLOCK.findall((ROOT / "templates" / "base.html").read_text()))
    unknown = {}
    for path in ROOT.rglob("*.html"):
        text = path.read_text()
        if '{% extends "base.html" %}' not in text:
            continue
        # Blocks nested inside another block of the page are the page's own.
        top_level = set(BLOCK.findall(text)) - defined
        nested_ok = {name for name in top_level if _nested(text, name)}
        if top_level - nested_ok:
            unknown[str(path.relative_to(ROOT))] = sorted(top_level - nested_ok)
    assert unknown == {}


def _nested(text: str, name: str) -> bool:
    before = text[: text.index("{% block " + name)]
    return before.count("{% block ") > before.count("{% endblock")
