"""Who may see what of a member: the single place where this is decided.

Every profile is cut into sections (``members.visibility.SECTIONS``):

============  ==========================================================
section       what it holds
============  ==========================================================
photo         the photo (served by a view that asks ``can_see``)
headline      the one-line presentation
biography     the free text about oneself
location      city, country and coordinates
contact       contact e-mail and phone
links         website, LinkedIn, other links
education     programmes followed at the university (programme, degree,
              discipline, faculty, years)
experience    positions held (organisation, role, sector, dates)
expertise     expertise domains and languages
availability  open to opportunities, hiring, volunteer mentor
cv            the PDF CV (served by a view that asks ``can_see``)
============  ==========================================================

The name and the kind (student, alumnus, staff, partner) are the profile's identity:
whoever may find a profile at all sees them.

The owner picks each section's visibility: ``public`` (visitors too), ``members``
(signed-in members, the default) or ``private`` (the owner only). Public is an
opt-in twice over: a visitor sees a profile only if its owner ticked "listed in the
public directory", and then only its public sections. A member who unticks "listed
in the members' directory" disappears from other members' listings and pages.

Records imported from the graduate archives and not claimed yet are seen by staff
only, unless the institution ticks *Settings → Directory → list graduate-archive
records to members*: members then see their name, programme and year, nothing else.

Staff means holding the ``members.view_full_profile`` permission (superusers hold
every permission), not being signed in to the admin. Staff see everything, and each
read of a full record is written to the ``StaffAccessLog`` here, by the function
that hands the record out, never by its caller: ``visible_profile`` when it gives
staff a full record (not a listing), ``visible_file`` when it gives staff a file
no member could see, and ``admin_read`` for the admin's edit, inspect and export
views, which show the model itself.

Templates, the API, exports, e-mails and the search index use ``visible_profile``
(what one viewer may see of one profile), ``visible_profiles`` (whom a viewer may
find), ``section_visible_q`` (filters that must not reveal hidden values) and
``index_document_sections`` (what a search index may hold).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config import pagecache
from home.countries import country_name
from members.models import (
    DirectorySettings,
    Profile,
    ProfileKind,
    ProfileSource,
    Sector,
    StaffAccessLog,
    User,
)
from members.visibility import DEFAULT_VISIBILITY, SECTIONS, Section, Visibility

__all__ = [
    "DEFAULT_VISIBILITY",
    "FULL_RECORD_PERMISSION",
    "ORGANISATIONS",
    "OWNER",
    "PROFILES",
    "PUBLIC",
    "MEMBER",
    "SECTIONS",
    "STAFF",
    "PreviewMember",
    "ProfileView",
    "Section",
    "Viewer",
    "Visibility",
    "can_see",
    "can_view_profile",
    "index_document_sections",
    "is_staff_viewer",
    "admin_name",
    "admin_read",
    "visible_file",
    "section_visible_q",
    "viewer_level",
    "visible_profile",
    "visible_profiles",
]

FULL_RECORD_PERMISSION = "members.view_full_profile"

OWNER = "owner"
STAFF = "staff"
MEMBER = "member"
PUBLIC = "public"

# The page cache's tags (config.pagecache): every page showing a profile through this
# module depends on PROFILES; the organisations' pages on ORGANISATIONS too.
PROFILES = "profiles"
ORGANISATIONS = "organisations"

# What an unclaimed archive record shows members when the institution opts in.
ARCHIVE_MINIMAL_EDUCATION_FIELDS = ("programme", "end_year")


class PreviewMember:
    """A signed-in member with no special right: the owner's "as a member" preview."""

    pk = None
    is_authenticated = True
    is_anonymous = False
    is_active = True

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return False


Viewer = User | AnonymousUser | PreviewMember | None
"""Whoever reads a profile: a user, a visitor (anonymous or ``None``), or a preview."""

# Where a user object keeps its ``_Viewer`` for the rest of the request.
_VIEWER_CACHE = "_cercle_privacy_viewer"


class _Viewer:
    """What privacy needs to know about a viewer, computed once per request.

    ``staff_user`` is the user when they may read full records: the account the
    access log names.
    """

    def __init__(self, user: User | PreviewMember | None):
        member = user if user is not None and user.is_authenticated and user.is_active else None
        self.user = user
        self.is_member = member is not None
        self.staff_user: User | None = (
            member if isinstance(member, User) and member.has_perm(FULL_RECORD_PERMISSION) else None
        )
        self.is_staff = self.staff_user is not None
        self.user_id: int | None = member.pk if member is not None else None

    @cached_property
    def archive_listing(self) -> bool:
        return DirectorySettings.load().list_archive_records


