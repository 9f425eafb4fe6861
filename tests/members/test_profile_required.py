"""One answer to "signed in, but no profile yet": refused by the service, sent to the
profile form by the pages, told the same sentence by the API."""

import pytest
from django.contrib.auth.models import AnonymousUser

from config.errors import DomainError
from members import services
from members.errors import ProfileRequired, SignInRequired
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

NEEDS_A_PROFILE = "Créez d’abord votre profil."


def test_require_profile_refuses_a_member_without_one_and_a_visitor():
    with pytest.raises(ProfileRequired) as refused:
        services.require_profile(UserFactory())
    assert isinstance(refused.value, DomainError)
    assert refused.value.status == 403 and refused.value.message == NEEDS_A_PROFILE
    with pytest.raises(SignInRequired) as anonymous:
        services.require_profile(AnonymousUser())
    assert isinstance(anonymous.value, ProfileRequired) and anonymous.value.status == 401
    profile = ProfileFactory()
    assert services.require_profile(profile.user) == profile


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/members/me/network/"),
        ("get", "/members/{pk}/contact/"),
        ("post", "/members/{pk}/connect/"),
        ("post", "/members/connections/1/accept/"),
    ],
)
def test_pages_send_a_member_without_a_profile_to_the_profile_form(client, method, path):
    other = ProfileFactory()
    client.force_login(UserFactory())
    url = path.format(pk=other.pk)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/members/me/edit/")
    page = client.get(response["Location"])
    assert NEEDS_A_PROFILE in page.content.decode()


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get("/members/me/network/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_profile_form_brings_the_member_back_where_they_were(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/members/me/network/")
    assert response["Location"] == "/members/me/edit/?next=%2Fmembers%2Fme%2Fnetwork%2F"
    created = client.post(
        response["Location"],
        {
            "kind": "alumnus",
            "first_name": "Inès",
            "last_name": "Morel",
            "listed_to_members": "on",
            "consent": "on",
            "education-TOTAL_FORMS": "0",
            "education-INITIAL_FORMS": "0",
            "experience-TOTAL_FORMS": "0",
            "experience-INITIAL_FORMS": "0",
            **{
                f"{section}_visibility": "members"
                for section in (
                    "photo headline biography location contact links education experience "
                    "expertise availability cv"
                ).split()
            },
        },
    )
    assert created.status_code == 302 and created["Location"] == "/members/me/network/"


def test_the_api_answers_the_same_sentence(client):
    client.force_login(UserFactory())
    for response in (
        client.get("/api/community/members/me"),
        client.patch("/api/community/members/me", "{}", content_type="application/json"),
    ):
        assert response.status_code == 403
        assert response.json()["message"] == NEEDS_A_PROFILE
