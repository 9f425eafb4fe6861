"""The graduate-archive imports in the community API: for the staff who follow them."""

import pytest
from django.contrib.auth.models import Permission

from members.models import ArchiveImport
from tests.members.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_import():
    return ArchiveImport.objects.create(
        file_name="diplomes-2025.csv", fingerprint="0" * 64, size=1000, progress=500, rows=42
    )


def follower():
    staff = make_staff()
    staff.user_permissions.add(Permission.objects.get(codename="view_archiveimport"))
    return type(staff).objects.get(pk=staff.pk)


def test_staff_follow_an_import_as_it_runs(client, archive_import):
    client.force_login(follower())

    listing = client.get("/api/community/archives/imports/").json()
    one = client.get(f"/api/community/archives/imports/{archive_import.pk}").json()

    assert listing["count"] == 1 and listing["results"][0]["file_name"] == "diplomes-2025.csv"
    assert (one["status"], one["percent"], one["rows"]) == ("running", 50, 42)


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("member", 403), ("full record without the model's", 403)],
)
def test_others_are_refused_with_a_message(client, archive_import, who, status):
    if who == "member":
        client.force_login(UserFactory())
    elif who is not None:
        client.force_login(make_staff())

    response = client.get(f"/api/community/archives/imports/{archive_import.pk}")

    assert response.status_code == status
    assert response.json()["message"]
    assert "diplomes" not in response.content.decode()


def test_an_unknown_import_answers_404(client):
    client.force_login(follower())

    response = client.get("/api/community/archives/imports/999999")

    assert response.status_code == 404
    assert response.json()["message"]
