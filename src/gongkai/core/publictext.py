"""Text the public reads, without the personal data of the person it is about. Pure.

Three texts are published that a person wrote or that name them: a question and its reply on
the portal (questions), a comment on a draft (consultations) and the register of concluded
applications (reuse). Each is cleaned here, by one rule, before it is published: the public
needs the question, the comment, the request; it does not need who asked, so who asked is
taken out (《个人信息保护法》第六条: no more personal data than the purpose needs; what the
staff see, masked too, is gongkai.core.masking).

What is removed, and the mark that stands in its place:

- the values given with the text (a form's name, ID number, telephone, e-mail, address,
  contact), wherever they occur: names become 〔姓名已隐去〕, addresses 〔地址已隐去〕, e-mail
  addresses 〔邮箱已隐去〕, ID numbers and telephones 〔号码已隐去〕 (a contact is an e-mail
  address when it holds an @, a number otherwise). The longest value goes first, so that a name
  inside an address goes with the address. Letters are compared without case (an ID number's
  final x is an X), spaces inside a value are allowed, and a number with seven or more digits
  is found written with other separators too (138，0013，8000; (010) 6910/1234);
- any e-mail address (``name@host``);
- any unified social credit code (18 characters, the third to eighth digits) and so any
  resident ID number;
- any run of seven or more digits, spaces, hyphens and dots allowed between them (up to three
  together) and an ID number's final X after them: mobile and landline numbers, ID numbers,
  bank cards. Such a run in what a person writes is nearly always one of their numbers; a
  document number or an amount of seven digits is rarely needed, and losing one is the lesser
  harm. Kept: a date written 2019-06-25 or 2019.6.25, a span of years 2021-2025 and a
  standard's number (GB/T 9704-2012).

Full-width digits, letters and signs (１３８，ａ＠ｂ．ｃｎ) and the other dashes (－—–) are read
as the ordinary ones; the text that is kept is kept exactly as written (第１２条 stays).

Names: one character is not hidden (a surname alone names no one, and taking every 张 out of a
text would leave it unreadable; the signature shows 张* instead, ``masked_name``); two
characters and more are hidden wherever they occur, inside a longer word too — a word lost is
better than a name kept; a name in Latin letters only as a word of its own (Li is no part of
Linux). Any other given value shorter than four characters (无, 暂无, 保密) is no datum and is
not hidden either.

A mark never completes a value: the values are taken out again and again until nothing
changes; and when a mark could spell a value given (姓名 typed as a name, a value holding 〔 or
〕), that text is cleaned without marks, everything hidden simply removed. A name or a number
the writer typed without giving it in the form is caught by the patterns above, or not at all
(a name typed only in the text): the reviewer of a reply and the moderator of a comment read
every text before it is published.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

NAME_HIDDEN = "〔姓名已隐去〕"
NUMBER_HIDDEN = "〔号码已隐去〕"
EMAIL_HIDDEN = "〔邮箱已隐去〕"
ADDRESS_HIDDEN = "〔地址已隐去〕"
MARKS = (NAME_HIDDEN, NUMBER_HIDDEN, EMAIL_HIDDEN, ADDRESS_HIDDEN)

MIN_NAME = 2  # characters of a name, spaces not counted
MIN_VALUE = 4  # characters of any other given value
MIN_DIGITS = 7  # digits of a number (found with any separators when given, anywhere when not)

# --- reading the text: one character for one, so that a place in the reading is a place in it --
_READING: dict[int, int | str] = {
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},  # full width → ASCII
    0x3000: " ",  # ideographic space
    **dict.fromkeys((*range(0x2010, 0x2016), 0x2212, 0xFE63), "-"),  # dashes, minus signs
}


def reading(text: str) -> str:
    """``text`` as the rules read it: full-width forms as ASCII, every dash a hyphen."""
    return text.translate(_READING)


# --- the patterns ---------------------------------------------------------------------------
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*")
_CREDIT_CODE = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    # perhaps kept: a date (the same separator twice) or a span of years, no digit around it
    r"(?<!\d)(?:(?P<date>(?:19|20)\d{2}(?P<sep>[\-.])(?:0?[1-9]|1[0-2])(?P=sep)"
    r"(?:0?[1-9]|[12]\d|3[01]))|(?P<first>(?:19|20)\d{2}) ?- ?(?P<last>(?:19|20)\d{2}))(?!\d)"
    # kept: a standard's number, GB/T 9704-2012, DB11/T 1234-2015
    r"|(?P<standard>(?:GB(?:/[TZ])?|DB\d{2}(?:/T)?|[A-Z]{2,3}/T) ?\d{1,5}"
    r"(?:\.\d{1,3})?-(?:19|20)\d{2})(?!\d)(?![\-.]\d)"
    # hidden: seven or more digits with separators, an ID number's X after them
    r"|\+?\d(?:[ \t.\-]{0,3}\d){6,}(?:[ \t.\-]?[Xx](?![A-Za-z]))?"
)


def _number(match: re.Match[str]) -> str | None:
    if match.group("date") or match.group("standard"):
        return None
    first, last = match.group("first"), match.group("last")
    if first and last and 0 <= int(last) - int(first) <= 100:  # 2021-2025, not 2025-2021
        return None
    return NUMBER_HIDDEN


PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (_EMAIL, lambda _: EMAIL_HIDDEN),
    (_CREDIT_CODE, lambda _: NUMBER_HIDDEN),
    (_NUMBER, _number),
)


# --- the values given -----------------------------------------------------------------------
@dataclass(frozen=True)
class _Secret:
    core: str  # the value as read, without its spaces (and for a number, its separators)
    pattern: re.Pattern[str]
    mark: str

    @property
    def marked(self) -> bool:
        """Whether the mark may stand in its place: no mark can spell it."""
        return (
            "〔" not in self.core
            and "〕" not in self.core
            and not any(self.core in mark for mark in MARKS)
        )


def _spaced(core: str, mark: str) -> _Secret:
    """The value with spaces allowed between its characters; a name in Latin letters only as a
    word of its own (Li is no part of Linux)."""
    pattern = "[ \t]*".join(map(re.escape, core))
    if mark == NAME_HIDDEN:
        pattern = (r"(?<![A-Za-z0-9])" if core[0].isascii() and core[0].isalnum() else "") + pattern
        pattern += r"(?![A-Za-z0-9])" if core[-1].isascii() and core[-1].isalnum() else ""
    return _Secret(core, re.compile(pattern, re.IGNORECASE), mark)


def _number_written_any_way(core: str) -> _Secret:
    """A number's characters with up to three signs between them (not letters, CJK, digits, new
    lines nor a mark's brackets)."""
    between = r"(?:[^\w\n〔〕]|_){0,3}"
    return _Secret(
        core, re.compile(between.join(map(re.escape, core)), re.IGNORECASE), NUMBER_HIDDEN
    )


