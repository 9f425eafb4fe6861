"""Editors' documents are served as files, never as pages of the site."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser(email="editor@example.org", password="x")
    )
    return client


def upload(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<script>alert(document.cookie)</script>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("tool.js", b"alert(1)"),
    ],
)
def test_a_document_that_a_browser_would_run_is_refused(editor_client, name, content):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "disposition"),
    [
        ("guide.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf", "inline"),
        # Markup in a text file is shown as text, never run.
        ("notes.txt", b"<html><script>alert(1)</script></html>", "text/plain", "inline"),
        ("budget.xlsx", b"PK\x03\x04", "application/vnd.openxmlformats", "attachment"),
    ],
)
def test_a_document_is_served_as_a_file(
    editor_client, client, name, content, content_type, disposition
):
    upload(editor_client, name, content)
    document = Document.objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_document_in_a_private_collection_asks_a_visitor_to_sign_in(client):
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = Document.objects.create(
        title="Interne", file=SimpleUploadedFile("interne.pdf", b"%PDF-1.4\n"), collection=private
    )
    response = client.get(document.url)
    assert response.status_code == 302
    # The site's own sign-in, with its second factor and rate limits, not Wagtail's.
    assert response["Location"].startswith("/accounts/login/?next=/documents/")
