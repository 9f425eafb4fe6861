"""The community API's members, ``me`` and organisations endpoints.

Every member shown goes through ``members.privacy``: a hidden section is absent
from the JSON, and the lists only hold the members the caller may find.
"""

from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from config.protocol import Page, PageQuery, paginate, refusals, reject_unknown
from config.schemas import SuggestionsOut
from config.text import ONE_LINE_PATTERN
from home.countries import CountryChoice
from members import lookup, privacy, services
from members.directory import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    YEAR_RANGE,
    DirectoryQuery,
    search_directory,
    with_sections,
)
from members.errors import MemberError, SignInRequired
from members.models import Organisation, OrganisationKind, Profile, ProfileKind, Sector
from members.policies import contact_options
from members.visibility import Visibility

# The choices of the filters, from the models, so that the OpenAPI document lists them.
KindChoice = Literal[("", *ProfileKind.values)]
SectorChoice = Literal[("", *Sector.values)]
OrganisationKindChoice = Literal[("", *OrganisationKind.values)]
SectionName = Literal[tuple(privacy.SECTIONS)]  # type: ignore[valid-type]
VisibilityChoice = Literal[tuple(Visibility.values)]  # type: ignore[valid-type]

router = Router(tags=["members"])
organisations_router = Router(tags=["organisations"])


class MemberLocationOut(Schema):
    city: str
    country: str
    latitude: float | None = None
    longitude: float | None = None


class ContactOut(Schema):
    email: str
    phone: str


class LinksOut(Schema):
    website: str
    linkedin: str
    other: list[str]


class EducationOut(Schema):
    programme: str
    degree: str | None = None
    discipline: str | None = None
    faculty: str | None = None
    start_year: int | None = None
    end_year: int | None = None


class ExperienceOut(Schema):
    organisation: str
    organisation_slug: str | None = None
    role: str
    sector: str
    sector_label: str
    start_date: str | None = None
    end_date: str | None = None


class ExpertiseOut(Schema):
    domains: list[str]
    languages: str


class AvailabilityOut(Schema):
    open_to_opportunities: bool
    hiring: bool
    volunteer_mentor: bool


class MemberOut(Schema):
    """A member as the caller may see them: hidden sections are left out."""

    id: int
    first_name: str
    last_name: str
    kind: str
    url: str
    photo: str | None = None
    headline: str | None = None
    biography: str | None = None
    location: MemberLocationOut | None = None
    contact: ContactOut | None = None
    links: LinksOut | None = None
    education: list[EducationOut] | None = None
    experience: list[ExperienceOut] | None = None
    expertise: ExpertiseOut | None = None
    availability: AvailabilityOut | None = None
    cv: str | None = None


class MemberFacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class MemberPageOut(Page[MemberOut]):
    facets: dict[str, list[MemberFacetValueOut]] | None = Field(
        None, description="Counts per facet value, when the public search answered"
    )
    degraded: bool = Field(False, description="Search fell back: results may be incomplete")


class ContactOptionsOut(Schema):
    """What the caller may do with this member now, as the pages offer it."""

    can_contact: bool
    contact_refusal: str | None = Field(None, description="Why not, when the caller may not")
    can_connect: bool
    connect_refusal: str | None = None
    connection_state: Literal["none", "connected", "sent", "received", "declined", "self"]
    messages_left: int = Field(description="Messages the caller may still send this hour")


class MemberDetailOut(MemberOut):
    options: ContactOptionsOut


class MeOut(MemberOut):
    visibilities: dict[str, str]
    listed_publicly: bool
    listed_to_members: bool
    language: str = Field(description="The language of the e-mails the site sends me")


class MemberFilters(PageQuery):
    q: str = Field("", max_length=200, description="Name or keywords", pattern=ONE_LINE_PATTERN)
    kind: KindChoice = Field("", description="The kind of member; empty for any")
    programme: str = Field("", max_length=200, pattern=ONE_LINE_PATTERN)
    year_min: int | None = Field(
        None, ge=YEAR_RANGE[0], le=YEAR_RANGE[1], description="Graduated in or after this year"
    )
    year_max: int | None = Field(
        None, ge=YEAR_RANGE[0], le=YEAR_RANGE[1], description="Graduated in or before this year"
    )
    faculty: str = Field("", max_length=160, pattern=ONE_LINE_PATTERN)
    country: CountryChoice = Field("", description="ISO 3166 alpha-2 code")
    city: str = Field("", max_length=120, pattern=ONE_LINE_PATTERN)
    expertise: str = Field(
        "",
        max_length=100,
        description="An expertise domain (name or slug)",
        pattern=ONE_LINE_PATTERN,
    )
    sector: SectorChoice = Field("", description="The sector of a position held; empty for any")
    organisation: str = Field(
        "", max_length=200, description="An organisation's slug", pattern=ONE_LINE_PATTERN
    )
    open_to_opportunities: bool = False
    hiring: bool = False
    volunteer_mentor: bool = False
    sort: Literal["name", "recent", "graduation"] = "name"
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page"
    )


