import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage
from members.demo import LEADER_EMAIL, MEMBER_EMAIL, ORGANISER_EMAIL
from members.models import Connection, Organisation, Profile
from tests.members.factories import current_totp_code

pytestmark = pytest.mark.django_db


def test_demo_members_are_varied_and_loading_twice_adds_nothing(demo_site):
    profiles = Profile.objects.all()
    assert 165 <= profiles.exclude(source="archive").count() <= 185
    assert Organisation.objects.count() == 40
    assert set(Organisation.objects.values_list("kind", flat=True)) == {
        "company",
        "association",
        "administration",
        "local_authority",
    }
    assert profiles.filter(source="archive", user__isnull=True).count() == 2920
    assert profiles.exclude(country="FR").exclude(country="").exists()
    assert {"public", "members", "private"} <= set(
        profiles.values_list("biography_visibility", flat=True)
    )
    assert profiles.filter(listed_publicly=True).exists()
    assert Connection.objects.filter(addressee__user__email="admin@cercle.example.org").exists()

    counts = (Profile.objects.count(), Organisation.objects.count(), Connection.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        Profile.objects.count(),
        Organisation.objects.count(),
        Connection.objects.count(),
    )


def sign_in(client, email: str, password: str):
    client.logout()
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302
    assert response["Location"] != "/accounts/confirm-email/"
    assert client.get("/").wsgi_request.user.email == email
    return response


def test_the_demo_accounts_sign_in_and_try_the_site_as_each(client, demo_output):
    password = re.search(r"Demo accounts.*?password:\s+(\S+)", demo_output, re.S).group(1)
    for email in (MEMBER_EMAIL, LEADER_EMAIL, ORGANISER_EMAIL):
        assert email in demo_output

    sign_in(client, MEMBER_EMAIL, password)
    assert client.get("/dashboard/").status_code == 200

    sign_in(client, LEADER_EMAIL, password)
    assert client.get("/clubs/club-biotech/manage/").status_code == 200

    sign_in(client, ORGANISER_EMAIL, password)
    event = EventPage.objects.live().filter(start__gt=timezone.now()).first()
    # Organisers reach the admin: they set up their second factor first.
    setup = client.get(f"/events/{event.pk}/registrations/")
    assert setup["Location"] == reverse("mfa_index")
    client.post(reverse("account_reauthenticate"), {"password": password})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 200
    sign_in(client, MEMBER_EMAIL, password)
    assert client.get(f"/events/{event.pk}/registrations/").status_code in (403, 404)


def test_every_demo_account_has_its_address_verified(demo_site):
    accounts = Profile.objects.filter(user__email__endswith="@demo.cercle.example.org")
    verified = EmailAddress.objects.filter(
        user__in=accounts.values("user"), verified=True, primary=True
    )
    assert accounts.count() == verified.count() == 170


def test_a_new_demo_password_for_the_demo_accounts(client, demo_output):
    out = io.StringIO()
    call_command("load_demo", "--reset-admin-password", stdout=out)
    password = re.search(r"Demo accounts.*?password:\s+(\S+)", out.getvalue(), re.S).group(1)
    sign_in(client, LEADER_EMAIL, password)
