"""The receipt date of an application (收到申请之日), 《条例》第三十一条. Pure.

- handed in at the counter: the day it was handed in;
- by post needing a signature: the day the agency signed for it;
- by ordinary letter needing no signature: the day the office confirmed it with the applicant;
- over the internet (our portal, e-mail) or by fax: the day both sides confirmed it.

On Gongkai's own portal the confirmation is immediate: the applicant submits and receives the
tracking number the same moment, so the submission date is the day both sides confirmed. That
is our reading (docs/applications.md); e-mail and fax need a confirmation date recorded by staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai import law


class ReceiptError(ValueError):
    pass


@dataclass(frozen=True)
class Receipt:
    date: dt.date
    reason: str  # how the date was found, in Chinese, without the citation
    provision: str  # the item of 第三十一条 it follows, e.g. "第三十一条第（一）项"

    @property
    def basis(self) -> str:
        """The reason with its provision, as the case records it."""
        return f"{self.reason}（{law.REGULATION_SHORT}{self.provision}）"


def plain_reason(basis: str) -> str:
    """The stored basis without its citation: for text that cites 第三十一条 itself (the
    receipt notice), so the citation is not nested in a second one."""
    text = basis.strip()
    if text.endswith("）"):
        depth = 0
        for i in range(len(text) - 1, -1, -1):  # the opening bracket matching the last one
            depth += {"）": 1, "（": -1}.get(text[i], 0)
            if depth == 0:
                if "条" in text[i:]:
                    text = text[:i]
                break
    return text.rstrip("，。；")


def receipt_date(
    channel: str,
    *,
    submitted_on: dt.date,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> Receipt:
    if channel == "online":
        return Receipt(
            submitted_on,
            "网上申请，提交时系统即时确认，以双方确认之日为收到申请之日",
            "第三十一条第（三）项",
        )
    if channel == "in_person":
        return Receipt(submitted_on, "当面提交，以提交之日为收到申请之日", "第三十一条第（一）项")
    if channel == "mail_signed":
        if signed_on is None:
            raise ReceiptError("邮寄申请需填写签收日期")
        return Receipt(signed_on, "邮寄，以行政机关签收之日为收到申请之日", "第三十一条第（二）项")
    if channel in ("mail_ordinary", "fax", "email"):
        if confirmed_on is None:
            raise ReceiptError("平常信函、传真和电子邮件申请需填写与申请人确认的日期")
        reason, provision = {
            "mail_ordinary": (
                "平常信函，以工作机构与申请人确认之日为收到申请之日",
                "第三十一条第（二）项",
            ),
            "fax": ("传真，以双方确认之日为收到申请之日", "第三十一条第（三）项"),
            "email": (
                "电子邮件，属互联网渠道，以双方确认之日为收到申请之日",
                "第三十一条第（三）项",
            ),
        }[channel]
        return Receipt(confirmed_on, reason, provision)
    raise ReceiptError(f"未知的申请渠道：{channel}")
