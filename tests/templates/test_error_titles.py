"""A page with errors says "Error: " once at the start of its title (GOV.UK pattern). The base
template adds it for `form.errors`; a page with other error conditions overrides the
`error_prefix` block instead of writing "Error: " into its title, which doubled it."""

import re
from pathlib import Path

import sendco

ROOT = Path(sendco.__file__).parent


def test_no_template_writes_error_into_its_title_block():
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.html")
        if re.search(r"\{% block title %\}[^\n]*Error: ", path.read_text())
    ]
    assert offenders == []
