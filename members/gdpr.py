"""A member's rights over their data: export everything held, erase the account.

The export is a zip: ``data.json`` (account, profile with its visibilities,
education, experience, network, consents, staff reads of the record) and the files
(photo, CV). Erasure deletes the profile, its rows and files, and the account;
nothing that names the person remains (staff access logs keep a label, which is
blanked).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import privacy
from members.directory import with_sections
from members.models import Connection, Profile, StaffAccessLog
from members.services import MemberError


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
            files = [getattr(profile, name) for name in ("photo", "cv") if getattr(profile, name)]
            StaffAccessLog.objects.filter(profile=profile).update(profile_label=_("erased member"))
            Connection.objects.involving(profile).delete()
            profile.delete()
        get_user_model().objects.filter(pk=user.pk).delete()
        for file in files:
            storage, name = file.storage, file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
