"""Importing the graduate archives from the admin: upload, follow, read the report."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.demo import GRADUATES_FILE
from members.models import ArchiveImport, GraduateRecord

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name="archives.csv", **fields):
    return client.post(
        "/admin/archive_imports/new/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv"), **fields},
    )


def test_staff_import_the_sample_archive_and_read_its_report(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, GRADUATES_FILE.read_bytes(), name="graduates-demo.csv")

    archive_import = ArchiveImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/archive_imports/inspect/{archive_import.pk}/"
    assert (archive_import.status, archive_import.created, archive_import.rejected) == (
        "done",
        2920,
        80,
    )
    assert archive_import.started_by.email == "root@example.org"
    assert GraduateRecord.objects.count() == 2920

    page = admin_client.get(response["Location"]).content.decode()
    assert 'value="100"' in page and "graduates-demo.csv" in page
    assert "90 lignes dans le rapport" in page or "90 lines in the report" in page

    progress = admin_client.get(f"/admin/archive_imports/progress/{archive_import.pk}/").json()
    assert (progress["finished"], progress["percent"], progress["status"]) == (True, 100, "done")

    report = admin_client.get(f"/admin/archive_imports/report/{archive_import.pk}/")
    lines = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert len(lines) == 1 + 90
    assert lines[1][0] == "27" and lines[1][1] == "annee_diplome"

    listing = admin_client.get("/admin/archive_imports/").content.decode()
    assert "graduates-demo.csv" in listing


def test_a_file_over_the_admins_limit_is_refused_with_a_clear_message(admin_client, settings):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1024

    response = upload(admin_client, GRADUATES_FILE.read_bytes())

    assert response.status_code == 200
    assert "import_graduates" in response.content.decode()
    assert not ArchiveImport.objects.exists()


def test_a_file_that_is_not_an_archive_is_refused(admin_client):
    response = upload(admin_client, b"%PDF-1.7", name="cv.pdf")

    assert response.status_code == 200
    assert not ArchiveImport.objects.exists()


def test_a_file_that_cannot_be_read_ends_the_import_with_its_reason(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "nom;prenoms\nMartin;Zoé\n".encode())

    archive_import = ArchiveImport.objects.get()
    assert archive_import.status == "failed"
    page = admin_client.get(f"/admin/archive_imports/inspect/{archive_import.pk}/")
    assert "numero_etudiant" in page.content.decode()


def test_an_import_cannot_be_edited(admin_client):
    archive_import = ArchiveImport.objects.create(file_name="a.csv", fingerprint="0" * 64)

    response = admin_client.get(f"/admin/archive_imports/edit/{archive_import.pk}/")

    assert response.status_code in (302, 403)


def test_staff_name_the_archives_spellings(admin_client):
    response = admin_client.post(
        "/admin/archive_spellings/new/",
        {"kind": "faculty", "spelling": "FAC. ECO.", "name": "Faculté d'économie"},
    )

    assert response.status_code == 302
    assert "FAC. ECO." in admin_client.get("/admin/archive_spellings/").content.decode()
