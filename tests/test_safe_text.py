"""The XML escaping helpers: the same text as the standard library's, without its import cost."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

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
