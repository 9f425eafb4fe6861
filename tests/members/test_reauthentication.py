"""Exporting, erasing, changing the e-mail address or the password asks for the password again."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import Profile
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def member(client):
    profile = ProfileFactory()
    profile.user.set_password(PASSWORD)
    profile.user.save()
    EmailAddress.objects.get_or_create(
        user=profile.user, email=profile.user.email, defaults={"verified": True, "primary": True}
    )
    response = client.post(
        reverse("account_login"), {"login": profile.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return profile


def asks_for_the_password(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith(
        reverse("account_reauthenticate")
    )


def test_the_export_needs_the_password_again_then_works(client, member):
    assert asks_for_the_password(client.post("/members/me/data/export/"))
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    export = client.post("/members/me/data/export/")
    assert export.status_code == 200
    assert export["Content-Type"] == "application/zip"


def test_the_erasure_needs_the_password_again_then_works(
    client, member, django_capture_on_commit_callbacks
):
    # The page itself opens; the erasure waits for the password.
    assert client.get("/members/me/data/").status_code == 200
    erase = {"confirmation": member.user.email}
    assert asks_for_the_password(client.post("/members/me/data/", erase))
    assert Profile.objects.filter(pk=member.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        # The erasure resumes once the password is given again.
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        client.post("/members/me/data/", erase)
    assert not Profile.objects.filter(pk=member.pk).exists()


def test_a_wrong_password_does_not_reauthenticate(client, member):
    response = client.post(reverse("account_reauthenticate"), {"password": "wrong"})
    assert response.status_code == 200
    assert asks_for_the_password(client.post("/members/me/data/export/"))


def test_email_and_password_changes_need_the_password_again(client, member):
    assert asks_for_the_password(
        client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    )
    assert not EmailAddress.objects.filter(email="new@example.org").exists()
    # The password change form asks for the current password itself.
    page = client.get(reverse("account_change_password"))
    assert "oldpassword" in page.context["form"].fields