def _viewer(viewer: Viewer) -> _Viewer:
    if viewer is None or isinstance(viewer, AnonymousUser):
        return _Viewer(None)
    if isinstance(viewer, PreviewMember):
        return _Viewer(viewer)
    cached: _Viewer | None = getattr(viewer, _VIEWER_CACHE, None)
    if cached is None:
        cached = _Viewer(viewer)
        setattr(viewer, _VIEWER_CACHE, cached)
    return cached


def is_staff_viewer(viewer: Viewer) -> bool:
    """Whether ``viewer`` may read members' full records."""
    return _viewer(viewer).is_staff


def _is_unclaimed(profile: Profile) -> bool:
    return profile.user_id is None


def _is_archive_minimal(v: _Viewer, profile: Profile) -> bool:
    return (
        v.is_member
        and not v.is_staff
        and _is_unclaimed(profile)
        and profile.source == ProfileSource.ARCHIVE
        and v.archive_listing
    )


def viewer_level(viewer: Viewer, profile: Profile) -> str:
    """``owner``, ``staff``, ``member`` or ``public``: how ``viewer`` stands to ``profile``."""
    v = _viewer(viewer)
    if v.user_id is not None and profile.user_id == v.user_id:
        return OWNER
    if v.is_staff:
        return STAFF
    if v.is_member:
        return MEMBER
    return PUBLIC


def can_view_profile(viewer: Viewer, profile: Profile) -> bool:
    """Whether ``viewer`` may find ``profile`` at all (its page, its listing entry)."""
    pagecache.depends_on(PROFILES)
    v = _viewer(viewer)
    level = viewer_level(viewer, profile)
    if level in (OWNER, STAFF):
        return True
    owner = profile.user
    if owner is None:  # unclaimed
        return _is_archive_minimal(v, profile)
    if not owner.is_active:
        return False
    if level == MEMBER:
        return profile.listed_to_members or profile.listed_publicly
    return profile.listed_publicly


def can_see(viewer: Viewer, profile: Profile, section: str) -> bool:
    """Whether ``viewer`` may see ``section`` of ``profile``."""
    if section not in SECTIONS:
        raise KeyError(f"Unknown profile section: {section}")
    level = viewer_level(viewer, profile)
    if level in (OWNER, STAFF):
        return True
    if not can_view_profile(viewer, profile):
        return False
    if _is_unclaimed(profile):
        # The minimal archive listing: programme and year only.
        return section == "education"
    visibility = profile.visibility_of(section)
    if level == MEMBER:
        return visibility in (Visibility.PUBLIC, Visibility.MEMBERS)
    return visibility == Visibility.PUBLIC


def visible_profiles(viewer: Viewer) -> QuerySet[Profile]:
    """The profiles ``viewer`` may find in listings (the directory, the API, search)."""
    pagecache.depends_on(PROFILES)
    v = _viewer(viewer)
    profiles = Profile.objects.all()
    if v.is_staff:
        return profiles
    claimed = Q(user__isnull=False, user__is_active=True)
    if v.is_member:
        allowed = claimed & (Q(listed_to_members=True) | Q(listed_publicly=True))
        if v.user_id is not None:
            allowed |= Q(user_id=v.user_id)
        if v.archive_listing:
            allowed |= Q(user__isnull=True, source=ProfileSource.ARCHIVE)
        return profiles.filter(allowed)
    return profiles.filter(claimed & Q(listed_publicly=True))


def section_visible_q(viewer: Viewer, section: str, *, archive_minimal: bool = False) -> Q:
    """A filter matching the profiles whose ``section`` ``viewer`` may see.

    Combine it with any filter on a section's values, so that a search cannot tell
    a hidden value by the results it returns. ``archive_minimal`` says the filter
    reads only what the minimal archive listing shows (programme, year).
    """
    v = _viewer(viewer)
    if v.is_staff:
        return Q()
    field_name = SECTIONS[section].visibility_field
    if v.is_member:
        matches = Q(
            user__isnull=False, **{f"{field_name}__in": [Visibility.PUBLIC, Visibility.MEMBERS]}
        )
        if v.user_id is not None:
            matches |= Q(user_id=v.user_id)
        if archive_minimal and section == "education" and v.archive_listing:
            matches |= Q(user__isnull=True, source=ProfileSource.ARCHIVE)
        return matches
    return Q(user__isnull=False, **{field_name: Visibility.PUBLIC})


