import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_started
from django.db import connection
from PIL import ExifTags, Image


def pdf_bytes(text: str = "CV") -> bytes:
    """A small but well-formed PDF document."""
    body = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"% " + text.encode() + b"\n"
    )
    return body + b"xref\n0 3\ntrailer\n<< /Root 1 0 R /Size 3 >>\nstartxref\n9\n%%EOF\n"


@pytest.fixture
def pdf_file():
    return lambda text="CV", name="cv.pdf": SimpleUploadedFile(
        name, pdf_bytes(text), content_type="application/pdf"
    )


def png_bytes(size=(1, 1)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def phone_photo(width=1600, height=1200, orientation=1, description="") -> bytes:
    """A photo as a phone writes it: large, with the device and its GPS position."""
    image = Image.effect_noise((width, height), 64).convert("RGB")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.ImageDescription] = description
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (50.0, 37.0, 12.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (3.0, 4.0, 5.0),
        }
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif)
    return buffer.getvalue()


@pytest.fixture
def png_file():
    return lambda name="photo.png": SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def run_commit_callbacks(**kwargs):
    """Runs the search index's pending sync, as the test's saves would on commit.

    Each test runs in one transaction that never commits; in production every save
    commits, and its documents reach the search index before the next request.
    Other callbacks (e-mails) are left to the test.
    """
    for _savepoints, callback, _robust in list(connection.run_on_commit):
        if getattr(callback, "done", None) is False:
            callback()


@pytest.fixture(autouse=True)
def committed_before_each_request():
    """The directory reads the search index: a request sees what was saved before it."""
    request_started.connect(run_commit_callbacks, dispatch_uid="tests:commit-callbacks")
    yield
    request_started.disconnect(dispatch_uid="tests:commit-callbacks")


@pytest.fixture
def admin_client(client, django_user_model):
    """A superuser signed in to the admin."""
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    client.force_login(admin)
    return client
