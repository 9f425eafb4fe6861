"""The canary suite in the admin: every staff role walks every admin screen that may
name or show a member, and none but the full-record role sees a planted value.

Three members hold a unique string in every field behind a section: one hidden from
the directory, an unclaimed archive record and a listed member whose sections are
private or for members only. Each role is a Wagtail group as an institution would
set it up. Roles without ``members.view_full_profile`` must see none of these values
and neither name of the hidden member nor the archive record's; the full-record
role sees them, and each of its reads is in the staff access log.
"""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from events import registration
from members import privacy
from members.models import ArchiveImport, ArchiveProblem, OrganisationContact, StaffAccessLog
from members.privacy import Visibility
from tests.clubs.factories import ClubFactory, MembershipFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import make_site_home
from tests.members.factories import (
    ArchiveProfileFactory,
    EducationFactory,
    ExperienceFactory,
    OrganisationFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CANARY = "zqadm"

ROLES = {
    "editor": ["access_admin"],
    "moderator": [
        "access_admin",
        "change_club",
        "view_membership",
        "change_membership",
        "view_profile",
    ],
    "organisation manager": ["access_admin", "view_organisation", "view_organisationcontact"],
    "full record": [
        "access_admin",
        "change_club",
        "view_membership",
        "view_profile",
        "view_organisationcontact",
        "view_full_profile",
        "view_archiveimport",
    ],
}
PAGE_ROLES = {"editor": "news", "moderator": "events", "full record": "events"}


def plant(tag: str, factory, visibility, **fields):
    """A profile whose every section holds ``CANARY + tag + field``; ``visibility``
    gives each section's visibility."""
    value = f"{CANARY}{tag}"
    profile = factory(
        headline=f"{value}headline",
        biography=f"{value}biography",
        city=f"{value}city",
        contact_email=f"{value}contact@example.org",
        phone=f"{value}phone",
        website=f"https://{value}website.example.org/",
        linkedin=f"https://www.linkedin.com/in/{value}linkedin",
        other_links=f"https://{value}otherlink.example.org/",
        languages=f"{value}languages",
        **{
            section.visibility_field: visibility(index)
            for index, section in enumerate(privacy.SECTIONS.values())
        },
        **fields,
    )
    profile.expertise.add(f"{value}expertise")
    EducationFactory(profile=profile, programme=f"{value}programme", degree=f"{value}degree")
    ExperienceFactory(profile=profile, organisation=None, organisation_name=f"{value}employer")
    return profile


@pytest.fixture
def planted():
    """The three members, each also a club member, an organisation contact and, for
    the listed one, registered to an event."""
    hidden = plant(
        "hidden",
        ProfileFactory,
        lambda index: Visibility.PRIVATE,
        first_name="Hortense",
        last_name=f"{CANARY}hiddenname",
        listed_to_members=False,
    )
    archive = plant(
        "archive",
        ArchiveProfileFactory,
        lambda index: Visibility.MEMBERS,
        first_name="Armand",
        last_name=f"{CANARY}archivename",
    )
    listed = plant(
        "listed",
        ProfileFactory,
        lambda index: (Visibility.PRIVATE, Visibility.MEMBERS)[index % 2],
        first_name="Régine",
        last_name="Ordinaire",
    )
    club = ClubFactory(name="Club Canari", proposed_by=hidden)
    organisation = OrganisationFactory(name="Canari SA")
    for profile in (hidden, archive, listed):
        OrganisationContact.objects.create(organisation=organisation, profile=profile)
        if profile.user_id:
            MembershipFactory(club=club, profile=profile)
    home = make_site_home()
    events_index = EventIndexPageFactory(parent=home)
    news_index = EventIndexPageFactory(parent=home, title="Actualités", slug="actualites")
    event = publish(EventPageFactory(parent=events_index, title="Soirée Canari"))
    registration.register(event=event, profile=listed)
    archive_import = ArchiveImport.objects.create(file_name="archives.csv", fingerprint="0" * 64)
    ArchiveProblem.objects.create(
        archive_import=archive_import,
        line=2,
        column="nom",
        value=f"{CANARY}archivereport",
        message="At most 150 characters.",
    )
    return {
        "archive_import": archive_import,
        "hidden": hidden,
        "archive": archive,
        "listed": listed,
        "club": club,
        "event": event,
        "pages": {"events": events_index, "news": news_index},
    }


def staff_in(role: str, pages: dict[str, Page]):
    group = Group.objects.create(name=role)
    group.permissions.set(Permission.objects.filter(codename__in=ROLES[role]))
    if role in PAGE_ROLES:
        GroupPagePermission.objects.create(
            group=group,
            page=pages[PAGE_ROLES[role]],
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="change_page"
            ),
        )
    user = UserFactory(email=f"{role.replace(' ', '-')}@example.org", is_staff=True)
    user.groups.add(group)
    return type(user).objects.get(pk=user.pk)


