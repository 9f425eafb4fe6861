"""The members' directory as a query: ``search_directory(viewer=..., query=...)``.

A ``DirectoryQuery`` in, a ``DirectoryPage`` of ``ProfileView`` out. Two paths answer it:

- **The public search** (``search.services``, kind ``members``) for visitors and
  members: the text (accents, elision and typos forgiven), the kind, country,
  faculty, expertise and sector filters (the members' facets, counted on the page),
  the name and recent sorts. It searches only the viewer's audience documents, built
  from ``members.privacy.index_document_sections``: a private section is never
  matched, a members-only one only for members. When Elasticsearch fails, the
  database answers and the page says the results may be incomplete.
- **The database query below** for staff, who find every profile (hidden ones and
  unclaimed archive records the index never holds; their listing still shows what
  any member sees, and a full record is only read — and logged — on its page), and
  for the filters the index does not hold: programme, graduation years, city,
  organisation, availability and the sort by graduation. Privacy is applied there
  twice: only profiles the viewer may find are listed, and a filter or a sort on a
  section only looks at the profiles whose section the viewer may see — otherwise
  the results would reveal what the owner hid.

Either way, each card is built by ``privacy.visible_profile`` from the profile
itself: an index hit is only the address of a profile the viewer may still find.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.utils.translation import gettext as _

from config.text import text_errors
from home.countries import ISO_3166_ALPHA_2
from members import privacy
from members.errors import MemberError
from members.models import (
    Education,
    Experience,
    ExpertiseDomain,
    Profile,
    ProfileExpertise,
    ProfileKind,
    Sector,
)
from search import services
from search.query import InvalidSearch, SearchQuery

SORTS = ("name", "recent", "graduation")
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
YEAR_RANGE = (1900, 2100)
# Directory filter → the members' facet in the public search (search.query.FACETS).
FACET_OF_FILTER = {
    "kind": "member_kind",
    "country": "country",
    "faculty": "faculty",
    "expertise": "expertise",
    "sector": "sector",
}
# What the search index does not hold: these filters are answered by the database.
DATABASE_FILTERS = (
    "programme",
    "graduation_year_min",
    "graduation_year_max",
    "city",
    "organisation",
    "open_to_opportunities",
    "hiring",
    "volunteer_mentor",
)


class InvalidQuery(MemberError):
    """A filter value the directory does not know; ``field`` names the filter."""

    status = 400

    def __init__(self, field: str, message: str):
        super().__init__(message, errors={field: message})
        self.field = field


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    kind: str = ""
    programme: str = ""
    graduation_year_min: int | None = None
    graduation_year_max: int | None = None
    faculty: str = ""
    country: str = ""
    city: str = ""
    expertise: str = ""
    sector: str = ""
    organisation: str = ""
    open_to_opportunities: bool = False
    hiring: bool = False
    volunteer_mentor: bool = False
    sort: str = "name"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def validate(self) -> DirectoryQuery:
        """Raises ``InvalidQuery`` with a translated message on a value nobody could mean."""
        for name in ("text", "programme", "faculty", "city", "expertise", "organisation"):
            # A NUL or another control character is in no profile; PostgreSQL refuses it.
            if errors := text_errors(getattr(self, name), max_length=None):
                raise InvalidQuery(name, errors[0])
        if self.kind and self.kind not in ProfileKind.values:
            raise InvalidQuery(
                "kind",
                _("Unknown kind “%(value)s”; expected one of: %(choices)s.")
                % {"value": self.kind, "choices": ", ".join(ProfileKind.values)},
            )
        if self.sector and self.sector not in Sector.values:
            raise InvalidQuery(
                "sector",
                _("Unknown sector “%(value)s”; expected one of: %(choices)s.")
                % {"value": self.sector, "choices": ", ".join(Sector.values)},
            )
        if self.country and self.country.upper() not in ISO_3166_ALPHA_2:
            raise InvalidQuery(
                "country",
                _("Unknown country “%(value)s”; expected an ISO 3166 code such as FR.")
                % {"value": self.country},
            )
        if self.sort not in SORTS:
            raise InvalidQuery(
                "sort",
                _("Unknown sort “%(value)s”; expected one of: %(choices)s.")
                % {"value": self.sort, "choices": ", ".join(SORTS)},
            )
        for name in ("graduation_year_min", "graduation_year_max"):
            year = getattr(self, name)
            if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                raise InvalidQuery(name, _("The year %(year)s is out of range.") % {"year": year})
        # A range that ends before it starts finds nobody; the directory's form says
        # so beside its fields.
        if self.page < 1:
            raise InvalidQuery("page", _("Pages are numbered from 1."))
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidQuery(
                "page_size",
                _("A page holds from 1 to %(max)s members.") % {"max": MAX_PAGE_SIZE},
            )
        return self


@dataclass(frozen=True)
class DirectoryPage:
    results: list[privacy.ProfileView]
    total: int
    page: int
    page_size: int
    query: DirectoryQuery = field(default_factory=DirectoryQuery)
    # Facet name → counted values (``search.query.FacetValue``); empty on the database path.
    facets: Mapping[str, list] = field(default_factory=dict)
    # Profile id → fragments of the matched text, HTML-escaped, words within <mark>.
    highlights: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    # True when Elasticsearch failed and the database answered: results may be incomplete.
    degraded: bool = False
    searched: bool = False  # answered by the public search rather than the database query

    @property
    def entries(self) -> list[tuple[privacy.ProfileView, tuple[str, ...]]]:
        return [(view, self.highlights.get(view.id, ())) for view in self.results]

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def with_sections(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Fetches what ``privacy.visible_profile`` reads, in a fixed number of queries."""
    return profiles.select_related("user").prefetch_related(
        "education",
        Prefetch("experience", queryset=Experience.objects.select_related("organisation")),
        "expertise",
    )


