"""Text made safe to show: the XML escaping helpers (the same text as the standard library's,
without its import cost) and quoted bad values."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bailcheck.safe_text import xml_attribute, xml_escape

TRICKY = st.text(alphabet=st.sampled_from(list("a&<>\"'\n\r\t ;#é")) | st.characters(),
                 max_size=40)


@given(TRICKY)
def test_character_data_is_escaped_as_the_standard_library_does(text: str) -> None:
    assert xml_escape(text) == escape(text)


@given(TRICKY)
def test_attributes_are_quoted_as_the_standard_library_does(text: str) -> None:
    assert xml_attribute(text) == quoteattr(text)


def test_each_quoting_case() -> None:
    assert xml_attribute('a "b"') == "'a \"b\"'"
    assert xml_attribute("it's \"x\"") == '"it\'s &quot;x&quot;"'
    assert xml_attribute("a<b>&\n") == '"a&lt;b&gt;&amp;&#10;"'


@pytest.mark.parametrize(("raw", "shown"), [
    ("true\u200b", "`true<U+200B>`"),  # zero-width space: would read as `true`
    ("a\u2028b", "`a<U+2028>b`"),
    ("\ufeffyes", "`<U+FEFF>yes`"),
    ("\x1b[31m", "`\\x1b[31m`"),
    ("caf\u00e9", "`caf\u00e9`"),  # ordinary text stays as it is
])
def test_a_quoted_bad_value_shows_what_cannot_be_seen(raw: str, shown: str) -> None:
    from bailcheck.safe_text import quote, visible

    assert quote(raw) == shown
    assert visible("x\u200dy") == "x\u200dy"  # documents keep joiners (emoji, some scripts)
