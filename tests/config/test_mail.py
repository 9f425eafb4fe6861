"""Every e-mail leaves in its recipient's language, from the institution, in two parts."""

from pathlib import Path

import pytest
from django.utils.translation import gettext_lazy

from home.mail import send_templated
from home.models import InstitutionSettings

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _mail_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEMPLATES]}]


@pytest.fixture
def institution():
    settings = InstitutionSettings.load()
    settings.name = "Université de Lorraine"
    settings.save()
    return settings


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [("fr", "Oui", "Non"), ("en", "Yes", "No"), ("", "Oui", "Non"), ("de", "Oui", "Non")],
)
def test_the_recipient_reads_it_in_their_language(mailoutbox, institution, language, subject, body):
    send_templated(
        to="ada@example.org",
        subject=gettext_lazy("Yes"),
        template="mailtest/hello",
        context={"name": "Ada", "link": "https://cercle.example.org/events/"},
        language=language,
    )

    [message] = mailoutbox
    assert message.subject == f"[Université de Lorraine] {subject}"
    assert message.body.startswith(f"{body} Ada")
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert f'lang="{language if language == "en" else "fr"}"' in html
    assert '<a href="https://cercle.example.org/events/"' in html


def test_a_subject_names_its_values_from_the_context(mailoutbox, institution):
    send_templated(
        to=["ada@example.org"],
        subject="%(name)s, welcome",
        template="mailtest/hello",
        context={"name": "Ada <b>", "link": ""},
        reply_to=["club@example.org"],
        attachments=[("event.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )

    [message] = mailoutbox
    assert message.subject == "[Université de Lorraine] Ada <b>, welcome"
    assert message.reply_to == ["club@example.org"]
    assert message.attachments[0][0] == "event.ics"
    assert "Ada &lt;b&gt;" in message.alternatives[0][0]
