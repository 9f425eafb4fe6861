"""Every absolute link follows SITE_URL, the address `make run` serves (any port)."""

import io
import re
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from clubs import services as clubs
from events.models import EventIndexPage
from members import services as members
from tests.events.factories import EventPageFactory, publish
from tests.members.factories import ProfileFactory

SITE_URL = "http://127.0.0.1:8123"

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_on_another_port(demo_site, settings):
    """The demo was created on one port, then `make run` serves it on another."""
    settings.SITE_URL = SITE_URL
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    return out.getvalue()


def test_the_demo_site_moves_to_the_served_port(served_on_another_port):
    assert Site.objects.get(is_default_site=True).root_url == SITE_URL
    assert SITE_URL in served_on_another_port
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert SITE_URL not in out.getvalue(), "an aligned site is left as it is"


def test_the_sitemap_and_the_content_api_link_to_the_served_port(served_on_another_port, client):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    locations = [
        node.text for node in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert locations and all(location.startswith(f"{SITE_URL}/") for location in locations)

    pages = client.get("/api/v2/pages/", {"limit": 100}).json()["items"]
    assert pages
    for page in pages:
        assert page["meta"]["html_url"].startswith(f"{SITE_URL}/")
        assert page["meta"]["detail_url"] == f"{SITE_URL}/api/v2/pages/{page['id']}/"


def test_e_mails_link_to_the_served_port(
    served_on_another_port, client, django_capture_on_commit_callbacks
):
    event = publish(EventPageFactory(parent=EventIndexPage.objects.get(), capacity=10))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/register/", {"name": "Ada", "email": "ada@example.org"})
    [guest_mail] = mail.outbox
    assert f"{SITE_URL}{event.url}" in guest_mail.body
    assert re.search(rf"{re.escape(SITE_URL)}/events/guests/confirm/\S+/", guest_mail.body)

    sender, recipient = ProfileFactory(), ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        members.send_contact_message(
            sender=sender.user, recipient=recipient, subject="Stage", body="Bonjour"
        )
    assert f"{SITE_URL}/members/{sender.pk}/" in mail.outbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        club = clubs.propose_club(
            profile=ProfileFactory(), name="Club Voile", kind="thematic", summary="On navigue."
        )
    approval = mail.outbox[-1]
    assert f"{SITE_URL}/admin/clubs/approve/{club.pk}/" in approval.body
    assert "http://testserver" not in guest_mail.body + approval.body
