"""The bulk downloads of the open API against a built world: what each year's file holds (only
public records, counted), its formats (CSV with BOM and neutralised cells, JSON), ETag and 304,
Last-Modified, ``since`` with the removed records, and the DCAT catalogue."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalog import services as catalog_services
from gongkai.core import params
from gongkai.opendata import formats
from gongkai.reports import services as report_services
from tests.conftest import examples
from tests.core.test_publictext import id_numbers, phones, rare_names
from tests.opendata import world as world_module
from tests.questions.test_questions import answered, ask

pytestmark = pytest.mark.django_db

# addresses a form accepts (Django's EmailValidator)
emails = st.from_regex(r"[a-z][a-z0-9]{0,10}@[a-z0-9]{1,10}\.(cn|com|org\.cn)", fullmatch=True)


@pytest.fixture
def world(unit_a, clerk_a, reviewer_a, office):
    return world_module.build(unit_a, clerk_a, reviewer_a, office)


def fetch(client: Client, name: str, year: int, ext: str, **headers) -> tuple[int, bytes, dict]:
    response = client.get(reverse(f"portal:{name}", args=[year, ext]), **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body, response


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(formats.BOM.encode("utf-8"))
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_years_items_are_the_public_ones_in_both_formats(client, world):
    status, body, response = fetch(client, "api_items_year", 2025, "json")
    assert status == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(body)
    assert (data["dataset"], data["year"], data["since"]) == ("items", 2025, None)
    assert [r["id"] for r in data["records"]] == [i.pk for i in world["public_2025"]]
    assert {r["status"] for r in data["records"]} == {"published"}
    first = data["records"][0]
    assert first["title"] == "第一条通知"
    assert first["url"].endswith(reverse("portal:item", args=[first["id"]]))
    assert first["published_on"] == "2025-03-10"

    status, body, response = fetch(client, "api_items_year", 2025, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="items-2025.csv"' in response["Content-Disposition"]
    rows = rows_of(body)
    assert [int(r["id"]) for r in rows] == [i.pk for i in world["public_2025"]]
    # a title a spreadsheet would run is written as text
    assert rows[1]["title"] == '\'=HYPERLINK("x")'
    assert [r["title"] for r in data["records"]][1] == '=HYPERLINK("x")'  # JSON keeps it as is

    _, body, _ = fetch(client, "api_items_year", 2024, "json")
    assert [r["title"] for r in json.loads(body)["records"]] == ["上一年的通知"]


def test_the_questions_download_holds_only_published_questions_masked(client, world):
    _, body, _ = fetch(client, "api_questions_year", timezone.localdate().year, "json")
    records = json.loads(body)["records"]
    assert [r["id"] for r in records] == [world["question"].pk]
    record = records[0]
    assert set(record) == {
        "id", "status", "subject", "text", "reply", "asker", "unit_name", "received_on",
        "replied_on", "published_at", "changed_at", "url",
    }  # fmt: skip
    assert record["asker"].startswith("欧*")  # core.publictext.masked_name
    _, csv_body, _ = fetch(client, "api_questions_year", timezone.localdate().year, "csv")
    for text in (body.decode(), csv_body.decode("utf-8-sig")):
        for secret in (*world_module.ASKER.values(), world["question"].tracking_number):
            assert secret not in text
        assert "司马青山" not in text
        assert "诸葛云飞" not in text


def test_the_reports_download_holds_the_tables_of_published_reports(client, world):
    _, body, _ = fetch(client, "api_reports_year", 2024, "json")
    records = json.loads(body)["records"]
    assert [r["id"] for r in records] == [world["report"].pk]
    tables = records[0]["tables"]
    assert set(tables) == {"二", "三", "四"}
    snapshot = world["report"].snapshot
    assert tables["三"] == snapshot["applications"]["rows"]
    _, body, _ = fetch(client, "api_reports_year", 2024, "csv")
    rows = rows_of(body)
    cells = sum(
        len(cells)
        for table in (snapshot["proactive"].values(),)
        for rows_ in table
        for cells in rows_.values()
    )
    cells += sum(len(c) for c in snapshot["applications"]["rows"].values())
    cells += sum(len(c) for c in snapshot["review_litigation"].values())
    assert len(rows) == cells
    assert {r["table"] for r in rows} == {"二", "三", "四"}
    assert {r["id"] for r in rows} == {str(world["report"].pk)}
    new = next(r for r in rows if r["table"] == "三" and r["column"] == "总计")
    assert new["value"].lstrip("-").isdigit()


def test_an_unchanged_download_answers_304_and_a_change_gives_a_new_etag(client, world, reviewer_a):
    status, _, response = fetch(client, "api_items_year", 2025, "csv")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert status == 200
    assert etag
    assert modified
    status, body, again = fetch(client, "api_items_year", 2025, "csv", HTTP_IF_NONE_MATCH=etag)
    assert (status, body) == (304, b"")
    assert again["ETag"] == etag
    status, _, _ = fetch(client, "api_items_year", 2025, "csv", HTTP_IF_MODIFIED_SINCE=modified)
    assert status == 304
    # the JSON file of the same rows has a tag of its own
    _, _, as_json = fetch(client, "api_items_year", 2025, "json")
    assert as_json["ETag"] != etag
    catalog_services.item_withdraw(actor=reviewer_a.user, item=world["items"][0], reason="过期")
    status, _, changed = fetch(client, "api_items_year", 2025, "csv", HTTP_IF_NONE_MATCH=etag)
    assert status == 200
    assert changed["ETag"] != etag


def test_the_small_json_answers_carry_an_etag_too(client, world):
    for url in (
        reverse("portal:api_items") + "?q=通知",
        reverse("portal:similar") + "?q=通知",
        reverse("portal:api_openapi"),
        reverse("portal:api_catalog"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["ETag"], url
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_since_gives_the_changed_records_and_the_removed_ones(client, world, reviewer_a, office):
    moment = timezone.now()
    url = reverse("portal:api_items_year", args=[2025, "json"])
    data = json.loads(body_of(client.get(url, {"since": moment.isoformat()})))
    assert data["records"] == []
    later = publish_again = world["items"][0]
    catalog_services.item_withdraw(actor=reviewer_a.user, item=later, reason="过期")
    data = json.loads(body_of(client.get(url, {"since": moment.isoformat()})))
    assert data["since"] == moment.isoformat()
    assert data["records"] == [
        {
            "id": publish_again.pk,
            "status": "removed",
            "changed_at": data["records"][0]["changed_at"],
        }
    ]
    # before everything: all public items, and the item withdrawn in building the world
    data = json.loads(body_of(client.get(url, {"since": "2000-01-01"})))
    by_status = {}
    for record in data["records"]:
        by_status.setdefault(record["status"], []).append(record["id"])
    assert by_status == {
        "published": [world["items"][1].pk],
        "removed": sorted([world["items"][0].pk, world["withdrawn"].pk]),
    }
    # a draft never published is no record of the public's, removed or not
    assert world["draft"].pk not in by_status["removed"]
    # a report whose publication is withdrawn is reported removed
    report_services.report_reopen(actor=office.user, report=world["report"], reason="数字有误")
    reports = reverse("portal:api_reports_year", args=[2024, "csv"])
    rows = rows_of(b"".join(client.get(reports, {"since": moment.isoformat()}).streaming_content))
    assert [(r["id"], r["status"]) for r in rows] == [(str(world["report"].pk), "removed")]


@pytest.mark.parametrize("since", ["yesterday", "2025-13-01", "1800-01-01", "9" * 50, "\x00"])
def test_an_unreadable_since_is_a_400_in_chinese(client, world, since):
    response = client.get(reverse("portal:api_items_year", args=[2025, "csv"]), {"since": since})
    assert response.status_code == 400
    assert "since 应为 ISO 8601 时刻" in response.json()["error"]


def test_a_year_out_of_range_or_an_unknown_format_is_a_404(client, world):
    assert client.get(reverse("portal:api_items_year", args=[1800, "csv"])).status_code == 404
    assert client.get(reverse("portal:api_items_year", args=[2025, "xml"])).status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2025-01-01T00:00:00+08:00",
            dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        ),
        (
            "2025-01-01T00:00:00 08:00",
            dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        ),
        ("2025-01-01T00:00:00Z", dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
        ("2025-01-01", dt.datetime(2024, 12, 31, 16, tzinfo=dt.UTC)),
        ("2025-01-01T08:30", dt.datetime(2025, 1, 1, 0, 30, tzinfo=dt.UTC)),
        ("", None),
        ("２０２５-01-01", None),
        ("2025-02-30", None),
        # an offset PostgreSQL would refuse (beyond ±15:59): the same moment, in UTC
        ("2142-11-06 13:03:20+16:05", dt.datetime(2142, 11, 5, 20, 58, 20, tzinfo=dt.UTC)),
    ],
)
def test_a_moment_is_read_strictly_and_made_aware(value, expected):
    read = params.moment({"since": value}, "since")
    assert read == expected
    assert read is None or read.utcoffset() == dt.timedelta(0)


@pytest.mark.django_db
def test_a_since_with_any_offset_python_reads_is_answered(client):
    for name in ("portal:api_reports_year", "portal:api_questions_year", "portal:api_items_year"):
        url = reverse(name, args=[2018, "csv"])
        assert client.get(url, {"since": "2142-11-06T13:03:20+16:05"}).status_code == 200
        assert client.get(url, {"since": "2025-01-01T00:00:00-23:59"}).status_code == 200


def test_the_catalogue_lists_a_dataset_per_year_with_a_distribution_per_format(client, world):
    data = json.loads(client.get(reverse("portal:api_catalog")).content)
    assert data["@type"] == "dcat:Catalog"
    ids = {d["dct:identifier"]: d for d in data["dcat:dataset"]}
    this_year = timezone.localdate().year
    assert set(ids) == {"items-2025", "items-2024", f"questions-{this_year}", "reports-2024"}
    items = ids["items-2025"]
    assert items["dct:license"] == "https://creativecommons.org/licenses/by/4.0/"
    formats_ = {d["dct:format"]: d for d in items["dcat:distribution"]}
    assert set(formats_) == {"CSV", "JSON"}
    csv_ = formats_["CSV"]
    assert csv_["dcat:downloadURL"].endswith(reverse("portal:api_items_year", args=[2025, "csv"]))
    assert csv_["dcat:mediaType"].endswith("text/csv")
    assert csv_["dct:modified"]
    # every download the catalogue names is there
    for dataset in data["dcat:dataset"]:
        for dist in dataset["dcat:distribution"]:
            path = dist["dcat:downloadURL"].removeprefix("http://testserver")
            assert client.get(path).status_code == 200, path


def test_the_api_page_explains_the_api_and_links_the_years(client, world):
    page = client.get(reverse("portal:api")).content.decode()
    assert "开放数据接口" in page
    assert reverse("portal:api_openapi") in page
    assert reverse("portal:api_items_year", args=[2025, "csv"]) in page
    assert reverse("portal:api_reports_year", args=[2024, "json"]) in page
    # linked from every page's footer
    assert reverse("portal:api") in client.get(reverse("portal:home")).content.decode()


@given(rare_names, phones, id_numbers, emails)
@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_questions_download_contains_the_askers_personal_data(
    client, clerk_a, reviewer_a, unit_a, name, phone, id_number, email
):
    text = f"我是{name}，身份证{id_number}，电话{phone}，邮箱{email}。"
    question = ask(
        unit_a, asker_name=name, phone=phone, email=email, subject=f"{name}的咨询", text=text
    )
    answered(question, clerk_a, reviewer_a, reply=f"{name}您好，已收到{phone}的来电。")
    year = timezone.localdate().year
    for ext in ("csv", "json"):
        _, body, _ = fetch(client, "api_questions_year", year, ext)
        download = body.decode("utf-8-sig")
        for secret in (name, id_number, phone, email, question.tracking_number):
            assert secret not in download, (ext, secret)
        assert str(question.pk) in download
