"""Forms guide before and after sending: required fields say so in their label, the
browser may fill what it knows (WCAG 1.3.5), and a refused form opens on a summary
of its errors, each linking to its field, with "Erreur :" starting the page title."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from events.models import EventPage
from tests.members.factories import ProfileFactory
from tests.members.test_bad_input import profile_form

pytestmark = pytest.mark.django_db


def read(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def label_of(page, name):
    field = page.select_one(f"[name={name}]")
    return page.select_one(f'label[for="{field["id"]}"]').text


def test_the_profile_form_marks_what_is_required_and_what_the_browser_may_fill(french):
    profile = ProfileFactory()
    french.force_login(profile.user)
    page = read(french.get("/members/me/edit/"))
    assert "(obligatoire)" in label_of(page, "first_name")
    assert "(obligatoire)" not in label_of(page, "headline")
    purposes = {
        name: page.select_one(f"[name={name}]").get("autocomplete")
        for name in ("first_name", "last_name", "contact_email", "phone", "website", "city")
    }
    assert purposes == {
        "first_name": "given-name",
        "last_name": "family-name",
        "contact_email": "email",
        "phone": "tel",
        "website": "url",
        "city": "address-level2",
    }
    assert page.select_one("select[name=country]")["autocomplete"] == "country"


def test_a_refused_profile_opens_on_its_error_summary_at_the_top(french):
    profile = ProfileFactory()
    french.force_login(profile.user)
    response = french.post("/members/me/edit/", profile_form(profile, first_name=""))
    assert response.status_code == 200
    html = response.content.decode()
    page = read(response)
    assert page.title.text.startswith("Erreur\u202f:")
    summary = page.select_one("#error-summary")
    assert summary.has_attr("autofocus") and summary["role"] == "alert"
    link = summary.select_one('a[href="#id_first_name"]')
    assert link.text.startswith("Prénom")
    # Above the form's first section, not thousands of pixels below.
    assert html.index('id="error-summary"') < html.index("<fieldset")


def test_an_error_in_a_row_of_the_profile_is_in_the_summary_too(french):
    profile = ProfileFactory()
    french.force_login(profile.user)
    data = profile_form(
        profile,
        **{
            "education-TOTAL_FORMS": "1",
            "education-0-school": "",
            "education-0-programme": "Master urbanisme",
            "education-0-end_year": "deux mille dix",
        },
    )
    page = read(french.post("/members/me/edit/", data))
    assert page.title.text.startswith("Erreur\u202f:")
    links = [a["href"] for a in page.select("#error-summary a")]
    assert any(href.startswith("#id_education-0-") for href in links), links


def test_a_guest_is_asked_for_a_name_and_address_the_browser_may_fill(french, demo_site):
    event = EventPage.objects.get(slug="fete-de-la-science")
    page = read(french.get(event.url))
    assert page.select_one("input[name=name]")["autocomplete"] == "name"
    assert page.select_one("input[name=email]")["autocomplete"] == "email"
    assert "(obligatoire)" in label_of(page, "email")
    refused = read(french.post(f"/events/{event.pk}/register/", {"name": "", "email": "x"}))
    assert refused.title.text.startswith("Erreur\u202f:")
    assert refused.select_one('#error-summary a[href="#id_email"]')


def test_a_refused_sign_in_says_so_in_its_title(french):
    page = read(french.post("/accounts/login/", {"login": "x@example.org", "password": "y"}))
    assert page.title.text.startswith("Erreur\u202f:")
    assert page.select_one("#error-summary li")


def test_a_page_without_a_refused_form_has_no_error_title(french):
    page = read(french.get("/accounts/login/"))
    assert not page.title.text.startswith("Erreur")
    assert page.select_one("#error-summary") is None
