"""A member sees where they are signed in and signs out everywhere else."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from tests.members.factories import reauthenticate

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def member():
    user = get_user_model().objects.create_user(email="samir.haddad@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def signed_in_browser(user_agent):
    browser = Client(HTTP_USER_AGENT=user_agent)
    response = browser.post(
        "/accounts/login/", {"login": "samir.haddad@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    return browser


def test_signing_out_the_other_sessions_keeps_this_one(member):
    laptop = signed_in_browser("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    phone = signed_in_browser("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1")

    listing = laptop.get("/accounts/sessions/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Firefox" in html and "iPhone" in html

    response = laptop.post("/accounts/sessions/", follow=True)
    assert response.status_code == 200
    assert laptop.get("/dashboard/").status_code == 200
    assert phone.get("/dashboard/").status_code == 302
    assert "iPhone" not in laptop.get("/accounts/sessions/").content.decode()


def test_the_sessions_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/accounts/sessions/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_changing_the_password_signs_out_the_other_sessions(member):
    laptop = signed_in_browser("Firefox")
    phone = signed_in_browser("Safari")
    new_password = "another-horse-battery-43"
    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert laptop.get("/dashboard/").status_code == 200
    assert phone.get("/dashboard/").status_code == 302


def test_the_data_export_lists_the_sessions(member):
    laptop = signed_in_browser("Firefox")
    # The export asks for the password again after five minutes; it was just given.
    reauthenticate(laptop, member)
    response = laptop.post("/members/me/data/export/")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("data.json"))
    assert [row["user_agent"] for row in data["account"]["sessions"]] == ["Firefox"]
