"""The accessibility statement: every section RGAA asks for, a contact form that
reaches the staff, and "Accessibility: <status>" in the footer of every page."""

from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from home.models import (
    AccessibilityReport,
    AccessibilityStatementPage,
    ConformanceStatus,
    InstitutionSettings,
)
from home.statement_link import statement_link
from tests.home.factories import (
    AccessibilityStatementPageFactory,
    StandardPageFactory,
    make_site_home,
)

pytestmark = pytest.mark.django_db

REPORT = {
    "name": "Camille Durand",
    "email": "camille.durand@example.org",
    "page_url": "https://cercle.example.org/clubs/",
    "message": "Avec NVDA, la carte des clubs ne dit rien des marqueurs.",
}


@pytest.fixture
def statement():
    home = make_site_home()
    page = AccessibilityStatementPageFactory(
        parent=home,
        status=ConformanceStatus.PARTIALLY_CONFORMANT,
        conformance_rate=Decimal("72.5"),
        audit_date=date(2026, 11, 30),
    )
    page.save_revision().publish()
    return page


def in_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def report(client, statement, **changes):
    return client.post(statement.url, {**REPORT, **changes})


def test_the_demo_statement_has_every_section_and_the_footer_links_it(client, demo_site):
    page = in_french(client).get("/accessibilite/").content.decode()
    for section in (
        "État de conformité",
        "non conforme",
        "L’audit",
        "Pages échantillonnées",
        "Environnement de test",
        "Non-conformités",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l’obligation d’accessibilité",
        "Retour d’information et contact",
        "Voies de recours",
        "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",
    ):
        assert section in page, section
    form = BeautifulSoup(page, "html.parser").select_one("main form[method=post]")
    assert form["action"] == AccessibilityStatementPage.objects.get().url == "/accessibilite/"
    assert form.select_one("[name=name]")["autocomplete"] == "name"
    assert form.select_one("[name=email]")["autocomplete"] == "email"
    for path in ("/", "/clubs/", "/events/", "/page-qui-n-existe-pas/"):
        footer = (
            in_french(client).get(path).content.decode().split('<footer class="site-footer"')[1]
        )
        assert '<a href="/accessibilite/">Accessibilité\u202f: non conforme</a>' in footer, path


def test_the_status_and_rate_in_english_with_editorial_text_marked_french(client, statement):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(statement.url).content.decode()
    assert "This site is <strong>partially conformant</strong>" in html
    assert "72.5 % of the applicable RGAA criteria met" in html
    assert "Accessibility: partially conformant" in html
    content = BeautifulSoup(html, "html.parser")
    assert content.find("h1")["lang"] == "fr"
    assert "carte des clubs" in content.select_one('div.rich-text[lang="fr"]').text


def test_a_report_reaches_the_staff_and_its_sender_is_told(
    client, statement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = report(in_french(client), statement)
    assert response.status_code == 302 and response["Location"] == statement.url
    assert "votre signalement est envoyé" in client.get(statement.url).content.decode()
    kept = AccessibilityReport.objects.get()
    assert (kept.statement, kept.email, kept.message) == (
        statement,
        REPORT["email"],
        REPORT["message"],
    )
    to_staff, receipt = mail.outbox
    assert to_staff.to == ["accessibilite@example.org"]
    assert to_staff.reply_to == [REPORT["email"]]
    assert REPORT["message"] in to_staff.body and REPORT["page_url"] in to_staff.body
    assert receipt.to == [REPORT["email"]]
    assert "Nous avons bien reçu votre signalement" in receipt.subject
    assert "Défenseur des droits" in receipt.body
    # The receipt repeats nothing typed into the form: it carries no one's words.
    assert REPORT["message"] not in receipt.body and REPORT["name"] not in receipt.body


def test_without_its_own_address_the_report_goes_to_the_institution(
    client, statement, django_capture_on_commit_callbacks
):
    statement.contact_email = ""
    statement.save_revision().publish()
    institution = InstitutionSettings.load()
    institution.email = "reseau@example.org"
    institution.save()
    with django_capture_on_commit_callbacks(execute=True):
        report(client, statement)
    assert mail.outbox[0].to == ["reseau@example.org"]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"email": "pas-une-adresse"}, "email"),
        ({"message": ""}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"name": "Camille\x07"}, "name"),
        ({"page_url": "pas une adresse"}, "page_url"),
    ],
)
def test_a_refused_report_shows_an_error_summary_and_sends_nothing(
    client, statement, django_capture_on_commit_callbacks, changes, field
):
    with django_capture_on_commit_callbacks(execute=True):
        response = report(in_french(client), statement, **changes)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.title.text.startswith("Erreur\u202f:")
    summary = page.select_one("#error-summary")
    assert summary["role"] == "alert" and summary.has_attr("autofocus")
    assert summary.select_one(f'a[href="#id_{field}"]')
    assert page.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert mail.outbox == []


