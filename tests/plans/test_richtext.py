from sendco.plans.richtext import clean, render


def test_script_and_event_handlers_are_removed():
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p>'
        '<img src=x onerror="alert(1)"><a href="javascript:x()">l</a>'
    )
    result = clean(dirty)
    assert "script" not in result and "onclick" not in result and "onerror" not in result
    assert "javascript" not in result and "<img" not in result and "<p>Hi</p>" in result


def test_lists_bold_italic_and_links_survive():
    result = clean(
        '<ul><li><strong>Bold</strong> and <em>italic</em></li></ul><ol><li>One</li></ol><a href="https://example.org">x</a>'
    )
    assert (
        "<ul><li><strong>Bold</strong> and <em>italic</em></li></ul>" in result
        and "<ol><li>One</li></ol>" in result
    )
    assert 'rel="noopener noreferrer nofollow"' in result


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert clean("Line one\n\nLine <two") == "<p>Line one</p>\n\n<p>Line &lt;two</p>"
    assert clean("   ") == "" and str(render("<b>x</b><style>p{}</style>")) == "<b>x</b>"
