"""Characters Gongkai never stores or writes: those XML 1.0 cannot hold (so neither DOCX nor
XLSX), PostgreSQL's text cannot hold (NUL) and UTF-8 cannot encode (lone surrogates). Pure.

- C0 control characters except tab, line feed and carriage return (XML 1.0 §2.2; NUL also
  makes PostgreSQL refuse the whole statement);
- U+FFFE and U+FFFF, the two noncharacters XML 1.0 excludes from the BMP;
- U+D800–U+DFFF: a surrogate alone is not a character, and neither the database driver nor an
  XML writer can encode it.

They carry no meaning in anything a person types (they arrive pasted from another program, or
from an attacker), so forms drop them (gongkai.core.forms) and the DOCX/XLSX writers drop
what an older record may still hold, instead of failing.
"""

from __future__ import annotations

import re
from typing import TypeVar

T = TypeVar("T")
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def has_illegal(text: str) -> bool:
    return ILLEGAL.search(text) is not None


def strip_illegal(text: str) -> str:
    """``text`` without the characters above; everything else is kept as it is."""
    return ILLEGAL.sub("", text)


def xml_safe(value: T) -> T | str:
    """The value to hand to an XML writer: text without the characters above; anything else
    (numbers, dates, None) unchanged."""
    if isinstance(value, str):
        return strip_illegal(value)
    return value
