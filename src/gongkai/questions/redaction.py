"""What the portal shows of a question and its reply: the asker's identity taken out. Pure.

Published questions are read by everyone, so the text the asker typed, and the reply, lose
before publication (《个人信息保护法》第六条, the least personal data):
- the asker's name, wherever it occurs (the asker is shown as the surname and a mask, 张*);
- the asker's telephone number and e-mail address as given on the form;
- anything that looks like an identity-document number, a telephone number or an e-mail
  address: a run of seven or more digits (spaces, hyphens and a final X allowed between and
  after them), and ``name@host``. Such runs in a question are nearly always a number of the
  asker's; a document number or a date written in digits is rarely seven digits long without
  a separator, and losing one is the lesser harm.
"""

from __future__ import annotations

import re

NAME_HIDDEN = "〔姓名已隐去〕"
NUMBER_HIDDEN = "〔号码已隐去〕"
EMAIL_HIDDEN = "〔邮箱已隐去〕"

# seven or more digits, possibly separated by spaces or hyphens, possibly ending in X (an ID)
DIGITS = re.compile(r"(?:\+?\d[\s\-－—]*){6,}\d(?:[xX]\b|[xX](?=\D)|[xX]$)?")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+")


def _digits_only(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def redact(text: str, *, name: str = "", phone: str = "", email: str = "") -> str:
    """``text`` without the asker's name, telephone and e-mail, nor any number or address that
    looks like one."""
    out = text
    for value, token in ((email.strip(), EMAIL_HIDDEN), (phone.strip(), NUMBER_HIDDEN)):
        if value:
            out = out.replace(value, token)
    out = EMAIL.sub(EMAIL_HIDDEN, out)
    out = DIGITS.sub(NUMBER_HIDDEN, out)
    digits = _digits_only(phone)
    if len(digits) >= 4 and digits in _digits_only(out):
        # the phone written with other separators than the pattern knows: drop every digit
        out = re.sub(r"\d", "＊", out)
    name = name.strip()
    if name:
        while name in out:
            out = out.replace(name, NAME_HIDDEN)
    return out


def masked_name(name: str) -> str:
    """The asker as the portal names them: the first character and a mask (张*, 欧阳**)."""
    name = name.strip()
    if not name:
        return "网友"
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)
