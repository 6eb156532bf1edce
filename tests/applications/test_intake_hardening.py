"""Uploads stopped while they arrive, the applicants' byte budgets, and intake that loses nothing
and leaves nothing behind: no file without its case, no tracking number given twice, no
submission answered and not stored under concurrent load on SQLite (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import OperationalError, transaction
from django.test import RequestFactory
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Document, TrackingCounter
from gongkai.applications.services import common
from gongkai.audit.models import AuditEvent
from gongkai.core import storedfiles, uploadlimits
from tests.factories import VALID_ID, applicant

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
MB = 1024 * 1024


def pdf(size: int) -> bytes:
    return PDF + b"0" * (size - len(PDF))


def token_of(client) -> str:
    page = client.get(reverse("portal:apply")).content.decode()
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def form(token: str, unit, **files) -> dict:
    return {
        "unit": unit.pk,
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "info_title": "征地补偿方案",
        "provision_form": "electronic",
        "delivery_method": "download",
        "token": token,
        "promise": "on",
        "website": "",
        **files,
    }


def stored() -> tuple[int, int, int]:
    return Application.objects.count(), Document.objects.count(), AuditEvent.objects.count()


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """A data folder's media of this test's own, to see every file written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- uploads stopped while they arrive ----------------------------------------------------------
@pytest.mark.django_db
def test_an_oversize_file_is_stopped_before_it_is_read_whole(client, unit_a, settings, media):
    settings.MAX_UPLOAD_MB = 1
    settings.GONGKAI_PUBLIC_REQUEST_MB = 10
    token = token_of(client)
    before = stored()
    response = client.post(
        reverse("portal:apply"),
        form(token, unit_a, attachments=SimpleUploadedFile("身份证.pdf", pdf(4 * MB))),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "文件“身份证.pdf”过大：上限 1 MB" in page
    assert "未保存" in page
    # The handler stopped at the first chunk over the limit: far less than the 4 MB sent.
    received = uploadlimits.state_of(response.wsgi_request).received
    assert MB < received < 2 * MB
    assert stored() == before
    assert files_under(media) == []
    # Refused for its size: not counted against the applicant's day.
    assert uploadlimits.used_today(response.wsgi_request) == 0


@pytest.mark.django_db
def test_a_request_declaring_more_than_the_request_budget_is_refused_unread(
    client, unit_a, settings, media
):
    settings.GONGKAI_PUBLIC_REQUEST_MB = 1
    token = token_of(client)
    files = [SimpleUploadedFile(f"{i}.pdf", pdf(MB)) for i in range(3)]  # each within 1 MB
    response = client.post(reverse("portal:apply"), form(token, unit_a, attachments=files))
    assert response.status_code == 413
    assert "一次提交的文件过大：合计上限 1 MB" in response.content.decode()
    assert uploadlimits.state_of(response.wsgi_request).received == 0  # not a byte parsed
    assert Application.objects.count() == 0
    assert files_under(media) == []


def anonymous_post(files: dict) -> object:
    """A request as it reaches the upload handlers, without the middleware's early check."""
    request = RequestFactory().post("/apply/", files)
    request.user = AnonymousUser()
    return request


def test_the_handler_counts_the_files_of_one_request_together(settings):
    settings.GONGKAI_PUBLIC_REQUEST_MB = 1
    files = [SimpleUploadedFile(f"{i}.pdf", pdf(MB // 2 + 1)) for i in range(3)]
    request = anonymous_post({"attachments": files})
    request.FILES  # noqa: B018
    state = uploadlimits.state_of(request)
    assert state.refused == "一次提交的文件过大：合计上限 1 MB"
    assert MB < state.received < MB + 2 * 64 * 1024  # stopped within a chunk of the limit
    assert len(request.FILES.getlist("attachments")) < 3


def test_a_large_file_within_the_limits_is_spooled_to_the_data_folder(settings):
    request = anonymous_post({"attachments": SimpleUploadedFile("scan.pdf", pdf(3 * MB))})
    upload = request.FILES["attachments"]
    assert isinstance(upload, TemporaryUploadedFile)  # on disk, not in memory
    assert Path(upload.temporary_file_path()).parent == Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert uploadlimits.state_of(request).received == 3 * MB
    upload.close()


@pytest.mark.django_db
def test_staff_may_send_larger_requests_than_applicants(client, clerk_a, settings):
    settings.GONGKAI_PUBLIC_REQUEST_MB = 1
    settings.MAX_UPLOAD_MB = 2
    client.force_login(clerk_a.user)
    files = [SimpleUploadedFile(f"{i}.pdf", pdf(MB)) for i in range(2)]
    response = client.post(reverse("staff:intake"), {"attachments": files})
    assert response.status_code == 400  # the form's own errors: the upload itself was taken
    assert uploadlimits.state_of(response.wsgi_request).received == 2 * MB
    assert not uploadlimits.state_of(response.wsgi_request).refused


# --- the daily budget ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_daily_budget_per_address(client, unit_a, settings, media):
    settings.GONGKAI_PUBLIC_DAILY_MB = 1
    first = client.post(
        reverse("portal:apply"),
        form(token_of(client), unit_a, attachments=SimpleUploadedFile("a.pdf", pdf(600_000))),
    )
    assert first.status_code == 302
    used = uploadlimits.used_today(first.wsgi_request)
    assert 600_000 < used < 620_000  # the request's length: the file and the form
    files_before = files_under(media)

    second = client.post(
        reverse("portal:apply"),
        form(token_of(client), unit_a, attachments=SimpleUploadedFile("b.pdf", pdf(600_000))),
    )
    assert second.status_code == 429
    assert "今天从您的网络地址上传的文件已达 1 MB 的上限" in second.content.decode()
    assert Application.objects.count() == 1
    assert files_under(media) == files_before
    assert uploadlimits.used_today(second.wsgi_request) == used  # the refused one not counted

    # Another address has its own day; a form without files costs nothing.
    other = type(client)(REMOTE_ADDR="192.0.2.7")
    third = other.post(
        reverse("portal:apply"),
        form(token_of(other), unit_a, attachments=SimpleUploadedFile("c.pdf", pdf(600_000))),
    )
    assert third.status_code == 302
    assert client.post(reverse("portal:apply"), form(token_of(client), unit_a)).status_code == 302
    assert Application.objects.count() == 3


# --- files kept only with their rows ------------------------------------------------------------
def _unsaved_document(number: str) -> Document:
    return Document(application=Application(tracking_number=number))


@pytest.mark.django_db(transaction=True)
def test_a_file_written_in_a_transaction_that_rolls_back_is_removed(media):
    storedfiles.discard_rolled_back()  # earlier tests' files: their transactions never commit
    kept, lost, nested = (_unsaved_document(f"T-2025-0000{i}") for i in (1, 2, 3))

    def write_and_fail(document: Document, name: str) -> None:
        with transaction.atomic():
            storedfiles.save(document.file, name, PDF)
            assert (media / document.file.name).exists()
            raise RuntimeError(name)

    with transaction.atomic():
        storedfiles.save(kept.file, "kept.pdf", PDF)
        with pytest.raises(RuntimeError):
            write_and_fail(nested, "nested.pdf")  # a savepoint rolled back, the outer commits
    with pytest.raises(RuntimeError):
        write_and_fail(lost, "lost.pdf")
    assert storedfiles.discard_rolled_back() == 2
    assert files_under(media) == [kept.file.name]


@pytest.mark.django_db(transaction=True)
def test_a_failed_intake_leaves_no_file_and_its_number_is_not_reused(
    client, unit_a, media, monkeypatch
):
    year = services.today().year
    real_record = common.record

    def busy(**kwargs):  # the database refuses the audit row, inside the intake's transaction
        raise OperationalError("database is locked")

    monkeypatch.setattr(common, "record", busy)
    response = client.post(
        reverse("portal:apply"),
        form(token_of(client), unit_a, attachments=SimpleUploadedFile("身份证.pdf", PDF)),
    )
    assert response.status_code == 503
    assert "系统繁忙，请稍后再试，您的申请未保存" in response.content.decode()
    assert Application.objects.count() == 0
    assert Document.objects.count() == 0
    assert files_under(media) == []  # the ID copy and the receipt written before: removed
    assert TrackingCounter.objects.get(prefix="FGW", year=year).last == 1  # number 1 is spent

    monkeypatch.setattr(common, "record", real_record)
    response = client.post(
        reverse("portal:apply"),
        form(token_of(client), unit_a, attachments=SimpleUploadedFile("身份证.pdf", PDF)),
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.tracking_number == f"FGW-{year}-00002"
    names = {Path(d.file.name).name for d in application.documents.all()}
    assert len(names) == 2  # the ID copy and the receipt, nothing of the failed intake
    assert set(files_under(media)) == {f"applications/FGW-{year}-00002/{name}" for name in names}


@pytest.mark.django_db
def test_a_file_left_in_the_folder_of_the_next_number_is_removed_first(clerk_a, unit_a, media):
    """Left by an intake that failed before this fix (its number then went to the next one)."""
    year = 2025
    stray = media / "applications" / f"FGW-{year}-00001" / "someone-else-id.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    intake = services.application_register(
        actor=clerk_a.user,
        data=applicant(),
        unit=unit_a,
        channel="in_person",
        submitted_on=dt.date(2025, 3, 3),
        registered_on=dt.date(2025, 3, 3),
        files=[services.Upload("申请表.pdf", PDF)],
    )
    assert intake.application.tracking_number == f"FGW-{year}-00001"
    assert not stray.exists()
    assert len(list(stray.parent.iterdir())) == 2  # the form and the receipt


@pytest.mark.django_db
def test_the_same_form_sent_twice_stores_one_case(client, unit_a, media):
    token = token_of(client)
    for _ in range(2):
        response = client.post(
            reverse("portal:apply"),
            form(token, unit_a, attachments=SimpleUploadedFile("身份证.pdf", PDF)),
        )
        assert response.status_code == 302
    assert Application.objects.count() == 1
    assert len(files_under(media)) == 2


# --- many at once on a real SQLite file ---------------------------------------------------------
CONCURRENT = textwrap.dedent(
    """
    import json, os, re, sqlite3, threading
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    import django
    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from gongkai.applications.models import Application, Document
    from gongkai.units.codes import ORGAN, make_uscc
    from gongkai.units.models import Unit

    call_command("migrate", verbosity=0)
    unit = Unit.objects.create(code="fgw", name="北京市延庆区发展和改革委员会",
        short_name="区发展改革委", kind="department", uscc=make_uscc(ORGAN, "110119", 11000001))
    PDF = b"%PDF-1.4\\n1 0 obj\\n<<>>\\nendobj\\ntrailer\\n<<>>\\n%%EOF\\n"

    def submit(client, i):
        page = client.get("/apply/").content.decode()
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        return client.post("/apply/", {
            "unit": unit.pk, "applicant_type": "natural", "applicant_name": f"申请人{i}",
            "id_type": "resident_id", "id_number": "11010519491231002X",
            "phone": "13800000000", "info_title": f"信息{i}", "provision_form": "electronic",
            "delivery_method": "download", "token": token, "promise": "on", "website": "",
            "attachments": SimpleUploadedFile("身份证.pdf", PDF + str(i).encode()),
        })

    results = []
    barrier = threading.Barrier(THREADS)

    def worker(t):
        client = Client()
        barrier.wait()
        for n in range(EACH):
            response = submit(client, t * 100 + n)
            number = ""
            if response.status_code == 302:
                done = client.get(response["Location"]).content.decode()
                number = re.search(r'class="mono">([^<]+)<', done).group(1)
            results.append([response.status_code, number])
        connections.close_all()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for t in threads: t.start()
    for t in threads: t.join()

    numbers = sorted(Application.objects.values_list("tracking_number", flat=True))
    root = settings.MEDIA_ROOT / "applications"
    folders_match = all(
        sorted(p.name for p in (root / a.tracking_number).iterdir())
        == sorted(d.file.name.rsplit("/", 1)[-1] for d in a.documents.all())
        for a in Application.objects.all()
    )
    leftovers = sorted(p.name for p in root.iterdir() if p.name not in numbers and any(p.iterdir()))

    # The write lock held by another connection past the busy timeout: a 503, nothing stored.
    client = Client()
    submit_page = client.get("/apply/")
    holder = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    connection.ensure_connection()
    connection.cursor().execute("PRAGMA busy_timeout=300")
    locked = submit(client, 999)
    holder.execute("ROLLBACK")
    after_lock = Application.objects.count()
    print(json.dumps({
        "results": results, "numbers": numbers, "folders_match": folders_match,
        "leftovers": leftovers, "locked_status": locked.status_code,
        "locked_page": locked.content.decode(), "after_lock": after_lock,
        "documents": Document.objects.count(),
    }))
    """
)


@pytest.mark.slow
def test_concurrent_intake_on_a_sqlite_file_stores_every_answered_submission(tmp_path):
    threads, each = 8, 3
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path),
        "GONGKAI_ALLOWED_HOSTS": "testserver",
        "GONGKAI_PUBLIC_RATE_LIMIT": "0",
        "GONGKAI_PUBLIC_ATTEMPT_LIMIT": "0",
        "GONGKAI_LOG_LEVEL": "ERROR",
    }
    for name in ("GONGKAI_DATABASE_URL", "GONGKAI_CACHE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)  # SQLite in the data folder and the database cache, also on CI/PG
    script = CONCURRENT.replace("THREADS", str(threads)).replace("EACH", str(each))
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    statuses = [status for status, _ in out["results"]]
    answered = [number for status, number in out["results"] if status == 302]
    assert len(statuses) == threads * each
    assert set(statuses) <= {302, 503}  # never a 500; a 503 says it was not saved
    assert sorted(answered) == out["numbers"]  # every answered one stored, nothing else stored
    assert len(set(answered)) == len(answered)
    assert out["folders_match"]
    assert out["leftovers"] == []
    assert out["documents"] == 2 * len(answered)
    # With the write lock held elsewhere past the busy timeout: a clear 503, nothing stored.
    assert out["locked_status"] == 503
    assert "系统繁忙，请稍后再试，您的申请未保存" in out["locked_page"]
    assert out["after_lock"] == len(answered)
