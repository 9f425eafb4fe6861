import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_started
from django.db import connection


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


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture
def png_file():
    return lambda name="photo.png": SimpleUploadedFile(name, PNG_1PX, content_type="image/png")


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
