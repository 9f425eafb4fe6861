import pytest

from members import dashboard
from tests.members.factories import EducationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations_panel(tmp_path, settings):
    template = tmp_path / "registrations.html"
    template.write_text("<ul>{% for item in panel.items %}<li>{{ item }}</li>{% endfor %}</ul>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    dashboard.register_panel(
        "registrations",
        "Mes inscriptions",
        provider=lambda request: ["Forum de l’emploi, 12 mars"] if request.user.pk else [],
        template="registrations.html",
        order=30,
    )
    yield
    dashboard.PANELS.pop("registrations")


def test_apps_add_their_panels(client, registrations_panel):
    client.force_login(ProfileFactory().user)
    body = client.get("/dashboard/").content.decode()
    assert "Mes inscriptions" in body and "Forum de l’emploi, 12 mars" in body


def test_completeness_grows_and_next_steps_shrink(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    before = client.get("/dashboard/").context["completeness"]
    EducationFactory(profile=profile)
    profile.headline = "Urbaniste"
    profile.save()
    after = client.get("/dashboard/").context["completeness"]
    assert after["percent"] > before["percent"]
    steps = [str(label) for _, label in after["next_steps"]]
    assert "Écrivez une accroche" in [str(label) for _, label in before["next_steps"]]
    assert "Écrivez une accroche" not in steps
    assert len(after["next_steps"]) == len(before["next_steps"]) - 2


def test_without_a_profile_the_dashboard_invites_to_create_one(client):
    client.force_login(UserFactory())
    assert "Créer mon profil" in client.get("/dashboard/").content.decode()


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
