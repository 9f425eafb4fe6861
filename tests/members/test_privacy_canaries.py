"""The canary suite: a unique string in every private and members-only field.

Two owners hold the same profile: one with every section private (canaries
``zqpriv…``), one with every section for members only (``zqmemb…``). Both opted in
to the public directory, so visitors reach their pages and only their public
sections (none) may show. Every HTML page, API endpoint, export and e-mail is read
as a visitor, another member and an admin editor without the right to read full
records; no private canary may ever show, and no members-only canary to a visitor.
"""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client

from members import privacy, services
from members.models import (
    Connection,
    ConnectionStatus,
    ContactMessage,
    DirectorySettings,
    GraduateRecord,
    OrganisationContact,
)
from members.privacy import Visibility
from tests.clubs.factories import ClubFactory, MembershipFactory
from tests.members.conftest import pdf_bytes, phone_photo
from tests.members.factories import (
    ArchiveProfileFactory,
    EducationFactory,
    ExperienceFactory,
    OrganisationFactory,
    ProfileFactory,
    UserFactory,
    make_admin_without_right,
    sign_in_recently,
)

pytestmark = pytest.mark.django_db

PRIVATE, MEMBERS_ONLY = "zqpriv", "zqmemb"


def plant(prefix: str, visibility: str, organisation, png_file):
    from django.core.files.base import ContentFile

    profile = ProfileFactory(
        first_name="Owner",
        last_name=f"Of{visibility.capitalize()}",
        headline=f"{prefix}headline",
        biography=f"{prefix}biography",
        city=f"{prefix}city",
        country="BE",
        contact_email=f"{prefix}contact@example.org",
        phone=f"{prefix}phone",
        website=f"https://{prefix}website.example.org/",
        linkedin=f"https://www.linkedin.com/in/{prefix}linkedin",
        other_links=f"https://{prefix}otherlink.example.org/",
        languages=f"{prefix}languages",
        listed_publicly=True,
        **{section.visibility_field: visibility for section in privacy.SECTIONS.values()},
    )
    profile.user.email = f"{prefix}account@example.org"
    profile.user.save()
    profile.expertise.add(f"{prefix}expertise")
    EducationFactory(
        profile=profile,
        programme=f"{prefix}programme",
        degree=f"{prefix}degree",
        discipline=f"{prefix}discipline",
        faculty=f"{prefix}faculty",
    )
    ExperienceFactory(
        profile=profile, organisation=organisation, role=f"{prefix}role", sector="energy"
    )
    ExperienceFactory(
        profile=profile, organisation=None, organisation_name=f"{prefix}employer", role="Stage"
    )
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes(f"{prefix}cvfile")))
    profile.photo.save("p.jpg", ContentFile(phone_photo(80, 60, description=f"{prefix}photoexif")))
    return profile


@pytest.fixture
def world(png_file):
    organisation = OrganisationFactory(name="Nordéa Énergies", sector="energy")
    private_owner = plant(PRIVATE, Visibility.PRIVATE, organisation, png_file)
    members_owner = plant(MEMBERS_ONLY, Visibility.MEMBERS, organisation, png_file)
    OrganisationContact.objects.create(organisation=organisation, profile=private_owner, role="")
    # An unclaimed archive record the institution lists to members: its programme and
    # year are for members, everything else stays with staff.
    directory = DirectorySettings.load()
    directory.list_archive_records = True
    directory.save()
    record = ArchiveProfileFactory(
        headline=f"{PRIVATE}archiveheadline", city=f"{PRIVATE}archivecity"
    )
    # What the archives know to recognise the graduate is for staff only.
    GraduateRecord.objects.filter(profile=record).update(
        birth_name=f"{PRIVATE}archivebirthname", emails=f"{PRIVATE}archive@example.org"
    )
    EducationFactory(
        profile=record,
        programme=f"{MEMBERS_ONLY}archiveprogramme",
        faculty=f"{PRIVATE}archivefaculty",
        degree=f"{PRIVATE}archivedegree",
        discipline=f"{PRIVATE}archivediscipline",
    )
    member = ProfileFactory(first_name="Other", last_name="Member", listed_publicly=True)
    club = ClubFactory(name="Club Biotech")
    editor = make_admin_without_right()
    ProfileFactory(user=editor, first_name="Editor", last_name="WithoutRight")
    for owner in (private_owner, members_owner):
        Connection.objects.create(
            requester=owner, addressee=member, status=ConnectionStatus.ACCEPTED
        )
        # What others hold about the owner and the member together: the member's
        # export tells the member's part, never the owner's hidden sections.
        MembershipFactory(profile=owner, club=club, invited_by=member)
        MembershipFactory(profile=member, club=ClubFactory(), invited_by=owner)
        ContactMessage.objects.create(
            sender=owner, recipient=member, subject="Bonjour", body="Un café à Lille ?"
        )
    return {
        "organisation": organisation,
        "record": record,
        "owners": (private_owner, members_owner),
        "member": member.user,
        "editor": editor,
    }


