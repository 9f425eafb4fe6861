"""Members in the public search: one document per audience allowed to find a profile.

What a document holds comes from ``members.privacy.index_document_sections`` only:
a private section never reaches the index, a members-only section only reaches the
members' document, and an unclaimed archive record reaches the members' document
(name, programme, year) only when the institution lists those records.
"""

from __future__ import annotations

from django.urls import reverse

from home.countries import country_name, place_details, place_name
from members import privacy
from members.directory import with_sections
from members.models import (
    Education,
    Experience,
    Profile,
    ProfileExpertise,
    ProfileKind,
    ProfileSource,
    Sector,
)
from members.visibility import Visibility
from search import sources, sync
from search.documents import AUDIENCES, MEMBERS, Document


def _payloads(sections: dict, audience: str) -> dict[str, dict]:
    return {
        key: payload
        for key, (visibility, payload) in sections.items()
        if audience == MEMBERS or visibility == Visibility.PUBLIC
    }


def _document(profile: Profile, audience: str, sections: dict[str, dict]) -> Document:
    identity = sections["identity"]
    words: list[str] = []
    facets: dict[str, tuple[str, ...]] = {"member_kind": (identity["kind"],)}
    summary = sections.get("headline", {}).get("headline", "")
    words.append(sections.get("biography", {}).get("biography", ""))
    latitude = longitude = None
    location = sections.get("location", {})
    if location:
        words.append(place_name(location["city"], location["country"]))
        if location["country"]:
            facets["country"] = (location["country"],)
        latitude, longitude = location["latitude"], location["longitude"]
    graduation = ""
    if "education" in sections:
        rows = sections["education"]["education"]
        faculties = []
        for row in rows:
            words.extend(
                str(row.get(name) or "")
                for name in ("programme", "degree", "discipline", "faculty")
            )
            if row.get("faculty"):
                faculties.append(row["faculty"])
        facets["faculty"] = tuple(dict.fromkeys(faculties))
        if rows:
            latest = rows[0]
            graduation = " ".join(
                str(part) for part in (latest["programme"], latest.get("end_year") or "") if part
            )
    if "experience" in sections:
        rows = sections["experience"]["experience"]
        words.extend(f"{row['role']} {row['organisation']} {row['sector_label']}" for row in rows)
        facets["sector"] = tuple(dict.fromkeys(row["sector"] for row in rows if row["sector"]))
    if "expertise" in sections:
        expertise = sections["expertise"]
        words.extend(expertise["expertise"])
        words.append(expertise["languages"])
        facets["expertise"] = tuple(expertise["expertise"])
    return Document(
        kind="members",
        id=str(profile.pk),
        audience=audience,
        title=f"{identity['first_name']} {identity['last_name']}".strip(),
        url=reverse("members:profile", args=[profile.pk]),
        summary=summary or graduation,
        text=" ".join(word for word in words if word),
        facets={name: values for name, values in facets.items() if values},
        latitude=latitude,
        longitude=longitude,
        date=profile.updated_at,
        extra={
            "member_kind": identity["kind"],
            "city": location.get("city", ""),
            "country": location.get("country", ""),
            "graduation": graduation,
        },
    )


def profile_documents(profile: Profile) -> list[Document]:
    sections = privacy.index_document_sections(profile)
    documents = []
    for audience in AUDIENCES:
        allowed = _payloads(sections, audience)
        if "identity" in allowed:
            documents.append(_document(profile, audience, allowed))
    return documents


def _profiles_of(user) -> list[int]:
    return list(Profile.objects.filter(user_id=user.pk).values_list("pk", flat=True))


def account_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """An account (de)activated: its profile leaves or returns; a login changes nothing."""
    if raw or (update_fields is not None and "is_active" not in update_fields):
        return
    sync.mark("members", _profiles_of(instance))


def account_deleted(sender, instance, **kwargs):
    sync.mark("members", _profiles_of(instance))


def archive_listing_changed(sender, instance, created, raw=False, **kwargs):
    """The institution lists unclaimed archive records to members, or stops: all of them change.

    A settings row created with the default (not listed) changes nothing.
    """
    if raw or (created and not instance.list_archive_records):
        return
    sync.mark(
        "members",
        Profile.objects.filter(user__isnull=True, source=ProfileSource.ARCHIVE).values_list(
            "pk", flat=True
        ),
    )


SOURCE = sources.Source(
    kind="members",
    objects=lambda: with_sections(Profile.objects.all()),
    documents=profile_documents,
    watch={
        Profile: sources.same_object,
        Education: lambda row: (row.profile_id,),
        Experience: lambda row: (row.profile_id,),
        ProfileExpertise: lambda row: (row.content_object_id,),
    },
    facet_labels={
        "member_kind": lambda value: ProfileKind(value).label,
        "country": country_name,
        "sector": lambda value: Sector(value).label,
    },
    details=place_details,
)