def answered_by_search(*, viewer, query: DirectoryQuery) -> bool:
    """Whether the public search can answer ``query`` for ``viewer`` (see the module)."""
    return (
        not privacy.is_staff_viewer(viewer)
        and query.sort in ("name", "recent")
        and not any(getattr(query, name) for name in DATABASE_FILTERS)
    )


def search_directory(*, viewer, query: DirectoryQuery) -> DirectoryPage:
    """One page of the directory for ``viewer``; raises ``InvalidQuery`` on bad filters."""
    query.validate()
    if answered_by_search(viewer=viewer, query=query):
        return _search_page(viewer=viewer, query=query)
    profiles = filter_profiles(viewer=viewer, query=query)
    total = profiles.count()
    # A page past the last one is empty, as every listing of the site answers.
    page = query.page
    start = (page - 1) * query.page_size
    rows = with_sections(sort_profiles(profiles, viewer=viewer, sort=query.sort))[
        start : start + query.page_size
    ]
    return DirectoryPage(
        results=[privacy.visible_profile(viewer, profile, listing=True) for profile in rows],
        total=total,
        page=page,
        page_size=query.page_size,
        query=query,
    )


def _facet_filters(query: DirectoryQuery) -> dict[str, tuple[str, ...]]:
    filters = {}
    for name, facet in FACET_OF_FILTER.items():
        value = getattr(query, name).strip()
        if name == "country":
            value = value.upper()
        if name == "expertise" and value:
            # The index holds the domain's name; the filter also takes its slug.
            value = (
                ExpertiseDomain.objects.filter(Q(slug=value) | Q(name__iexact=value))
                .values_list("name", flat=True)
                .first()
                or value
            )
        if value:
            filters[facet] = (value,)
    return filters


def _search_page(*, viewer, query: DirectoryQuery) -> DirectoryPage:
    wanted = SearchQuery(
        text=query.text,
        kinds=("members",),
        filters=_facet_filters(query),
        sort=query.sort,
        page=query.page,
        page_size=query.page_size,
    )
    try:
        results = services.search(viewer=viewer, query=wanted)
    except InvalidSearch as error:
        raise InvalidQuery(error.field, error.message) from error
    ids = [int(hit.id) for hit in results.hits]
    # A hit is only an address: the card comes from the profile, as the viewer may see it.
    found = {
        profile.pk: profile
        for profile in with_sections(privacy.visible_profiles(viewer).filter(pk__in=ids))
    }
    return DirectoryPage(
        results=[
            privacy.visible_profile(viewer, found[pk], listing=True) for pk in ids if pk in found
        ],
        total=results.total,
        page=results.query.page,
        page_size=query.page_size,
        query=query,
        facets=results.facets,
        highlights={int(hit.id): hit.highlights for hit in results.hits},
        degraded=results.degraded,
        searched=True,
    )


