import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from events.models import EventPage
from home.models import AccessibilityStatementPage, HomePage, InstitutionSettings, StandardPage
from members.models import Profile
from tests.members.factories import current_totp_code


@pytest.mark.django_db
def test_demo_content_builds_the_page_tree(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo_site
    assert set(StandardPage.objects.child_of(demo_site).values_list("slug", flat=True)) == {
        "a-propos",
        "mentions-legales",
    }
    assert AccessibilityStatementPage.objects.child_of(demo_site).live().get().slug == (
        "accessibilite"
    )
    assert InstitutionSettings.load().name == "Université du Nord"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail").exists()


@pytest.mark.django_db
def test_demo_content_is_idempotent(demo_site):
    pages_before = Page.objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert Page.objects.count() == pages_before
    assert HomePage.objects.count() == 1
    assert "already exists" in out.getvalue()


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_site_alone(demo_site):
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()


@pytest.mark.django_db
def test_printed_demo_credentials_open_the_admin(demo_output, demo_admin_credentials, client):
    email, password = demo_admin_credentials
    secret = re.search(r"TOTP secret.*?:\s+(\S+)", demo_output).group(1)
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.headers["Location"] == "/accounts/2fa/authenticate/"
    second_step = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert second_step.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_password_can_be_reset(demo_admin_credentials, client):
    email, old_password = demo_admin_credentials
    out = io.StringIO()
    call_command("load_demo", "--reset-admin-password", stdout=out)
    new_password = out.getvalue().split("password: ")[1].split()[0]
    assert new_password != old_password
    assert client.login(email=email, password=new_password)


@pytest.mark.django_db
def test_demo_sentences_built_from_names_are_grammatical(demo_site):
    titles = list(EventPage.objects.values_list("title", flat=True))
    assert "Rencontre des membres\u202f: Arts et patrimoine" in titles
    # No article glued to a name it does not agree with ("du Arts et patrimoine").
    assert not [title for title in titles if re.search(r"\bdu [A-ZÉ](?!lub)", title)]
    biographies = " ".join(Profile.objects.values_list("biography", flat=True))
    assert "Après mes études en " in biographies
    assert not re.search(r"\bmon (Licence|Maîtrise)", biographies)
