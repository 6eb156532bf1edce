"""Building cases for tests through the same services the pages use."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from unittest import mock

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Column, Item

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


# --- the catalog --------------------------------------------------------------------------------
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def columns_of(unit, *, key_areas: bool = False) -> dict[str, Column]:
    """The unit's standard column tree, by column code."""
    catalog_services.build_tree(unit, key_areas=key_areas)
    return {c.code: c for c in Column.objects.filter(unit=unit)}


def item_data(column: Column, **changes) -> dict:
    data = {
        "column": column,
        "title": "关于做好2025年春季植树造林工作的通知",
        "doc_number": "延发改发〔2025〕3号",
        "formed_on": dt.date(2025, 3, 3),
        "topic": "农业、林业、水利",
        "body": (
            "<p>各乡镇人民政府、街道办事处：</p>"
            "<p>为做好春季造林绿化工作，现将有关事项通知如下。</p>"
        ),
    }
    data.update(changes)
    return data


def draft(actor, unit, column: Column, **changes) -> Item:
    return catalog_services.item_create(actor=actor, unit=unit, data=item_data(column, **changes))


@contextlib.contextmanager
def server_day(day: dt.date | None) -> Iterator[None]:
    """The server's day of publication set to ``day`` (None: the real one). The publication
    date is the server's (catalog.services.publication_day): a test that needs an item
    published on a given day publishes it on that day."""
    if day is None:
        yield
        return
    with mock.patch.object(catalog_services, "publication_day", return_value=day):
        yield


def publish(clerk, reviewer, unit, column: Column, on: dt.date | None = None, **changes) -> Item:
    """An item drafted by ``clerk`` and published by ``reviewer`` (Users, not Staff), on the
    server's day ``on`` (today by default)."""
    item = draft(clerk, unit, column, **changes)
    catalog_services.item_submit(actor=clerk, item=item)
    with server_day(on):
        return catalog_services.item_publish(
            actor=reviewer, item=item, secrecy_review="经审查，不涉密，同意公开"
        )


def far_regional_day(office, government):
    """A regional holiday of ``government``, far from every date the sweeps use (2030): a
    record of the kind for the pages to open, moving no due date."""
    from gongkai.regions import services as region_services

    return region_services.regional_day_add(
        actor=office.user,
        government=government,
        day=dt.date(2030, 1, 7),
        kind="holiday",
        name="地方节日（测试）",
        basis="测政办发〔2029〕1号",
    ).entry