def filter_profiles(*, viewer, query: DirectoryQuery) -> QuerySet[Profile]:
    profiles = privacy.visible_profiles(viewer)

    def visible(section: str, **kwargs) -> Q:
        return privacy.section_visible_q(viewer, section, **kwargs)

    for word in query.text.split():
        profiles = profiles.filter(_text_match(word, visible))
    if query.kind:
        profiles = profiles.filter(kind=query.kind)

    education = {}
    if query.programme:
        education["programme__icontains"] = query.programme
    if query.graduation_year_min is not None:
        education["end_year__gte"] = query.graduation_year_min
    if query.graduation_year_max is not None:
        education["end_year__lte"] = query.graduation_year_max
    if query.faculty:
        education["faculty__icontains"] = query.faculty
    if education:
        profiles = profiles.filter(
            visible("education", archive_minimal=not query.faculty),
            Exists(Education.objects.filter(profile=OuterRef("pk"), **education)),
        )

    if query.country:
        profiles = profiles.filter(visible("location"), country=query.country.upper())
    if query.city:
        profiles = profiles.filter(visible("location"), city__iexact=query.city.strip())

    if query.expertise:
        profiles = profiles.filter(
            visible("expertise"),
            Exists(
                ProfileExpertise.objects.filter(content_object=OuterRef("pk")).filter(
                    Q(tag__slug=query.expertise) | Q(tag__name__iexact=query.expertise)
                )
            ),
        )

    experience = {}
    if query.sector:
        experience["sector"] = query.sector
    if query.organisation:
        experience["organisation__slug"] = query.organisation
    if experience:
        profiles = profiles.filter(
            visible("experience"),
            Exists(Experience.objects.filter(profile=OuterRef("pk"), **experience)),
        )

    flags = {
        flag: True
        for flag in ("open_to_opportunities", "hiring", "volunteer_mentor")
        if getattr(query, flag)
    }
    if flags:
        profiles = profiles.filter(visible("availability"), **flags)
    return profiles


def _text_match(word: str, visible) -> Q:
    programme = Exists(Education.objects.filter(profile=OuterRef("pk"), programme__icontains=word))
    experience = Exists(
        Experience.objects.filter(profile=OuterRef("pk")).filter(
            Q(role__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    )
    expertise = Exists(
        ProfileExpertise.objects.filter(content_object=OuterRef("pk"), tag__name__icontains=word)
    )
    return (
        Q(first_name__icontains=word)
        | Q(last_name__icontains=word)
        | (visible("headline") & Q(headline__icontains=word))
        | (visible("biography") & Q(biography__icontains=word))
        | (visible("education", archive_minimal=True) & programme)
        | (visible("experience") & experience)
        | (visible("expertise") & expertise)
    )


def sort_profiles(profiles: QuerySet[Profile], *, viewer, sort: str) -> QuerySet[Profile]:
    if sort == "recent":
        return profiles.order_by("-updated_at", "-pk")
    if sort == "graduation":
        latest = Subquery(
            Education.objects.filter(profile=OuterRef("pk"), end_year__isnull=False)
            .order_by("-end_year")
            .values("end_year")[:1]
        )
        if not privacy.is_staff_viewer(viewer):
            # Hidden education sorts as if empty: the order must not reveal it.
            latest = Case(
                When(
                    privacy.section_visible_q(viewer, "education", archive_minimal=True),
                    then=latest,
                ),
                default=None,
            )
        return profiles.annotate(graduation_year=latest).order_by(
            F("graduation_year").desc(nulls_last=True), "last_name", "first_name", "pk"
        )
    return profiles.order_by("last_name", "first_name", "pk")