def test_a_sender_sends_five_reports_an_hour(
    client, statement, redis_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [report(in_french(client), statement).status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 10  # five reports, five receipts
    refused = report(in_french(client), statement, email="autre@example.org")
    # The network address is spent too.
    assert "5 signalements sont venus de cette adresse" in refused.content.decode()
    assert AccessibilityReport.objects.count() == 5


def test_with_no_address_at_all_the_page_says_where_to_write(client, statement):
    statement.contact_email = ""
    statement.save_revision().publish()
    html = in_french(client).get(statement.url).content.decode()
    assert "statement__form" not in html and "écrire à l’établissement" in html
    response = report(client, statement)
    assert response.status_code == 503
    assert mail.outbox == []


def test_a_post_to_another_page_sends_no_report(client, statement):
    other = StandardPageFactory(parent=statement.get_parent(), slug="a-propos")
    other.save_revision().publish()
    assert client.post(other.url, REPORT).status_code == 200
    assert mail.outbox == []


def test_editors_fill_it_in_the_admin_and_there_is_only_one(client, statement):
    admin = get_user_model().objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    assert client.get(f"/admin/pages/{statement.pk}/edit/").status_code == 200
    assert not AccessibilityStatementPage.can_create_at(statement.get_parent())


def test_staff_read_the_reports_in_the_admin_and_nobody_writes_one_there(client, statement):
    report(client, statement)
    kept = AccessibilityReport.objects.get()
    admin = get_user_model().objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    assert REPORT["email"] in client.get("/admin/accessibility_reports/").content.decode()
    inspect = client.get(f"/admin/accessibility_reports/inspect/{kept.pk}/")
    assert REPORT["message"] in inspect.content.decode()
    assert client.get("/admin/accessibility_reports/add/").status_code in (302, 403, 404)
    edit = client.get(f"/admin/accessibility_reports/edit/{kept.pk}/")
    assert edit.status_code in (302, 403, 404)


@pytest.mark.parametrize(
    "status, rate, audit_date, field",
    [
        (ConformanceStatus.FULLY_CONFORMANT, None, None, "audit_date"),
        (ConformanceStatus.PARTIALLY_CONFORMANT, "72.5", None, "audit_date"),
        (ConformanceStatus.PARTIALLY_CONFORMANT, None, "2026-11-30", "conformance_rate"),
        (ConformanceStatus.FULLY_CONFORMANT, "99.0", "2026-11-30", "status"),
        (ConformanceStatus.PARTIALLY_CONFORMANT, "40.0", "2026-11-30", "status"),
        (ConformanceStatus.NOT_CONFORMANT, "100", "2026-11-30", "status"),
    ],
)
def test_the_status_follows_rgaa_rule(statement, status, rate, audit_date, field):
    statement.status, statement.conformance_rate = status, rate and Decimal(rate)
    statement.audit_date = audit_date and date.fromisoformat(audit_date)
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert field in refused.value.message_dict


def test_a_rate_past_100_cannot_be_stored(statement):
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessibilityStatementPage.objects.filter(pk=statement.pk).update(
            conformance_rate=Decimal("120")
        )


def test_the_footer_reads_the_statement_once_and_follows_its_changes(
    client, statement, django_assert_num_queries
):
    def footer():
        html = in_french(client).get("/accessibilite/").content.decode()
        return html.split('<footer class="site-footer"')[1]

    footer()
    with django_assert_num_queries(0):
        statement_link()
    statement.status, statement.conformance_rate = ConformanceStatus.FULLY_CONFORMANT, 100
    statement.save_revision().publish()
    assert "Accessibilité\u202f: totalement conforme" in footer()
    statement.unpublish()
    assert "Accessibilité" not in footer()
