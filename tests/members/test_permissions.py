"""Object-level permissions: nobody edits, exports or erases another member's data.

A parametrised matrix: every role other than the owner tries every way of touching
the target's profile; afterwards the target's profile, account, connections and
files are exactly as before. The owner doing the same is the positive control.
"""

import io
import json
import os
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from members.models import Connection, ConnectionStatus, Profile, User
from members.privacy import Visibility
from tests.members.conftest import pdf_bytes
from tests.members.factories import (
    ProfileFactory,
    UserFactory,
    make_admin_without_right,
    make_staff,
    sign_in_recently,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target():
    profile = ProfileFactory(
        first_name="Cible",
        headline="Avant",
        cv_visibility=Visibility.PRIVATE,
        listed_publicly=True,
    )
    profile.cv.save("cv.pdf", ContentFile(pdf_bytes("secret-cv")))
    return profile


@pytest.fixture
def connections(target):
    """The target's network: a request received, a request sent, a connection."""
    return {
        "received": Connection.objects.create(requester=ProfileFactory(), addressee=target),
        "sent": Connection.objects.create(requester=target, addressee=ProfileFactory()),
        "accepted": Connection.objects.create(
            requester=target, addressee=ProfileFactory(), status=ConnectionStatus.ACCEPTED
        ),
    }


def make_role(role: str):
    if role == "anonymous":
        return None
    if role == "member":
        return ProfileFactory().user
    if role == "editor_without_right":
        return make_admin_without_right()
    if role == "staff_reader":
        # May read full records, but holds no right to change them.
        return make_staff()
    raise ValueError(role)


def snapshot(profile: Profile):
    profile.refresh_from_db()
    return (
        profile.headline,
        profile.biography,
        profile.user_id,
        profile.cv.name,
        profile.listed_publicly,
        profile.headline_visibility,
        sorted(Connection.objects.involving(profile).values_list("pk", "status")),
        User.objects.filter(pk=profile.user_id).exists(),
    )


def act_edit_html(client, target, connections):
    return client.post(
        "/members/me/edit/",
        {
            "kind": "alumnus",
            "first_name": "Pirate",
            "last_name": "Pirate",
            "headline": "Après",
            "user": target.user_id,
            "education-TOTAL_FORMS": "0",
            "education-INITIAL_FORMS": "0",
            "experience-TOTAL_FORMS": "0",
            "experience-INITIAL_FORMS": "0",
            "consent": "on",
            **{f"{section}_visibility": "public" for section in ("headline", "cv")},
        },
    )


def act_edit_api(client, target, connections):
    return client.patch(
        "/api/community/members/me",
        data=json.dumps({"headline": "Après", "visibilities": {"cv": "public"}}),
        content_type="application/json",
    )


def act_accept_for_target(client, target, connections):
    return client.post(f"/members/connections/{connections['received'].pk}/accept/")


def act_decline_for_target(client, target, connections):
    return client.post(f"/members/connections/{connections['received'].pk}/decline/")


def act_withdraw_targets_request(client, target, connections):
    return client.post(f"/members/connections/{connections['sent'].pk}/withdraw/")


def act_remove_targets_connection(client, target, connections):
    return client.post(f"/members/connections/{connections['accepted'].pk}/remove/")


def act_export(client, target, connections):
    return client.post("/members/me/data/export/")


def act_erase(client, target, connections):
    return client.post("/members/me/data/", {"confirmation": target.user.email})


def act_download_private_cv(client, target, connections):
    return client.get(f"/members/{target.pk}/cv/")


def act_admin_edit(client, target, connections):
    return client.post(
        f"/admin/member_profiles/edit/{target.pk}/",
        {"first_name": "Pirate", "last_name": "Pirate", "kind": "alumnus", "headline": "Après"},
    )


def act_admin_delete(client, target, connections):
    return client.post(f"/admin/member_profiles/delete/{target.pk}/")


ACTIONS = [
    act_edit_html,
    act_edit_api,
    act_accept_for_target,
    act_decline_for_target,
    act_withdraw_targets_request,
    act_remove_targets_connection,
    act_export,
    act_erase,
    act_download_private_cv,
    act_admin_edit,
    act_admin_delete,
]
ROLES = ["anonymous", "member", "editor_without_right", "staff_reader"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__[4:])
def test_nobody_but_the_owner_changes_exports_or_erases(client, target, connections, role, action):
    user = make_role(role)
    if user is not None:
        sign_in_recently(client, user)
    before = snapshot(target)
    response = action(client, target, connections)
    assert snapshot(target) == before
    body = response.content if not getattr(response, "streaming", False) else b""
    if action is act_export and response.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            data = json.loads(archive.read("data.json"))
        assert data["account"]["email"] != target.user.email
    if action is act_download_private_cv and role != "staff_reader":
        assert response.status_code == 404


def test_the_staff_reader_may_read_but_the_read_is_logged(client, target):
    sign_in_recently(client, make_staff())
    assert client.get(f"/members/{target.pk}/cv/").status_code == 200
    assert target.staff_accesses.count() == 1


def test_the_owner_can_do_all_of_it(
    client, target, connections, django_capture_on_commit_callbacks
):
    sign_in_recently(client, target.user)
    act_edit_api(client, target, connections)
    target.refresh_from_db()
    assert target.headline == "Après"
    act_accept_for_target(client, target, connections)
    connections["received"].refresh_from_db()
    assert connections["received"].status == ConnectionStatus.ACCEPTED
    act_withdraw_targets_request(client, target, connections)
    assert not Connection.objects.filter(pk=connections["sent"].pk).exists()
    act_remove_targets_connection(client, target, connections)
    assert not Connection.objects.filter(pk=connections["accepted"].pk).exists()
    export = act_export(client, target, connections)
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        assert json.loads(archive.read("data.json"))["account"]["email"] == target.user.email
        assert any(name.startswith("files/cv") for name in archive.namelist())
    assert client.get(f"/members/{target.pk}/cv/").status_code == 200
    cv_path = target.cv.path
    with django_capture_on_commit_callbacks(execute=True):
        act_erase(client, target, connections)
    assert not Profile.objects.filter(pk=target.pk).exists()
    assert not User.objects.filter(pk=target.user_id).exists()

    assert not os.path.exists(cv_path)
    assert not Connection.objects.filter(pk=connections["received"].pk).exists()


def test_a_member_with_a_permission_to_edit_profiles_in_the_admin_is_staff_by_grant():
    """Model rights on profiles are handed out in the admin, never to plain members."""
    member = UserFactory()
    assert not member.has_perm("members.change_profile")
    assert Permission.objects.filter(codename="view_full_profile").exists()
