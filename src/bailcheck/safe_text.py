"""Text from records and rule files made safe to show: on a terminal, in an error message, in a
document. Record text is data; it must never drive a terminal, reorder a line or be echoed whole.
"""

from __future__ import annotations

import re

QUOTE_LIMIT = 80


def quote(raw: str) -> str:
    """A bad value as an error message shows it: backticked, at most QUOTE_LIMIT characters
    (records hold personal data, and a pasted narrative must not be echoed whole), with
    control characters made visible."""
    shown = raw if len(raw) <= QUOTE_LIMIT else raw[:QUOTE_LIMIT] + f"… ({len(raw):,} characters)"
    # in a quoted bad value, characters that show nothing are shown too: a zero-width space
    # would make "`true`" look like the very value the message says it is not
    return f"`{_pattern(_INVISIBLE).sub(_escape, visible(shown))}`"


# Patterns are compiled when first used, not on every start.
_CONTROL = ("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
            "\u2066-\u2069]")
# zero-width characters, the byte-order mark, line and paragraph separators
_INVISIBLE = "[\u200b-\u200d\u2028\u2029\u2060\ufeff]"
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    found = _compiled.get(source)
    if found is None:
        found = _compiled[source] = re.compile(source)
    return found


def visible(text: str) -> str:
    """Text with C0/C1 controls, ESC and bidi overrides shown as escapes (`\\x1b`,
    `<U+202E>`), so record text can never drive a terminal or reorder a line."""
    return _pattern(_CONTROL).sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"<U+{ord(ch):04X}>"


_XML_BAD = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]"


def xml_safe(text: str) -> str:
    """Text an XML document (JUnit, DOCX) can hold: characters XML 1.0 forbids shown visibly."""
    return _pattern(_XML_BAD).sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def xml_escape(text: str) -> str:
    """Text for XML character data: &, < and > escaped (as xml.sax.saxutils.escape, whose module
    imports urllib.request, tens of milliseconds at start-up)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attribute(text: str) -> str:
    """Text escaped and quoted as an XML attribute value, exactly as xml.sax.saxutils.quoteattr
    quotes it (line breaks and tabs kept as character references)."""
    text = xml_escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'