@dataclass(frozen=True)
class ProfileView:
    """What one viewer may see of one profile: hidden sections are simply absent.

    Templates, the API, exports and e-mails read profiles through this object only.
    ``sections`` names the visible sections; a hidden section's attributes are
    empty (``None``, ``""``, ``()`` or ``False``).
    """

    id: int
    level: str
    first_name: str
    last_name: str
    kind: str
    is_claimed: bool
    is_archive_minimal: bool
    sections: frozenset[str]
    photo_url: str | None = None
    photo_card_url: str | None = None
    headline: str = ""
    biography: str = ""
    city: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact_email: str = ""
    phone: str = ""
    website: str = ""
    linkedin: str = ""
    other_links: tuple[str, ...] = ()
    education: tuple[dict, ...] = ()
    experience: tuple[dict, ...] = ()
    expertise: tuple[str, ...] = ()
    languages: str = ""
    open_to_opportunities: bool = False
    hiring: bool = False
    volunteer_mentor: bool = False
    cv_url: str | None = None
    visibilities: dict[str, str] = field(default_factory=dict)

    @property
    def pk(self) -> int:
        return self.id

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def kind_label(self) -> str:
        return str(ProfileKind(self.kind).label)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def url(self) -> str:
        return reverse("members:profile", args=[self.id])

    @property
    def graduation(self) -> dict | None:
        """The latest programme, for one-line summaries in listings."""
        return self.education[0] if self.education else None

    def shows(self, section: str) -> bool:
        return section in self.sections

    def as_dict(self) -> dict[str, Any]:
        """The visible data, section by section: what the API and exports publish."""
        data: dict[str, Any] = {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "kind": self.kind,
        }
        for key in SECTIONS:
            if key in self.sections:
                data[key] = _section_payload(self, key)
        if self.visibilities:
            data["visibilities"] = dict(self.visibilities)
        return data


def _section_payload(view: ProfileView, key: str) -> Any:
    match key:
        case "photo":
            return view.photo_url
        case "headline":
            return view.headline
        case "biography":
            return view.biography
        case "location":
            return {
                "city": view.city,
                "country": view.country,
                "latitude": view.latitude,
                "longitude": view.longitude,
            }
        case "contact":
            return {"email": view.contact_email, "phone": view.phone}
        case "links":
            return {
                "website": view.website,
                "linkedin": view.linkedin,
                "other": list(view.other_links),
            }
        case "education":
            return [dict(row) for row in view.education]
        case "experience":
            return [
                {
                    **row,
                    "start_date": row["start_date"].isoformat() if row["start_date"] else None,
                    "end_date": row["end_date"].isoformat() if row["end_date"] else None,
                }
                for row in view.experience
            ]
        case "expertise":
            return {"domains": list(view.expertise), "languages": view.languages}
        case "availability":
            return {
                "open_to_opportunities": view.open_to_opportunities,
                "hiring": view.hiring,
                "volunteer_mentor": view.volunteer_mentor,
            }
        case "cv":
            return view.cv_url
    raise KeyError(key)


def _education_rows(profile: Profile, *, minimal: bool) -> tuple[dict, ...]:
    rows = []
    for education in profile.education.all():
        if minimal:
            rows.append(
                {name: getattr(education, name) for name in ARCHIVE_MINIMAL_EDUCATION_FIELDS}
            )
        else:
            rows.append(
                {
                    "programme": education.programme,
                    "degree": education.degree,
                    "discipline": education.discipline,
                    "faculty": education.faculty,
                    "start_year": education.start_year,
                    "end_year": education.end_year,
                }
            )
    return tuple(rows)


def _experience_rows(profile: Profile) -> tuple[dict, ...]:
    return tuple(
        {
            "organisation": experience.employer,
            "organisation_slug": experience.organisation.slug
            if experience.organisation is not None
            else None,
            "role": experience.role,
            "sector": experience.sector,
            "sector_label": str(Sector(experience.sector).label) if experience.sector else "",
            "start_date": experience.start_date,
            "end_date": experience.end_date,
        }
        for experience in profile.experience.all()
    )


