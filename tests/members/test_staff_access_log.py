"""A staff read of a member's full record leaves one line in the access log.

``members.privacy`` writes the line when it hands out the record; the page, the
API, the files and the admin's export only ask it.
"""

import pytest
from django.core.files.base import ContentFile

from members.models import StaffAccessLog
from tests.members.conftest import pdf_bytes
from tests.members.factories import ProfileFactory, make_staff

pytestmark = pytest.mark.django_db


def read_page(client, profile):
    assert client.get(f"/members/{profile.pk}/").status_code == 200


def read_api(client, profile):
    assert client.get(f"/api/community/members/{profile.pk}").status_code == 200


def read_private_cv(client, profile):
    assert client.get(f"/members/{profile.pk}/cv/").status_code == 200


def read_admin_export(client, profile):
    response = client.get("/admin/member_profiles/", {"export": "csv"})
    assert profile.last_name in b"".join(response.streaming_content).decode()


READS = [read_page, read_api, read_private_cv]


@pytest.fixture
def profile():
    profile = ProfileFactory(headline="Confidentiel", headline_visibility="private")
    profile.cv_visibility = "private"
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes("cv")))
    return profile


@pytest.mark.parametrize("read", [*READS, read_admin_export])
def test_a_staff_read_is_logged_once(client, profile, read):
    staff = make_staff()
    if read is read_admin_export:
        staff.is_superuser = True
        staff.save()
    client.force_login(staff)
    read(client, profile)
    log = StaffAccessLog.objects.get()
    assert log.profile == profile and log.staff_user == staff and log.reason


@pytest.mark.parametrize("read", [read_page, read_api])
def test_a_member_read_is_not_logged(client, profile, read):
    client.force_login(ProfileFactory().user)
    read(client, profile)
    assert not StaffAccessLog.objects.exists()


def test_the_admin_export_logs_each_member_exported(admin_client, profile):
    ProfileFactory()
    read_admin_export(admin_client, profile)
    assert StaffAccessLog.objects.filter(reason="Administration\u202f: export").count() == 2
