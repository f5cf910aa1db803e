"""An SEN status tag's colour is decided once, by the sen_tag_class filter (core.templatetags)."""

from pathlib import Path

from django.template import Context, Template

from sendco.core.templatetags.sendco_tags import sen_tag_class

SRC = Path(__file__).resolve().parents[2] / "src" / "sendco"


def test_each_status_has_its_colour():
    assert sen_tag_class("E") == "govuk-tag--purple"
    assert sen_tag_class("K") == "govuk-tag--blue"
    assert sen_tag_class("N") == "govuk-tag--grey"
    html = Template('{% include "core/_sen_tag.html" with status="E" label="EHC plan" %}').render(Context())
    assert html.strip() == '<strong class="govuk-tag govuk-tag--purple">EHC plan</strong>'


def test_no_python_outside_the_template_tags_picks_tag_colours():
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "templatetags" not in path.parts and "govuk-tag--" in path.read_text()
    ]
    assert found == []
