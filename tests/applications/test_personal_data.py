"""Personal data under 《个人信息保护法》: exports cannot carry a live formula; identity-document
numbers and telephones are masked on every staff page, print page and case file, and shown in
full only by an audited POST of someone allowed to; every download of a case's document is
logged; the numbers are encrypted at rest and found by a keyed hash, and a key rotation keeps
every row readable; what Gongkai writes in its data folder is its own user's only; and pages
with personal data are never stored by a browser or a proxy."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.applications import export, selectors, services
from gongkai.applications.models import Application, DocumentKind
from gongkai.audit.models import AuditEvent
from gongkai.core import crypto
from gongkai.core.chars import strip_illegal
from gongkai.core.masking import mask_id_number, mask_phone
from gongkai.core.middleware import PRIVATE_PUBLIC_VIEWS
from gongkai.core.spreadsheet import is_formula_like, safe_cell
from gongkai.reports import checker
from tests.conftest import login
from tests.factories import PNG, VALID_ID, applicant, register

PHONE = "13812345678"
MASKED_ID = "110105********002X"
MASKED_PHONE = "138****5678"
ROOT = Path(__file__).resolve().parents[2]


def stored_row(pk: int) -> tuple[str, str]:
    """The identity-number column and its hash as the database holds them (plain SQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, id_number_hash FROM applications_application WHERE id = %s", [pk]
        )
        return cursor.fetchone()


@pytest.fixture
def case(clerk_a, unit_a):
    """A counter application with a copy of the applicant's ID card."""
    return services.application_register(
        actor=clerk_a.user,
        data=applicant(phone=PHONE),
        unit=unit_a,
        channel="in_person",
        submitted_on=services.today(),
        files=[services.Upload("身份证.png", PNG, DocumentKind.ID_COPY, "身份证复印件")],
    ).application


# --- spreadsheets -------------------------------------------------------------------------------
@given(st.text())
def test_a_cell_is_never_a_formula(text):
    cell = safe_cell(text)
    text = strip_illegal(text)  # what an XLSX cannot hold is dropped first (gongkai.core.chars)
    if is_formula_like(text):
        assert cell == "'" + text
    else:
        assert cell == text
        assert text.lstrip()[:1] not in {"=", "+", "-", "@", "＝", "＋", "－", "＠"}
        assert text[:1] not in {"\t", "\r", "\n"}


def test_the_checker_and_the_export_use_the_one_neutraliser():
    assert checker._safe is safe_cell
    assert safe_cell(3) == 3
    assert safe_cell(" =1+1") == "' =1+1"