def pages_for(world) -> list[str]:
    organisation = world["organisation"]
    urls = [
        "/",
        "/members/",
        "/members/?sort=graduation",
        "/members/?sort=recent",
        "/members/?country=BE",
        "/members/?sector=energy",
        "/organisations/",
        f"/organisations/{organisation.slug}/",
        "/dashboard/",
        "/members/me/network/",
        "/members/me/edit/",
        "/members/me/data/",
        "/api/community/members/",
        "/api/community/members/?sort=graduation",
        "/api/community/members/me",
        "/api/community/members/suggestions?q=owner",
        "/admin/member_chooser/?q=owner",
        "/admin/member_chooser/results/?q=owner",
        "/api/community/organisations/",
        f"/api/community/organisations/{organisation.slug}",
        "/admin/member_profiles/",
        "/admin/member_profiles/?export=csv",
        "/admin/organisations/",
        "/admin/staff_access_log/",
    ]
    urls += [
        f"/members/{world['record'].pk}/",
        f"/api/community/members/{world['record'].pk}",
        "/api/community/members/?q=archive",
    ]
    for owner in world["owners"]:
        urls += [
            f"/members/{owner.pk}/",
            f"/members/{owner.pk}/?as=visitor",
            f"/members/{owner.pk}/?as=member",
            f"/members/{owner.pk}/photo/",
            f"/members/{owner.pk}/photo/card/",
            f"/members/{owner.pk}/cv/",
            f"/members/{owner.pk}/contact/",
            f"/api/community/members/{owner.pk}",
            f"/admin/member_profiles/edit/{owner.pk}/",
            f"/admin/member_profiles/inspect/{owner.pk}/",
        ]
    return urls


def read_everything(client: Client, world) -> str:
    """Every page, endpoint, export and e-mail this client can reach, as one text."""
    texts = []
    for url in pages_for(world):
        response = client.get(url, follow=True)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        texts.append(content.decode("utf-8", errors="replace"))
    export = client.post("/members/me/data/export/", follow=True)
    if export.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
            texts.extend(
                archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()
            )
    else:
        texts.append(export.content.decode())
    return "\n".join(texts)


def emails_to(address: str) -> str:
    return "\n".join(
        f"{message.subject}\n{message.body}\n{message.reply_to}\n{message.from_email}"
        for message in mail.outbox
        if address in message.to
    )


@pytest.mark.parametrize("role", ["visitor", "member", "editor_without_right"])
def test_no_private_canary_reaches_anyone_but_the_owner(client, world, role):
    if role == "member":
        sign_in_recently(client, world["member"])
    elif role == "editor_without_right":
        sign_in_recently(client, world["editor"])
    seen = read_everything(client, world)
    assert PRIVATE not in seen
    assert "photoexif" not in seen, "a photo's metadata is never served, whoever sees it"
    if role == "visitor":
        assert MEMBERS_ONLY not in seen
    else:
        # The control: members-only sections do reach members, so the canaries work.
        assert f"{MEMBERS_ONLY}headline" in seen
        assert f"{MEMBERS_ONLY}programme" in seen
        assert f"{MEMBERS_ONLY}archiveprogramme" in seen
    if role == "member":
        assert "Un café à Lille ?" in seen, "the member's export holds the messages received"