_LISTING_MEMBER = PreviewMember()


def visible_profile(
    viewer: Viewer, profile: Profile, *, listing: bool = False, reason: str = ""
) -> ProfileView:
    """What ``viewer`` may see of ``profile``.

    ``listing=True`` is for lists (the directory, API lists, search results): staff
    then see what any member sees (archive records: name, programme, year), because
    a full record is read one at a time, from its page, and logged: a full record
    given to staff is written to the access log here, with ``reason``. For listings,
    fetch profiles with ``members.directory.with_sections()`` so that education,
    experience and expertise come prefetched. Raises ``PermissionError`` when the
    viewer may not see the profile at all.
    """
    if not can_view_profile(viewer, profile):  # which tags the page PROFILES
        raise PermissionError("This profile is not visible to this viewer.")
    v = _viewer(viewer)
    level = viewer_level(viewer, profile)
    if listing and level == STAFF:
        if _is_unclaimed(profile):
            minimal, sections = True, frozenset({"education"})
        else:
            minimal = False
            sections = frozenset(key for key in SECTIONS if can_see(_LISTING_MEMBER, profile, key))
    else:
        minimal = _is_archive_minimal(v, profile)
        sections = frozenset(key for key in SECTIONS if can_see(viewer, profile, key))
    values: dict[str, Any] = {}
    if "photo" in sections and profile.photo:
        values["photo_url"] = reverse("members:photo", args=[profile.pk])
        values["photo_card_url"] = reverse("members:photo_sized", args=[profile.pk, "card"])
    if "headline" in sections:
        values["headline"] = profile.headline
    if "biography" in sections:
        values["biography"] = profile.biography
    if "location" in sections:
        values.update(
            city=profile.city,
            country=profile.country,
            latitude=profile.latitude,
            longitude=profile.longitude,
        )
    if "contact" in sections:
        values.update(contact_email=profile.contact_email, phone=profile.phone)
    if "links" in sections:
        values.update(
            website=profile.website,
            linkedin=profile.linkedin,
            other_links=tuple(
                line.strip() for line in profile.other_links.splitlines() if line.strip()
            ),
        )
    if "education" in sections:
        values["education"] = _education_rows(profile, minimal=minimal)
    if "experience" in sections:
        values["experience"] = _experience_rows(profile)
    if "expertise" in sections:
        values["expertise"] = tuple(sorted(tag.name for tag in profile.expertise.all()))
        values["languages"] = profile.languages
    if "availability" in sections:
        values.update(
            open_to_opportunities=profile.open_to_opportunities,
            hiring=profile.hiring,
            volunteer_mentor=profile.volunteer_mentor,
        )
    if "cv" in sections and profile.cv:
        values["cv_url"] = reverse("members:cv", args=[profile.pk])
    if level == OWNER:
        values["visibilities"] = {key: profile.visibility_of(key) for key in SECTIONS}
    if level == STAFF and not listing and v.staff_user is not None:
        _log_staff_access(v.staff_user, profile, reason=reason or str(_("Profile read")))
    return ProfileView(
        id=profile.pk,
        level=level,
        first_name=profile.first_name,
        last_name=profile.last_name,
        kind=profile.kind,
        is_claimed=profile.is_claimed,
        is_archive_minimal=minimal,
        sections=sections,
        **values,
    )


def archive_records_indexed() -> bool:
    """Whether unclaimed archive records reach the search index at all (as the minimal
    listing of ``index_document_sections``). When they do not, importing them changes no
    document: the archive import reads this before refreshing the index."""
    return DirectorySettings.load().list_archive_records


