import io
import json
import os
import zipfile

import pytest
from django.core.files.base import ContentFile

from members.models import Consent, Education, Profile, StaffAccessLog, User
from members.privacy import log_staff_access
from members.services import PRIVACY_NOTICE_VERSION
from tests.members.conftest import pdf_bytes
from tests.members.factories import (
    EducationFactory,
    ProfileFactory,
    UserFactory,
    make_staff,
)

pytestmark = pytest.mark.django_db


def test_creating_a_profile_records_consent(client):
    user = UserFactory()
    client.force_login(user)
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
    log_staff_access(make_staff(), profile, reason="Demande d’attestation")
    client.force_login(profile.user)
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


def test_export_needs_a_post(client):
    client.force_login(UserFactory())
    assert client.get("/members/me/data/export/").status_code == 405


def test_erasure_needs_the_exact_address_and_then_removes_everything(
    client, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    EducationFactory(profile=profile)
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes()))
    cv_path = profile.cv.path
    log_staff_access(make_staff(), profile, reason="Vérification")
    client.force_login(profile.user)

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
