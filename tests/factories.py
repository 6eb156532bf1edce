"""Building cases for tests through the same services the pages use."""

from __future__ import annotations

import datetime as dt

from gongkai.applications import services
from gongkai.applications.models import Application

VALID_ID = "11010519491231002X"  # a resident ID number with a correct GB 11643 check digit


def applicant(**changes) -> services.ApplicantData:
    data = services.ApplicantData(
        applicant_type="natural",
        applicant_name="张三",
        id_type="resident_id",
        id_number=VALID_ID,
        phone="13800000000",
        email="zhang@example.cn",
        address="北京市延庆区高塔街1号",
        postcode="102100",
        info_title="征地补偿方案",
        info_description="2024年延庆镇某村征地补偿标准",
        provision_form="electronic",
        delivery_method="download",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def register(actor, unit, received: dt.date = dt.date(2025, 3, 3), **changes) -> Application:
    """A counter application received on ``received`` (default Monday 2025-03-03: due 03-31)."""
    return services.application_register(
        actor=actor,
        data=applicant(**changes),
        unit=unit,
        channel="in_person",
        submitted_on=received,
        registered_on=received,
    ).application
