"""Masking of identity-document numbers and telephone numbers for display: staff pages, print
pages, the case file and exports show them masked unless an authorised person asks to see one
case's values in full (an audited action, 《个人信息保护法》第五十一条). Pure."""

from __future__ import annotations

from gongkai.core.idnumbers import mask


def mask_id_number(value: str) -> str:
    """110229********1234: the region code and the last four of an 18-character number (a
    resident ID or a credit code); shorter numbers (passports, permits) keep less."""
    value = value.strip()
    if len(value) >= 15:
        return mask(value, keep_start=6, keep_end=4)
    if len(value) >= 8:
        return mask(value, keep_start=2, keep_end=2)
    if len(value) >= 4:
        return mask(value, keep_start=0, keep_end=2)
    return "*" * len(value)


def mask_phone(value: str) -> str:
    """138****5678 for a mobile number; 010*****3456 for a landline with its area code; the last
    four only for a short local number."""
    value = value.strip()
    if len(value) >= 10:
        return mask(value, keep_start=3, keep_end=4)
    if len(value) >= 7:
        return mask(value, keep_start=0, keep_end=4)
    if len(value) >= 4:
        return mask(value, keep_start=0, keep_end=2)
    return "*" * len(value)
