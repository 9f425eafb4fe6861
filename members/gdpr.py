"""A member's rights over their data: export everything held, erase the account.

The export is a zip: ``data.json`` (account, profile with its visibilities,
education, experience, network, the messages relayed to and from other members,
consents, staff reads of the record, and what the other apps hold) and the files
(photo, CV). Erasure deletes the profile, its rows and files, and the account;
nothing that names the person remains (staff access logs keep a label, which is
blanked).

Other apps hold data about a member too (club memberships, event registrations):
each registers, from its ``AppConfig.ready()``, a provider that gives the export its
part under its own key (``register_export("clubs", provider)``). The members app
does not know the apps that depend on it, so the export is complete only if every
app that keeps something about a person registers here.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import privacy
from members.directory import with_sections
from members.models import (
    Connection,
    ContactMessage,
    GraduateRecord,
    Profile,
    StaffAccessLog,
    User,
)
from members.services import MemberError

ExportProvider = Callable[[User, Profile | None], Any]

_providers: dict[str, ExportProvider] = {}


def register_export(key: str, provider: ExportProvider) -> None:
    """``provider(user, profile)`` gives what its app holds about the person, for
    ``data.json``'s ``key`` (JSON-serialisable; ``profile`` may be ``None``)."""
    _providers[key] = provider


def _contact_messages(profile: Profile) -> dict[str, list[dict]]:
    messages = ContactMessage.objects.select_related("sender", "recipient")
    return {
        "sent": [
            {
                "to": message.recipient.full_name,
                "subject": message.subject,
                "body": message.body,
                "sent_at": message.sent_at,
            }
            for message in messages.filter(sender=profile)
        ],
        "received": [
            {
                "from": message.sender.full_name,
                "subject": message.subject,
                "body": message.body,
                "sent_at": message.sent_at,
            }
            for message in messages.filter(recipient=profile)
        ],
    }


def export_member_data(*, user) -> bytes:
    """Everything Cercle holds about ``user``, as the bytes of a zip file."""
    profile = with_sections(Profile.objects.filter(user=user)).first()
    data: dict = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
            "sessions": list(
                user.usersession_set.values("ip", "user_agent", "created_at", "last_seen_at")
            ),
        },
        "consents": list(user.consents.values("purpose", "notice_version", "given_at")),
        "profile": None,
    }
    files: list[tuple[str, object]] = []
    if profile is not None:
        view = privacy.visible_profile(user, profile)
        data["profile"] = {
            **view.as_dict(),
            "source": profile.source,
            "claimed_at": profile.claimed_at,
            "listed_publicly": profile.listed_publicly,
            "listed_to_members": profile.listed_to_members,
            "created_at": profile.created_at,
            "updated_at": profile.updated_at,
        }
        data["graduate_archives"] = (
            GraduateRecord.objects.filter(profile=profile)
            .values(
                "institution",
                "student_number",
                "birth_name",
                "birth_date",
                "emails",
                "education__programme",
                "education__end_year",
                "updated_at",
            )
            .first()
        )
        data["organisations"] = [
            {"organisation": link.organisation.name, "role": link.role}
            for link in profile.organisation_links.select_related("organisation")
        ]
        data["connections"] = [
            {
                "with": connection.other(profile).full_name,
                "direction": "sent" if connection.requester_id == profile.pk else "received",
                "status": connection.status,
                "message": connection.message,
                "created_at": connection.created_at,
                "responded_at": connection.responded_at,
            }
            for connection in Connection.objects.involving(profile).select_related(
                "requester", "addressee"
            )
        ]
        data["contact_messages"] = _contact_messages(profile)
        data["staff_reads"] = list(
            StaffAccessLog.objects.filter(profile=profile).values(
                "staff_label", "reason", "accessed_at"
            )
        )
        for name in ("photo", "cv"):
            file = getattr(profile, name)
            if file:
                files.append((f"files/{name}{PurePath(file.name).suffix}", file))
        if data["profile"].get("photo"):
            data["profile"]["photo"] = files[0][0]
        if data["profile"].get("cv"):
            data["profile"]["cv"] = files[-1][0]
    for key, provider in _providers.items():
        data[key] = provider(user, profile)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        for arcname, file in files:
            with file.open("rb") as handle:
                archive.writestr(arcname, handle.read())
    return buffer.getvalue()


def erase_member(*, user, confirmation: str) -> None:
    """Deletes ``user``'s account, profile and files; ``confirmation`` must be the e-mail.

    Pending and accepted connections disappear with the profile. The apps holding the
    member's places react to the profile's deletion in the same transaction (the
    clubs they led alone get a new leader, their seats go to the waiting list).
    Files are removed once the transaction has committed, so a failure leaves them
    in place.
    """
    if confirmation.strip().lower() != user.email.lower():
        raise MemberError(_("Type your e-mail address exactly to confirm the erasure."))
    if user.is_superuser:
        raise MemberError(_("An administrator account cannot erase itself here."), status=403)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(user=user).first()
        files = []
        if profile is not None:
            files = [
                (file.storage, name)
                for file in (profile.photo, profile.cv)
                if file
                for name in file.field.stored_names(file.name)
            ]
            StaffAccessLog.objects.filter(profile=profile).update(profile_label=_("erased member"))
            Connection.objects.involving(profile).delete()
            profile.delete()
        get_user_model().objects.filter(pk=user.pk).delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
