"""A second factor for staff, required before the admin or full records open: TOTP here,
security keys and passkeys in the browser (``tests/browser/test_security_keys.py``)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.members.factories import ProfileFactory, current_totp_code

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "correct-horse-battery-42"


def account(email: str, **extra):
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def staff():
    return account("dpo@example.org", is_superuser=True, is_staff=True)


def sign_in(client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302


def test_staff_without_a_second_factor_is_sent_to_the_second_factor_page(client, staff):
    client.login(email=staff.email, password=PASSWORD)
    profile = ProfileFactory()
    for path in ("/admin/", f"/admin/member_profiles/inspect/{profile.pk}/", "/dashboard/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index")).content.decode()
    # Both kinds are offered: an authenticator app and a security key.
    assert reverse("mfa_activate_totp") in page and reverse("mfa_add_webauthn") in page
    assert client.get(reverse("account_email")).status_code == 200


def test_the_admin_login_is_the_site_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("account_login") + "?next=/admin/pages/"


def test_staff_with_totp_and_a_session_that_used_it_reaches_the_admin(client, staff):
    client.force_login(staff)
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_sign_in_asks_for_the_totp_code_after_the_password(client, staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    sign_in(client, staff.email)
    # The password alone does not sign the account in.
    assert client.get("/").wsgi_request.user.is_anonymous
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_sets_up_totp_in_the_site_layout_then_reaches_the_admin(client, staff):
    sign_in(client, staff.email)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    # Adding an authenticator asks for the password again.
    page = client.get(reverse("mfa_activate_totp"))
    assert page.headers["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'lang="fr"' in html and "<svg" in html  # the site's page, with the QR code
    secret = page.context["form"].secret
    assert secret in html
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    # Recovery codes come with the first authenticator.
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/admin/").status_code == 200


def test_a_member_without_admin_access_is_not_asked_for_a_second_factor(client):
    member = account("lea.martin@example.org")
    ProfileFactory(user=member)
    client.login(email=member.email, password=PASSWORD)
    assert client.get("/dashboard/").status_code == 200
    # The admin refuses on the sign-in page, without a second-factor setup or a loop.
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert not Authenticator.objects.filter(user=member).exists()