def screens(planted) -> dict[str, str]:
    """Searches look for the hidden members' first names: their answer is what counts."""
    hidden, archive, club, event, archive_import = (
        planted[key] for key in ("hidden", "archive", "club", "event", "archive_import")
    )
    membership = hidden.club_memberships.get()
    return {
        "member list": "/admin/member_profiles/",
        "member search": "/admin/member_profiles/?q=Hortense",
        "member inspect (hidden)": f"/admin/member_profiles/inspect/{hidden.pk}/",
        "member inspect (archive)": f"/admin/member_profiles/inspect/{archive.pk}/",
        "member edit (hidden)": f"/admin/member_profiles/edit/{hidden.pk}/",
        "member CSV export": "/admin/member_profiles/?export=csv",
        "member XLSX export": "/admin/member_profiles/?export=xlsx",
        "member chooser": "/admin/member_chooser/",
        "member chooser search": "/admin/member_chooser/results/?q=Hortense",
        "member chooser search (archive)": "/admin/member_chooser/results/?q=Armand",
        "organisation contacts": "/admin/organisation_contacts/",
        "organisation contacts CSV": "/admin/organisation_contacts/?export=csv",
        "organisation contacts XLSX": "/admin/organisation_contacts/?export=xlsx",
        "club edit": f"/admin/clubs/edit/{club.pk}/",
        "club memberships": "/admin/club_memberships/",
        "club memberships search": "/admin/club_memberships/?q=Hortense",
        "club memberships CSV": "/admin/club_memberships/?export=csv",
        "club membership edit": f"/admin/club_memberships/edit/{membership.pk}/",
        "club membership role": f"/admin/club_memberships/role/{membership.pk}/",
        "club membership removal": f"/admin/club_memberships/remove/{membership.pk}/",
        "event registrations": f"/events/{event.pk}/registrations/",
        "event registrations CSV": f"/events/{event.pk}/registrations.csv",
        "archive imports": "/admin/archive_imports/",
        "archive import": f"/admin/archive_imports/inspect/{archive_import.pk}/",
        "archive import report": f"/admin/archive_imports/report/{archive_import.pk}/",
    }


def read(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            body = b"".join(workbook.read(name) for name in workbook.namelist())
    return body.decode()


@pytest.mark.parametrize("role", ["editor", "moderator", "organisation manager"])
def test_roles_without_the_full_record_see_no_planted_value(client, planted, role):
    client.force_login(staff_in(role, planted["pages"]))

    seen = {name: read(client.get(url)) for name, url in screens(planted).items()}

    leaks = {name: body.count(CANARY) for name, body in seen.items() if CANARY in body}
    assert leaks == {}
    assert not StaffAccessLog.objects.exists()


def test_roles_still_reach_the_screens_of_their_work(client, planted):
    client.force_login(staff_in("organisation manager", planted["pages"]))
    assert "Canari SA" in read(client.get("/admin/organisation_contacts/"))

    client.force_login(staff_in("moderator", planted["pages"]))
    assert "Club Canari" in read(client.get("/admin/club_memberships/"))
    assert "Régine Ordinaire" in read(client.get(f"/events/{planted['event'].pk}/registrations/"))
    chooser = read(client.get("/admin/member_chooser/results/?q=Ordinaire"))
    assert "Régine Ordinaire" in chooser


def test_the_full_record_role_reads_everything_and_each_read_is_logged(client, planted):
    staff = staff_in("full record", planted["pages"])
    client.force_login(staff)
    hidden, archive = planted["hidden"], planted["archive"]

    inspected = read(client.get(f"/admin/member_profiles/inspect/{hidden.pk}/"))
    archived = read(client.get(f"/admin/member_profiles/inspect/{archive.pk}/"))
    exported = read(client.get("/admin/member_profiles/?export=xlsx"))
    contacts = read(client.get("/admin/organisation_contacts/"))
    report = read(client.get(f"/admin/archive_imports/report/{planted['archive_import'].pk}/"))

    assert f"{CANARY}hiddenbiography" in inspected
    assert f"{CANARY}archivebiography" in archived
    assert f"{CANARY}listedheadline" in exported and f"{CANARY}hiddenname" in exported
    assert f"{CANARY}hiddenname" in contacts
    assert f"{CANARY}archivereport" in report
    logged = StaffAccessLog.objects.filter(staff_user=staff)
    assert logged.filter(profile=hidden).count() == 2  # inspect, export
    assert logged.filter(profile=archive).count() == 2
    assert logged.filter(profile=planted["listed"]).count() == 1  # export