HOSTILE_NAMES = ['=HYPERLINK("http://evil.example/","点此")', "+1-2", "-3+4", "@SUM(A1)"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_export_writes_no_live_formula_in_csv_or_xlsx(office, clerk_a, unit_a, name):
    register(clerk_a.user, unit_a, applicant_name=name)
    client = login(office)
    url = reverse("staff:export")
    text = client.get(url, {"year": "2025", "format": "csv", "reveal": "on"}).content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows[1][3] == "'" + name  # the name in full (the office asked), as text
    response = client.get(url, {"year": "2025", "format": "xlsx", "reveal": "on"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=4)
    assert cell.data_type == "s"  # a string, not a formula
    assert cell.value == "'" + name
    for row in sheet.iter_rows():
        for other in row:
            assert other.data_type != "f"
    # Masked (the default), whatever is left of the name is neutralised too.
    masked = export.to_csv(
        export.table(export.year_cases(2025), year=2025, today=services.today())
    ).decode("utf-8-sig")
    for row in (*rows, *csv.reader(io.StringIO(masked))):
        assert not any(is_formula_like(cell) for cell in row)


# --- masking ------------------------------------------------------------------------------------
def test_masks():
    assert mask_id_number("110229198002280014") == "110229********0014"
    assert mask_id_number(VALID_ID) == MASKED_ID
    assert mask_id_number("E12345678") == "E1*****78"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-69123456") == "010*****3456"
    assert mask_phone("123") == "***"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["office", "supervisor", "clerk_a", "reviewer_a"])
def test_every_role_sees_the_numbers_masked_on_the_case_the_print_and_the_case_file(
    request, case, who
):
    client = login(request.getfixturevalue(who))
    for name in ("case", "case_print"):
        page = client.get(reverse(f"staff:{name}", args=[case.pk])).content.decode()
        assert VALID_ID not in page
        assert PHONE not in page
        assert MASKED_ID in page
        assert MASKED_PHONE in page
    response = client.get(reverse("staff:case_zip", args=[case.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    for name in archive.namelist():
        if name.endswith((".html", ".json", ".csv")):
            text = archive.read(name).decode("utf-8")
            assert VALID_ID not in text, name
            assert PHONE not in text, name
    record = json.loads(archive.read("01-申请信息.json"))
    assert (record["id_number"], record["phone"]) == (MASKED_ID, MASKED_PHONE)
    assert MASKED_ID in archive.read("00-案卷目录.html").decode()


# --- reveal -------------------------------------------------------------------------------------
def reveal(client, case, **data):
    fields = {"reveal-purpose": "邮寄送达", **{f"reveal-{k}": v for k, v in data.items()}}
    return client.post(reverse("staff:reveal", args=[case.pk]), fields)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["clerk_a", "reviewer_a", "office"])
def test_a_reveal_shows_the_numbers_once_and_is_audited(request, case, who):
    member = request.getfixturevalue(who)
    client = login(member)
    response = reveal(client, case, note="补寄答复书")
    assert response.status_code == 200
    page = response.content.decode()
    assert VALID_ID in page
    assert PHONE in page
    assert "no-store" in response["Cache-Control"]
    row = AuditEvent.objects.get(action="application.reveal")
    assert row.actor_id == member.user.pk
    assert row.object_id == str(case.pk)
    assert case.tracking_number in row.summary
    assert "邮寄送达（补寄答复书）" in row.summary
    assert "第五十一条" in row.legal_basis
    # For that response only: the next view of the case is masked again.
    again = client.get(reverse("staff:case", args=[case.pk])).content.decode()
    assert VALID_ID not in again
    assert MASKED_ID in again


@pytest.mark.django_db
def test_a_reveal_needs_a_purpose(case, clerk_a):
    client = login(clerk_a)
    for data in ({"reveal-purpose": ""}, {"reveal-purpose": "其他", "reveal-note": " "}):
        response = client.post(reverse("staff:reveal", args=[case.pk]), data)
        assert response.status_code == 400
        assert VALID_ID not in response.content.decode()
    assert "请说明查看完整信息的用途" in response.content.decode()
    assert not AuditEvent.objects.filter(action="application.reveal").exists()
    assert client.get(reverse("staff:reveal", args=[case.pk])).status_code == 405


@pytest.mark.django_db
def test_the_supervisor_and_outsiders_cannot_reveal(case, supervisor, clerk_b, citizen):
    response = reveal(login(supervisor), case, note="抽查")
    assert response.status_code == 403
    assert VALID_ID not in response.content.decode()
    assert (
        "查看完整的证件号码"
        not in login(supervisor).get(reverse("staff:case", args=[case.pk])).content.decode()
    )
    assert reveal(login(clerk_b), case).status_code == 404
    assert reveal(login(citizen), case).status_code == 404
    assert not AuditEvent.objects.filter(action="application.reveal").exists()


# --- downloads ----------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["clerk_a", "office", "supervisor"])
def test_every_staff_download_of_an_id_copy_is_audited(request, case, who):
    member = request.getfixturevalue(who)
    copy = case.documents.get(kind=DocumentKind.ID_COPY)
    response = login(member).get(reverse("staff:document", args=[case.pk, copy.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert "no-store" in response["Cache-Control"]
    row = AuditEvent.objects.get(action="application.download")
    assert row.actor_id == member.user.pk
    receipt = case.documents.get(notice_kind="receipt")
    client = login(member)
    assert (
        client.get(reverse("staff:document_print", args=[case.pk, receipt.pk])).status_code == 200
    )
    printed = AuditEvent.objects.filter(action="application.view", actor=member.user).latest("id")
    assert "打印“" in printed.summary
    assert "身份证复印件" in row.summary
    assert "第五十一条" in row.legal_basis


@pytest.mark.django_db
def test_an_applicant_cannot_download_an_id_copy_and_their_downloads_are_audited(client, unit_a):
    intake = services.application_submit_online(
        data=applicant(),
        unit=unit_a,
        files=[services.Upload("身份证.png", PNG, DocumentKind.ID_COPY, "身份证复印件")],
    )
    number = intake.application.tracking_number
    client.post(
        reverse("portal:lookup"), {"tracking_number": number, "query_code": intake.query_code}
    )
    copy = intake.application.documents.get(kind=DocumentKind.ID_COPY)
    assert client.get(reverse("portal:track_document", args=[number, copy.pk])).status_code == 404
    receipt = intake.application.documents.get(notice_kind="receipt")
    response = client.get(reverse("portal:track_document", args=[number, receipt.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="application.download").count() == 1


# --- encryption at rest -------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_number_is_stored_encrypted_and_found_by_its_keyed_hash(case, clerk_a, unit_a):
    token, digest = stored_row(case.pk)
    assert VALID_ID not in token
    assert VALID_ID[6:14] not in token
    assert crypto.keyring().decrypt(token) == VALID_ID
    assert len(digest) == 64
    assert digest != VALID_ID
    assert Application.objects.get(pk=case.pk).id_number == VALID_ID
    found = Application.objects.with_id_number("resident_id", VALID_ID.lower())
    assert list(found) == [case]
    assert not Application.objects.with_id_number("passport", VALID_ID).exists()
    with pytest.raises(FieldError):
        Application.objects.filter(id_number=VALID_ID).count()  # would silently find nothing
    # The fee counts the same applicant's earlier applications through the hash.
    later = register(clerk_a.user, unit_a, received=case.receipt_date, phone=PHONE)
    assert selectors.applications_this_month(later) == 1


@pytest.fixture
def key_file(settings, tmp_path):
    """Keys in a file of this test's own, as an installation without the variable has them."""
    path = tmp_path / crypto.KEY_FILE_NAME
    first = crypto.generate_key()
    crypto.write_key_file(path, [first])
    settings.PERSONAL_DATA_KEY_FILE = path
    settings.GONGKAI_PERSONAL_DATA_KEYS = (first,)
    return path


@pytest.mark.django_db
def test_rotation_re_encrypts_every_row_and_old_data_still_reads(key_file, settings, case):
    (first,) = crypto.read_key_file(key_file)
    old_token, old_digest = stored_row(case.pk)
    call_command("keys", "rotate", stdout=io.StringIO())
    keys = crypto.read_key_file(key_file)
    assert len(keys) == 2
    assert keys[1] == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    token, digest = stored_row(case.pk)
    assert Fernet(keys[0].encode()).decrypt(token.encode()).decode() == VALID_ID
    with pytest.raises(InvalidToken):
        Fernet(first.encode()).decrypt(token.encode())
    assert digest != old_digest
    assert Application.objects.get(pk=case.pk).id_number == VALID_ID
    assert Application.objects.with_id_number("resident_id", VALID_ID).get() == case
    assert AuditEvent.objects.filter(action="personal_data.reencrypted").exists()
    # A server started before the rotation (the old key only) reads the file again.
    settings.GONGKAI_PERSONAL_DATA_KEYS = (first,)
    assert Application.objects.get(pk=case.pk).id_number == VALID_ID
    assert tuple(settings.GONGKAI_PERSONAL_DATA_KEYS) == keys
    # A row written under the old key (not yet rotated) is still read and found.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE applications_application SET id_number = %s, id_number_hash = %s WHERE id = %s",
            [old_token, old_digest, case.pk],
        )
    assert Application.objects.get(pk=case.pk).id_number == VALID_ID
    assert Application.objects.with_id_number("resident_id", VALID_ID).get() == case
    # Old keys go only once no row needs them.
    with pytest.raises(SystemExit):
        call_command("keys", "prune", stdout=io.StringIO())
    call_command("keys", "reencrypt", stdout=io.StringIO())
    call_command("keys", "prune", stdout=io.StringIO())
    assert crypto.read_key_file(key_file) == keys[:1]
    assert Application.objects.get(pk=case.pk).id_number == VALID_ID


@pytest.mark.django_db
def test_keys_from_the_environment_are_not_rotated_by_the_command(settings, case):
    settings.PERSONAL_DATA_KEY_FILE = None
    with pytest.raises(SystemExit):
        call_command("keys", "rotate", stdout=io.StringIO())
    out = io.StringIO()
    call_command("keys", "status", stdout=out)
    assert "尚未以当前密钥加密的值 0 个" in out.getvalue()


def test_a_bad_key_is_refused_at_start_up(tmp_path):
    with pytest.raises(crypto.SettingError, match="第2个密钥无效"):
        crypto.load_keys([crypto.generate_key(), "not-a-key"], tmp_path)
    keys = crypto.load_keys([], tmp_path / "new")
    assert crypto.read_key_file(tmp_path / "new" / crypto.KEY_FILE_NAME) == keys
    assert stat.S_IMODE((tmp_path / "new" / crypto.KEY_FILE_NAME).stat().st_mode) == 0o600
    assert crypto.load_keys([], tmp_path / "new") == keys  # the same file, read again


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_the_migration_encrypts_existing_rows_and_back(unit_a):
    executor = MigrationExecutor(connection)
    before = [("applications", "0005_remove_exemptions_and_details")]
    latest = executor.loader.graph.leaf_nodes()  # every app: going back unapplied dependents
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("applications", "Application")
        row = old.objects.create(
            tracking_number="FGW-2025-09999",
            query_code_hash="x",
            unit_id=unit_a.pk,
            channel="in_person",
            receipt_date="2025-03-03",
            receipt_basis="当面提交",
            applicant_type="natural",
            applicant_name="张三",
            id_type="resident_id",
            id_number=VALID_ID,
            phone=PHONE,
            provision_form="paper",
            delivery_method="post",
            status="processing",
        )
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        token, _digest = stored_row(row.pk)
        assert VALID_ID not in token
        assert Application.objects.get(pk=row.pk).id_number == VALID_ID
        assert Application.objects.with_id_number("resident_id", VALID_ID).get().pk == row.pk
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        assert stored_row_clear(row.pk) == VALID_ID
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)


def stored_row_clear(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM applications_application WHERE id = %s", [pk])
        return cursor.fetchone()[0]


# --- the data folder ----------------------------------------------------------------------------
def private(path: Path) -> list[str]:
    """Everything under ``path`` that another user could read or enter."""
    return [
        f"{oct(stat.S_IMODE(p.stat().st_mode))} {p}"
        for p in [path, *path.rglob("*")]
        if stat.S_IMODE(p.stat().st_mode) & 0o077
    ]


@pytest.mark.django_db
def test_uploads_and_generated_documents_are_the_users_only(settings, tmp_path, clerk_a, unit_a):
    settings.MEDIA_ROOT = media = tmp_path / "media"
    case = services.application_register(
        actor=clerk_a.user,
        data=applicant(),
        unit=unit_a,
        channel="in_person",
        submitted_on=services.today(),
        files=[services.Upload("身份证.png", PNG, DocumentKind.ID_COPY, "身份证复印件")],
    ).application
    folder = media / "applications" / case.tracking_number
    files = list(folder.iterdir())
    assert len(files) == case.documents.count() == 2  # the ID copy and the receipt
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for path in (folder, folder.parent, media):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    if settings.PERSONAL_DATA_KEY_FILE is not None:
        assert stat.S_IMODE(settings.PERSONAL_DATA_KEY_FILE.stat().st_mode) == 0o600


@pytest.mark.slow
def test_the_command_writes_its_data_folder_for_its_own_user_only(tmp_path):
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env |= {"GONGKAI_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    old = os.umask(0o022)  # a permissive shell: the entry point must not depend on it
    try:
        for args in (["migrate", "-v0"], ["search", "reindex"], ["keys", "rotate"]):
            done = subprocess.run(
                [sys.executable, "-m", "gongkai", *args],
                env=env,
                cwd=tmp_path,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    assert (data / "gongkai.sqlite3").exists()
    assert (data / crypto.KEY_FILE_NAME).exists()
    assert any((data / "search").iterdir())
    assert private(data) == []


# --- caches -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_pages_with_personal_data_are_never_stored(client, case, clerk_a):
    staff = login(clerk_a)
    for url in (
        reverse("staff:home"),
        reverse("staff:workbench"),
        reverse("staff:case", args=[case.pk]),
        reverse("staff:case_print", args=[case.pk]),
        reverse("staff:case_zip", args=[case.pk]),
        reverse("accounts:login"),
    ):
        response = staff.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert response["Pragma"] == "no-cache", url
    for name in ("lookup", "apply"):
        response = client.get(reverse(f"portal:{name}"))
        assert "no-store" in response["Cache-Control"], name
    assert {"track", "track_document", "apply_done", "correct", "withdraw"} <= PRIVATE_PUBLIC_VIEWS
    public = client.get(reverse("portal:home"))
    assert "no-store" not in public.get("Cache-Control", "")
    assert "Pragma" not in public
