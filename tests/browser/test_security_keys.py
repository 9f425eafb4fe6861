"""Staff sign in with a security key or a passkey (WebAuthn), in Chromium.

Chromium's virtual authenticator (DevTools' WebAuthn domain) stands in for the key:
it answers the browser's requests as a platform authenticator with user verification
would. The server side is allauth's, unchanged; the site's policy (CSP) is enforced.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "dpo@example.org"
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def staff(demo):
    user = get_user_model().objects.create_user(
        email=EMAIL, password=PASSWORD, is_staff=True, is_superuser=True
    )
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def key_page(page):
    """A page whose browser holds a virtual authenticator that says yes at once."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.set_default_timeout(10_000)
    return page


def sign_in_with_password(page, base_url):
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()


def sign_out(page, base_url):
    page.goto(base_url + "/accounts/logout/")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()


def test_staff_add_a_passkey_then_sign_in_with_it(demo, staff, key_page, refusals):
    page = key_page
    sign_in_with_password(page, demo.url)
    # No second factor yet: every page but the account's sends to the second-factor page.
    page.goto(demo.url + "/admin/")
    assert page.url == demo.url + "/accounts/2fa/"
    page.goto(demo.url + "/accounts/2fa/webauthn/add/")
    # Adding a key asks for the password again.
    assert "/accounts/reauthenticate/" in page.url
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_url(lambda url: "/webauthn/add/" in url)
    page.fill("input[name=name]", "Clé du bureau")
    page.check("input[name=passwordless]")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    key = Authenticator.objects.get(user=staff, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Clé du bureau"
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    assert page.goto(demo.url + "/admin/").status == 200
    assert page.url == demo.url + "/admin/"

    # The password alone no longer signs in: the key is asked for, then the admin opens.
    sign_out(page, demo.url)
    sign_in_with_password(page, demo.url)
    assert "/accounts/2fa/authenticate/" in page.url
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
    assert page.goto(demo.url + "/admin/").url == demo.url + "/admin/"

    # The passkey signs in on its own, without the password.
    sign_out(page, demo.url)
    page.goto(demo.url + "/accounts/login/")
    page.click("#passkey_login")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(demo.url + "/admin/")
    assert page.url == demo.url + "/admin/"
    assert refusals == []