def _member_out(view: privacy.ProfileView) -> dict:
    return {**view.as_dict(), "url": view.url}


@router.get(
    "/",
    response={200: MemberPageOut, **refusals(400)},
    summary="Search the member directory",
    exclude_none=True,
)
def list_members(request: HttpRequest, filters: Query[MemberFilters]):
    """Members the caller may find, with only the sections the caller may see.

    Anonymous callers only get members listed publicly, and their public sections.
    The public search answers (with `facets` counted) unless the caller is staff or
    uses a filter it does not hold (programme, years, city, organisation,
    availability, sort by graduation): the database answers those exactly.
    """
    reject_unknown(request, MemberFilters)
    query = DirectoryQuery(
        text=filters.q,
        kind=filters.kind,
        programme=filters.programme,
        graduation_year_min=filters.year_min,
        graduation_year_max=filters.year_max,
        faculty=filters.faculty,
        country=filters.country,
        city=filters.city,
        expertise=filters.expertise,
        sector=filters.sector,
        organisation=filters.organisation,
        open_to_opportunities=filters.open_to_opportunities,
        hiring=filters.hiring,
        volunteer_mentor=filters.volunteer_mentor,
        sort=filters.sort,
        page=filters.page,
        page_size=filters.page_size,
    )
    page = search_directory(viewer=request.user, query=query)
    return {
        "count": page.total,
        "page": page.page,
        "page_size": page.page_size,
        "num_pages": page.num_pages,
        "results": [_member_out(view) for view in page.results],
        "facets": {name: [vars(value) for value in values] for name, values in page.facets.items()}
        if page.searched
        else None,
        "degraded": page.degraded,
    }


def _me_out(profile: Profile, user) -> dict:
    profile = with_sections(Profile.objects.filter(pk=profile.pk)).get()
    return {
        **_member_out(privacy.visible_profile(user, profile)),
        "listed_publicly": profile.listed_publicly,
        "listed_to_members": profile.listed_to_members,
        "language": profile.user.language,
    }


@router.get(
    "/me",
    response={200: MeOut, **refusals(401, 403)},
    summary="My profile, every section, with its visibilities",
    exclude_none=True,
)
def read_me(request: HttpRequest):
    return _me_out(services.require_profile(request.user), request.user)


def _length(name: str) -> int | None:
    """The profile field's own bound, so that the document states the model's."""
    return Profile._meta.get_field(name).max_length


class MeIn(Schema):
    """Only the fields given change; ``null`` empties an optional one. The bounds are
    the profile's own, which the forms apply too."""

    kind: Literal[tuple(ProfileKind.values)] = Field(None)  # type: ignore[valid-type]
    first_name: str = Field(None, min_length=1, max_length=_length("first_name"))
    last_name: str = Field(None, min_length=1, max_length=_length("last_name"))
    headline: str | None = Field(None, max_length=_length("headline"))
    biography: str | None = Field(None, max_length=_length("biography"))
    city: str | None = Field(None, max_length=_length("city"))
    country: str | None = Field(None, max_length=_length("country"))
    contact_email: str | None = Field(None, max_length=_length("contact_email"))
    phone: str | None = Field(None, max_length=_length("phone"))
    website: str | None = Field(None, max_length=_length("website"))
    linkedin: str | None = Field(None, max_length=_length("linkedin"))
    other_links: list[str] | None = None
    languages: str | None = Field(None, max_length=_length("languages"))
    expertise: list[str] | None = None
    open_to_opportunities: bool = Field(None)
    hiring: bool = Field(None)
    volunteer_mentor: bool = Field(None)
    listed_publicly: bool = Field(None)
    listed_to_members: bool = Field(None)
    language: Literal["fr", "en"] | None = Field(
        None, description="The language of the e-mails the site sends me"
    )
    visibilities: dict[SectionName, VisibilityChoice] | None = Field(
        None,
        description="Section → public, members or private; sections: "
        + ", ".join(privacy.SECTIONS),
    )