def _given(value: str, mark: str, *, number: bool = False) -> _Secret | None:
    value = reading(value)
    core = "".join(value.split())
    if len(core) < (MIN_NAME if mark == NAME_HIDDEN else MIN_VALUE):
        return None
    if number:
        signs = re.sub(r"[\W_]", "", core)
        if sum(c.isdigit() for c in signs) >= MIN_DIGITS:
            return _number_written_any_way(signs)
    return _spaced(core, mark)


def _secrets(
    names: Iterable[str],
    id_numbers: Iterable[str],
    phones: Iterable[str],
    emails: Iterable[str],
    addresses: Iterable[str],
    contacts: Iterable[str],
) -> list[_Secret]:
    found = [
        *(_given(v, NAME_HIDDEN) for v in names),
        *(_given(v, NUMBER_HIDDEN, number=True) for v in (*id_numbers, *phones)),
        *(_given(v, EMAIL_HIDDEN) for v in emails),
        *(_given(v, ADDRESS_HIDDEN) for v in addresses),
        *(
            _given(v, EMAIL_HIDDEN) if "@" in reading(v) else _given(v, NUMBER_HIDDEN, number=True)
            for v in contacts
        ),
    ]
    unique = {(s.core.casefold(), s.mark): s for s in found if s is not None}
    return sorted(unique.values(), key=lambda s: (-len(s.core), s.mark, s.core))


# --- the rule ------------------------------------------------------------------------------
def _sub(
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], str | None],
    text: str,
    *,
    marks: bool,
) -> str:
    """``text`` with what ``pattern`` finds in its reading replaced by a mark (or nothing when
    ``marks`` is false); where ``replace`` says None, kept as written."""
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(reading(text)):
        mark = replace(match)
        if mark is not None:
            pieces += [text[last : match.start()], mark if marks else ""]
            last = match.end()
    return "".join([*pieces, text[last:]])


def _always(mark: str) -> Callable[[re.Match[str]], str]:
    return lambda _: mark


def _round(text: str, secrets: list[_Secret], *, marks: bool) -> str:
    for secret in secrets:
        text = _sub(secret.pattern, _always(secret.mark), text, marks=marks)
    for pattern, replace in PATTERNS:
        text = _sub(pattern, replace, text, marks=marks)
    return text


def redact(
    text: str,
    *,
    names: Iterable[str] = (),
    id_numbers: Iterable[str] = (),
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    addresses: Iterable[str] = (),
    contacts: Iterable[str] = (),
) -> str:
    """``text`` as the public reads it: without the values given, nor any e-mail address, ID
    number, credit code or long number (the module's docstring says which, and the marks)."""
    secrets = _secrets(names, id_numbers, phones, emails, addresses, contacts)
    # With marks, each replacement takes characters out of the text that are no mark's and puts
    # in a mark that spells no value; without them, each takes out characters or digits. Either
    # way the rounds end, and when one changes nothing, nothing given or shaped like a number or
    # an e-mail address is left.
    marks = all(secret.marked for secret in secrets)
    while True:
        before, text = text, _round(text, secrets, marks=marks)
        if text == before:
            return text


def masked_name(name: str) -> str:
    """The writer as the portal names them: the first character and a mask (张*, 欧阳**)."""
    name = name.strip()
    if not name:
        return "网友"
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)