def index_document_sections(profile: Profile) -> dict[str, tuple[Visibility, dict]]:
    """What a search index may hold about ``profile``, section by section.

    Each entry is tagged with the widest audience allowed to match it: ``PUBLIC``
    (visitors) or ``MEMBERS``. Private sections are never returned, nor are the
    profiles only staff may find (unclaimed archive records unless the institution
    lists them, hidden or deactivated profiles): for those the result is empty, and
    the index must drop the document. ``identity`` holds the name and the kind.
    """
    owner = profile.user
    if owner is None:  # unclaimed
        if profile.source != ProfileSource.ARCHIVE or not archive_records_indexed():
            return {}
        identity = {
            "first_name": profile.first_name,
            "last_name": profile.last_name,
            "kind": profile.kind,
        }
        return {
            "identity": (Visibility.MEMBERS, identity),
            "education": (
                Visibility.MEMBERS,
                {"education": list(_education_rows(profile, minimal=True))},
            ),
        }
    if not owner.is_active or not (profile.listed_to_members or profile.listed_publicly):
        return {}

    def audience(visibility: str) -> Visibility:
        if visibility == Visibility.PUBLIC and profile.listed_publicly:
            return Visibility.PUBLIC
        return Visibility.MEMBERS

    documents: dict[str, tuple[Visibility, dict]] = {
        "identity": (
            audience(Visibility.PUBLIC),
            {
                "first_name": profile.first_name,
                "last_name": profile.last_name,
                "kind": profile.kind,
            },
        )
    }
    for key in SECTIONS:
        visibility = profile.visibility_of(key)
        if visibility == Visibility.PRIVATE:
            continue
        documents[key] = (audience(visibility), _index_payload(profile, key))
    return documents


def _index_payload(profile: Profile, key: str) -> dict:
    match key:
        case "photo":
            return {"has_photo": bool(profile.photo)}
        case "headline":
            return {"headline": profile.headline}
        case "biography":
            return {"biography": profile.biography}
        case "location":
            return {
                "city": profile.city,
                "country": profile.country,
                "latitude": profile.latitude,
                "longitude": profile.longitude,
            }
        case "contact":
            # Addresses are shown on the profile, never searchable.
            return {}
        case "links":
            return {"website": profile.website}
        case "education":
            return {"education": list(_education_rows(profile, minimal=False))}
        case "experience":
            return {
                "experience": [
                    {
                        key: value
                        for key, value in row.items()
                        if key not in ("start_date", "end_date")
                    }
                    | {
                        "start_year": row["start_date"].year if row["start_date"] else None,
                        "end_year": row["end_date"].year if row["end_date"] else None,
                    }
                    for row in _experience_rows(profile)
                ]
            }
        case "expertise":
            return {
                "expertise": sorted(tag.name for tag in profile.expertise.all()),
                "languages": profile.languages,
            }
        case "availability":
            return {
                "open_to_opportunities": profile.open_to_opportunities,
                "hiring": profile.hiring,
                "volunteer_mentor": profile.volunteer_mentor,
            }
        case "cv":
            return {"has_cv": bool(profile.cv)}
    raise KeyError(key)


def visible_file(viewer: Viewer, profile: Profile, section: str) -> FieldFile | None:
    """``profile``'s ``section`` file (``photo`` or ``cv``), if ``viewer`` may see it.

    Staff reading a file no member could see are logged (not for every thumbnail of
    a photo members see anyway).
    """
    file: FieldFile = getattr(profile, section)
    if not file or not can_see(viewer, profile, section):
        return None
    staff_user = _viewer(viewer).staff_user
    if (
        viewer_level(viewer, profile) == STAFF
        and staff_user is not None
        and not can_see(_LISTING_MEMBER, profile, section)
    ):
        _log_staff_access(staff_user, profile, reason=str(SECTIONS[section].label))
    return file


def admin_name(viewer: Viewer, profile: Profile) -> str:
    """The name an admin listing or export shows ``viewer`` for ``profile``: its full
    name where ``viewer`` may find it, a neutral placeholder otherwise (a member hidden
    from the directory, an unclaimed archive record), so that a role without the
    full-record permission learns nothing the directory would not tell them."""
    if can_view_profile(viewer, profile):
        return profile.full_name
    return str(_("Hidden member"))


def admin_read(staff_user: User, profiles: Iterable[Profile], *, reason: str) -> None:
    """The admin shows ``profiles``' whole records (edit, inspect, export): logged."""
    for profile in profiles:
        _log_staff_access(staff_user, profile, reason=reason)


def _log_staff_access(staff_user: User, profile: Profile, *, reason: str) -> StaffAccessLog:
    """Records that ``staff_user`` read ``profile``'s full record, and why."""
    return StaffAccessLog.objects.create(
        staff_user=staff_user,
        staff_label=staff_user.email,
        profile=profile,
        profile_label=f"{profile.full_name} (#{profile.pk})",
        reason=reason[:200],
    )