def test_the_owner_sees_their_own_private_canaries(client, world):
    private_owner = world["owners"][0]
    sign_in_recently(client, private_owner.user)
    body = client.get(f"/members/{private_owner.pk}/").content.decode()
    for field in ("headline", "biography", "city", "contact", "programme", "role", "expertise"):
        assert f"{PRIVATE}{field}" in body
    assert client.get(f"/members/{private_owner.pk}/cv/").status_code == 200
    assert client.get(f"/members/{private_owner.pk}/photo/card/").status_code == 200


def test_relayed_emails_carry_no_canary_and_no_address(
    client, world, django_capture_on_commit_callbacks
):
    member = world["member"]
    for owner in world["owners"]:
        sign_in_recently(client, owner.user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/members/{member.profile.pk}/contact/",
                {"subject": "Bonjour", "body": "Un café à Lille ?"},
            )
        assert response.status_code == 302
    received = emails_to(member.email)
    assert received.count("Un café à Lille ?") == 2
    assert PRIVATE not in received and MEMBERS_ONLY not in received


def test_connection_requests_tell_the_member_asked_no_private_canary(
    world, django_capture_on_commit_callbacks
):
    asked = ProfileFactory(first_name="Asked", last_name="Member")
    with django_capture_on_commit_callbacks(execute=True):
        for owner in world["owners"]:
            services.request_connection(requester=owner, addressee=asked)
    received = emails_to(asked.user.email)
    assert received.count("Bonjour Asked,") == 2
    assert PRIVATE not in received and "account@example.org" not in received
    assert f"{MEMBERS_ONLY}headline" in received


def test_search_filters_do_not_reveal_hidden_values(world):
    """A filter on a hidden section must not match: the result list would tell it."""
    from members.directory import DirectoryQuery, search_directory

    member = world["member"]
    for query in (
        DirectoryQuery(text="zqprivbiography"),
        DirectoryQuery(text="zqprivrole"),
        DirectoryQuery(text="zqprivprogramme"),
        DirectoryQuery(city="zqprivcity"),
        DirectoryQuery(expertise="zqprivexpertise"),
        DirectoryQuery(programme="zqprivprogramme"),
        DirectoryQuery(faculty="zqprivfaculty"),
    ):
        assert search_directory(viewer=member, query=query).total == 0
    assert search_directory(viewer=member, query=DirectoryQuery(city="zqmembcity")).total == 1
    anonymous_hits = search_directory(
        viewer=AnonymousUser(), query=DirectoryQuery(city="zqmembcity")
    )
    assert anonymous_hits.total == 0


def test_index_documents_never_hold_private_canaries(world):
    private_owner, members_owner = world["owners"]
    assert PRIVATE not in repr(privacy.index_document_sections(private_owner))
    record_documents = privacy.index_document_sections(world["record"])
    assert PRIVATE not in repr(record_documents)
    assert record_documents["education"][0] == Visibility.MEMBERS
    documents = privacy.index_document_sections(members_owner)
    assert documents.pop("identity")[0] == Visibility.PUBLIC
    assert {audience for audience, _ in documents.values()} == {Visibility.MEMBERS}
    assert "zqmembheadline" in repr(documents)


def test_exports_hold_only_the_exporters_own_data(client, world):
    member = world["member"]
    sign_in_recently(client, member)
    export = client.post("/members/me/data/export/")
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == member.email
    assert {row["with"] for row in data["connections"]} == {"Owner OfPrivate", "Owner OfMembers"}


def test_new_member_sees_nothing_private_either(client, world):
    newcomer = UserFactory()
    sign_in_recently(client, newcomer)
    assert PRIVATE not in read_everything(client, world)
