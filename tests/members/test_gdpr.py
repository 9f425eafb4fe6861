import io
import json
import os
import zipfile
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile

from clubs.models import MembershipStatus
from events import registration
from members.models import Consent, ContactMessage, Education, Profile, StaffAccessLog, User
from members.privacy import admin_read
from members.services import PRIVACY_NOTICE_VERSION
from tests.clubs.factories import (
    AnnouncementFactory,
    ClubFactory,
    LeaderFactory,
    MembershipFactory,
)
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import make_site_home
from tests.members.conftest import pdf_bytes
from tests.members.factories import (
    EducationFactory,
    GraduateRecordFactory,
    ProfileFactory,
    UserFactory,
    make_staff,
    sign_in_recently,
)

pytestmark = pytest.mark.django_db


def test_creating_a_profile_records_consent(client):
    user = UserFactory()
    sign_in_recently(client, user)
    form = {
        "kind": "student",
        "first_name": "Inès",
        "last_name": "Benali",
        "listed_to_members": "on",
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
    }
    refused = client.post("/members/me/edit/", form)
    assert "Champ requis." in refused.content.decode()
    assert not Profile.objects.exists()
    client.post("/members/me/edit/", {**form, "consent": "on"})
    profile = Profile.objects.get(user=user)
    assert profile.headline_visibility == "members"
    consent = Consent.objects.get(user=user)
    assert consent.notice_version == PRIVACY_NOTICE_VERSION and consent.given_at


def test_export_holds_everything_and_the_files(client, png_file):
    profile = ProfileFactory(headline="Ingénieure", biography_visibility="private")
    EducationFactory(profile=profile)
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes("mon-cv")))
    profile.photo.save("photo.png", png_file())
    Consent.objects.create(user=profile.user, notice_version="2026-11")
    admin_read(make_staff(), [profile], reason="Demande d’attestation")
    sign_in_recently(client, profile.user)
    response = client.post("/members/me/data/export/")
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        data = json.loads(archive.read("data.json"))
        assert b"mon-cv" in archive.read(data["profile"]["cv"])
    assert {"data.json", "files/cv.pdf", "files/photo.jpg"} <= names
    assert data["profile"]["headline"] == "Ingénieure"
    assert data["profile"]["visibilities"]["biography"] == "private"
    assert data["profile"]["education"][0]["programme"] == "Master Économie appliquée"
    assert data["consents"][0]["notice_version"] == "2026-11"
    assert data["staff_reads"][0]["reason"] == "Demande d’attestation"


def test_export_holds_what_the_graduate_archives_know(client):
    record = GraduateRecordFactory(
        student_number="21000002", birth_name="Lefèvre", birth_date=date(1988, 7, 1)
    )
    profile = record.profile
    profile.user = UserFactory()
    profile.save()
    sign_in_recently(client, profile.user)

    response = client.post("/members/me/data/export/")

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("data.json"))
    known = data["graduate_archives"]
    assert (known["student_number"], known["birth_name"]) == ("21000002", "Lefèvre")
    assert known["birth_date"] == "1988-07-01"


def test_export_needs_a_post(client):
    sign_in_recently(client, UserFactory())
    assert client.get("/members/me/data/export/").status_code == 405


def test_erasure_needs_the_exact_address_and_then_removes_everything(
    client, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    EducationFactory(profile=profile)
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes()))
    cv_path = profile.cv.path
    admin_read(make_staff(), [profile], reason="Vérification")
    sign_in_recently(client, profile.user)

    response = client.post("/members/me/data/", {"confirmation": "autre@example.org"})
    assert response.status_code == 400
    assert "Saisissez exactement votre adresse e-mail" in response.content.decode()
    assert Profile.objects.filter(pk=profile.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/me/data/", {"confirmation": profile.user.email})
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not User.objects.filter(pk=profile.user_id).exists()
    assert not Education.objects.exists()

    assert not os.path.exists(cv_path)
    log = StaffAccessLog.objects.get()
    assert log.profile is None and log.profile_label == "membre effacé"
    assert client.get("/dashboard/").status_code == 302


def exported(client) -> dict:
    response = client.post("/members/me/data/export/")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("data.json"))


@pytest.fixture
def event():
    index = EventIndexPageFactory(parent=make_site_home())
    event = EventPageFactory(parent=index, title="Fête de la science")
    event.questions.add(event.questions.model(label="Votre régime alimentaire ?"))
    event.save()
    return publish(event)


def test_export_holds_club_memberships_and_announcements(client):
    profile = ProfileFactory()
    LeaderFactory(profile=profile, club=ClubFactory(name="Club Biotech"))
    MembershipFactory(
        profile=profile,
        club=ClubFactory(name="Club de Londres"),
        status=MembershipStatus.PENDING,
        joined_at=None,
        message="Je vis à Londres depuis 2019.",
    )
    MembershipFactory(club=ClubFactory(name="Club d’un autre"))
    AnnouncementFactory(author=profile, title="Afterwork de rentrée")
    sign_in_recently(client, profile.user)
    clubs = exported(client)["clubs"]
    assert {(row["club"], row["role"], row["status"]) for row in clubs["memberships"]} == {
        ("Club Biotech", "leader", "active"),
        ("Club de Londres", "member", "pending"),
    }
    assert "Je vis à Londres depuis 2019." in {row["message"] for row in clubs["memberships"]}
    assert [row["title"] for row in clubs["announcements"]] == ["Afterwork de rentrée"]


def test_export_holds_my_event_registrations_and_answers(client, event):
    profile = ProfileFactory()
    question = event.questions.get()
    registration.register(event=event, profile=profile, answers={str(question.pk): "Végétarien"})
    registration.register(event=event, profile=ProfileFactory())
    registration.register(event=event, name="Inconnue", email="inconnue@example.org")
    sign_in_recently(client, profile.user)
    [row] = exported(client)["event_registrations"]
    assert row["event"] == "Fête de la science"
    assert row["status"] == "confirmed"
    assert row["answers"] == {"Votre régime alimentaire ?": "Végétarien"}


def test_export_holds_what_i_registered_as_a_guest_with_my_verified_address(client, event):
    profile = ProfileFactory()
    registration.register(event=event, name="Léa M.", email=profile.user.email)
    sign_in_recently(client, profile.user)
    [row] = exported(client)["event_registrations"]
    assert (row["name"], row["status"]) == ("Léa M.", "pending")
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    registration.register(event=event, name="Pas moi", email=user.email)
    sign_in_recently(client, user)
    assert exported(client)["event_registrations"] == []


def test_export_holds_the_messages_relayed_both_ways(client, django_capture_on_commit_callbacks):
    lea = ProfileFactory(first_name="Léa", last_name="Martin")
    samir = ProfileFactory(first_name="Samir", last_name="Haddad")
    for sender, recipient, body in ((lea, samir, "Un café ?"), (samir, lea, "Avec plaisir.")):
        sign_in_recently(client, sender.user)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/members/{recipient.pk}/contact/", {"subject": "Promo", "body": body})
    sign_in_recently(client, lea.user)
    messages = exported(client)["contact_messages"]
    assert [(row["to"], row["body"]) for row in messages["sent"]] == [("Samir Haddad", "Un café ?")]
    assert [(row["from"], row["body"]) for row in messages["received"]] == [
        ("Samir Haddad", "Avec plaisir.")
    ]

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/me/data/", {"confirmation": lea.user.email})
    assert not ContactMessage.objects.exists()
