"""Text about an application with the applicant's personal data taken out, for the public
register of concluded applications. Pure.

What is removed: the applicant's name (and a contact person's or legal representative's), ID
number, telephone and address wherever they occur in the text, as given on the application;
and anything that looks like an ID number (15 or 18 characters of digits, the last possibly X),
a unified social credit code, a mobile or landline telephone number or an e-mail address, even
when it is not the applicant's (a third party's number in a notice is no more public). Numbers
are masked as the staff pages mask them (gongkai.core.masking), names and addresses replaced by
a mark. A 2-character name inside a longer word is removed too: the register prefers a word
lost to a name kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.core.masking import mask_id_number, mask_phone

NAME_MARK = "××"
ADDRESS_MARK = "（地址略）"
EMAIL_MARK = "（电子邮箱略）"

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_CREDIT_CODE = re.compile(
    r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])"
)
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}|\d{7,8})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def deidentify(
    text: str,
    *,
    names: Iterable[str] = (),
    id_numbers: Iterable[str] = (),
    phones: Iterable[str] = (),
    addresses: Iterable[str] = (),
) -> str:
    """``text`` without the given personal data nor anything shaped like an ID number, a
    telephone number or an e-mail address."""
    out = text
    # The longest first, so that a name inside an address goes with the address.
    for address in sorted({a.strip() for a in addresses if a.strip()}, key=len, reverse=True):
        out = out.replace(address, ADDRESS_MARK)
    for number in {n.strip() for n in id_numbers if n.strip()}:
        out = out.replace(number, mask_id_number(number))
        if number[-1:] in "xX":  # written with the other case of the check character
            out = out.replace(number.swapcase(), mask_id_number(number))
    for phone in {p.strip() for p in phones if p.strip()}:
        out = out.replace(phone, mask_phone(phone))
        digits = _digits(phone)
        if len(digits) >= 4 and digits != phone:
            out = out.replace(digits, mask_phone(digits))
    out = _EMAIL.sub(EMAIL_MARK, out)
    out = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), out)
    out = _CREDIT_CODE.sub(lambda m: mask_id_number(m.group()), out)
    out = _PHONE.sub(lambda m: mask_phone(m.group()), out)
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, NAME_MARK)
    return out