@router.patch(
    "/me",
    response={200: MeOut, **refusals(400, 401, 403)},
    summary="Change my profile and who sees each section",
    exclude_none=True,
)
def update_me(request: HttpRequest, changes: MeIn):
    profile = services.require_profile(request.user)
    data = changes.model_dump(exclude_unset=True)
    visibilities = data.pop("visibilities", None)
    expertise = data.pop("expertise", None)
    language = data.pop("language", None)
    if "other_links" in data:
        data["other_links"] = "\n".join(data["other_links"] or [])
    data = {name: ("" if value is None else value) for name, value in data.items()}
    services.update_profile(
        profile=profile,
        changes=data,
        visibilities=visibilities,
        expertise=expertise,
        language=language,
    )
    return _me_out(profile, request.user)


class SuggestionParams(Schema):
    q: str = Field("", max_length=200, description="The start of a name, or an e-mail address")


@router.get(
    "/suggestions",
    response={200: SuggestionsOut, **refusals(400, 401)},
    summary="Members to pick by name, for a member chooser",
)
def suggest_members(request: HttpRequest, params: Query[SuggestionParams]):
    """Signed-in callers only: members they may find, with a live account, by name.

    Each suggestion holds the member's number (`value`), name and, when the caller may
    see it, their headline. An unclaimed archive record is never suggested.
    """
    if not request.user.is_authenticated:
        raise SignInRequired
    views = lookup.suggest_members(viewer=request.user, text=params.q)
    return {
        "results": [
            {"value": str(view.pk), "label": view.full_name, "detail": view.headline or ""}
            for view in views
        ]
    }


@router.get(
    "/{id:member_id}",
    response={200: MemberDetailOut, **refusals(404)},
    summary="A member, as the caller may see them, and what the caller may do with them",
    exclude_none=True,
)
def read_member(request: HttpRequest, member_id: int):
    profile = with_sections(Profile.objects.filter(pk=member_id)).first()
    if profile is None or not privacy.can_view_profile(request.user, profile):
        raise MemberError(_("There is no such member."), status=404)
    return {
        **_member_out(privacy.visible_profile(request.user, profile, reason=_("Community API"))),
        "options": contact_options(sender=request.user, recipient=profile).as_dict(),
    }


class ContactPersonOut(Schema):
    id: int
    name: str
    role: str
    url: str


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    sector: str
    size: str
    description: str
    website: str
    address: str
    city: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    url: str


class OrganisationPageOut(Page[OrganisationOut]):
    pass


class OrganisationDetailOut(OrganisationOut):
    contacts: list[ContactPersonOut]


class OrganisationFilters(PageQuery):
    q: str = Field("", max_length=200, description="Words of the name or the description")
    kind: OrganisationKindChoice = Field("", description="The kind of organisation; empty for any")
    sector: SectorChoice = Field("", description="The sector; empty for any")


def _organisation_out(organisation: Organisation) -> dict:
    return {
        **{
            name: getattr(organisation, name)
            for name in OrganisationOut.model_fields
            if name != "url"
        },
        "url": organisation.get_absolute_url(),
    }


@organisations_router.get(
    "/",
    response={200: OrganisationPageOut, **refusals(400)},
    summary="Partner organisations",
)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]):
    reject_unknown(request, OrganisationFilters)
    organisations = Organisation.objects.order_by("name", "pk")
    if filters.q:
        organisations = organisations.filter(
            Q(name__icontains=filters.q) | Q(description__icontains=filters.q)
        )
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.sector:
        organisations = organisations.filter(sector=filters.sector)
    return paginate(organisations, filters, _organisation_out)


@organisations_router.get(
    "/{slug}",
    response={200: OrganisationDetailOut, **refusals(404)},
    summary="An organisation and its contact members",
)
def read_organisation(request: HttpRequest, slug: str):
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise MemberError(_("There is no such organisation."), status=404)
    visible = privacy.visible_profiles(request.user)
    contacts = [
        {
            "id": link.profile.pk,
            "name": link.profile.full_name,
            "role": link.role,
            "url": link.profile.get_absolute_url(),
        }
        for link in organisation.contact_links.select_related("profile").filter(profile__in=visible)
    ]
    return {**_organisation_out(organisation), "contacts": contacts}
