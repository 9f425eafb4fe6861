import re

import pytest
from django.core import mail

from home.models import InstitutionSettings
from tests.members.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def institution(db):
    settings = InstitutionSettings.load()
    settings.name = "Université du Nord"
    settings.save()
    return settings


def sign_up(client, email="lea.martin@example.org"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_account_emails_name_the_institution_not_the_host(client, institution):
    sign_up(client)
    UserFactory(email="samir.haddad@example.org")
    client.post("/accounts/password/reset/", {"email": "samir.haddad@example.org"})
    sign_up(client, email="samir.haddad@example.org")
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.body.startswith("Bonjour, c'est Université du Nord !"), message.body
        assert "Merci d'utiliser Université du Nord !" in message.body
        assert "testserver !" not in message.body


def test_confirming_the_email_leads_to_creating_the_profile(client, institution):
    sign_up(client)
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert response["Location"] == "/members/me/edit/"
    page = client.get(response["Location"])
    assert "Créer mon profil" in page.content.decode()


def test_a_member_with_a_profile_signs_in_to_the_site_as_before(client, institution):
    member = ProfileFactory()
    response = client.post("/accounts/login/", {"login": member.user.email, "password": PASSWORD})
    assert response["Location"] == "/"
