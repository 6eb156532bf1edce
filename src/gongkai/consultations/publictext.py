"""What the public sees of a comment: its text without the commenter's personal data. Pure.

A comment is published without the name and contact that came with it (they are never shown);
and since people write their name and number into the text too, the text itself is cleaned
before publication: every occurrence of the name and of the contact given is removed, and every
run of seven or more digits (spaces, hyphens and dots between them allowed; an ID number's final
X with it) is replaced (a date written 2019-06-25 excepted) —
that covers mobile and landline numbers, ID numbers and bank cards.
A name or number the commenter typed without giving it in the form is left to the moderator,
who reads every comment before it is published (docs/consultations.md).
"""

from __future__ import annotations

import re

MARK = "＊＊＊"
# seven or more digits, separated at most by single spaces, hyphens or dots, with a trailing X
_NUMBER = re.compile(r"\d(?:[\s\-.]?\d){6,}(?:[\s\-.]?[Xx])?")
# a date written 2019-06-25 or 2019.6.25 is not a number to hide
_DATE = re.compile(r"\d{4}([\-.])\d{1,2}\1\d{1,2}")


# full-width digits and letters count as the ordinary ones (the rest of the text is kept as is)
_HALF = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}


def _normal(text: str) -> str:
    return text.translate(_HALF)


def _without(text: str, secret: str) -> str:
    if not secret:
        return text
    text = text.replace(secret, MARK if secret not in MARK else "")
    while secret in text:  # the mark itself could complete it: remove until none is left
        text = text.replace(secret, "")
    return text


def _hide(match: re.Match[str]) -> str:
    return match.group(0) if _DATE.fullmatch(match.group(0)) else MARK


def clean(body: str, *, name: str = "", contact: str = "") -> str:
    """The comment's text as published."""
    secrets = [s for s in (_normal(name).strip(), _normal(contact).strip()) if s]
    text = _normal(body)
    while True:
        before = text
        for secret in secrets:
            text = _without(text, secret)
        text = _NUMBER.sub(_hide, text)
        if text == before:
            return text
