"""Reading clubs: the directory's filters, its map, a club's members.

The HTML pages and the API read clubs through these functions, so both apply the
same visibility rules: members-only clubs stay out of sight of visitors.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from clubs.models import Club, ClubKind, ClubTheme, Membership, MembershipStatus
from config.collation import collate_sorted, collated
from home.countries import country_name
from members import privacy
from members.directory import with_sections
from members.models import Profile

CLUBS_PER_PAGE = 24
MEMBERS_PER_PAGE = 48


@dataclass
class ClubFilters:
    text: str = ""
    kind: str = ""
    country: str = ""
    theme: str = ""


def with_member_count(clubs: QuerySet[Club]) -> QuerySet[Club]:
    count = (
        Membership.objects.filter(club=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by()
        .values("club")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return clubs.annotate(member_count=Coalesce(Subquery(count), 0))


def filter_clubs(*, viewer, filters: ClubFilters) -> QuerySet[Club]:
    """The clubs ``viewer`` may see that match ``filters``, by name."""
    clubs = Club.objects.visible_to(viewer)
    if filters.kind:
        clubs = clubs.filter(kind=filters.kind)
    if filters.country:
        clubs = clubs.filter(country=filters.country.upper())
    if filters.theme:
        clubs = clubs.filter(
            pk__in=Club.objects.filter(
                Q(themes__slug=filters.theme) | Q(themes__name__iexact=filters.theme)
            ).values("pk")
        )
    text = filters.text.strip()
    if text:
        clubs = clubs.filter(
            Q(name__icontains=text)
            | Q(summary__icontains=text)
            | Q(city__icontains=text)
            | Q(pk__in=Club.objects.filter(themes__name__icontains=text).values("pk"))
        )
    return (
        with_member_count(clubs).prefetch_related("themes").order_by("-featured", collated("name"))
    )


def map_markers(clubs: QuerySet[Club]) -> list[dict]:
    """The geographic clubs among ``clubs``, as the map's markers."""
    return [
        {
            "name": club["name"],
            "url": Club(slug=club["slug"]).get_absolute_url(),
            "city": club["city"],
            "country": country_name(club["country"]),
            "lat": club["latitude"],
            "lng": club["longitude"],
        }
        for club in clubs.filter(
            kind=ClubKind.GEOGRAPHIC, latitude__isnull=False, longitude__isnull=False
        )
        .order_by(collated("name"))
        .values("name", "slug", "city", "country", "latitude", "longitude")
    ]


def country_options(viewer) -> list[tuple[str, str]]:
    codes = (
        Club.objects.visible_to(viewer)
        .exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return collate_sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


def theme_options(viewer) -> list[tuple[str, str]]:
    themes = (
        ClubTheme.objects.filter(items__content_object__in=Club.objects.visible_to(viewer))
        .distinct()
        .order_by(collated("name"))
    )
    return [(theme.slug, theme.name) for theme in themes]


def visible_members(*, club: Club, viewer) -> QuerySet[Profile]:
    """The club's active members ``viewer`` may find, by name."""
    return with_sections(
        privacy.visible_profiles(viewer).filter(
            club_memberships__club=club, club_memberships__status=MembershipStatus.ACTIVE
        )
    ).order_by("last_name", "first_name", "pk")


def visible_leaders(*, club: Club, viewer) -> list[privacy.ProfileView]:
    leaders = with_sections(
        privacy.visible_profiles(viewer).filter(pk__in=club.memberships.leaders().values("profile"))
    ).order_by("last_name", "first_name")
    return [privacy.visible_profile(viewer, profile, listing=True) for profile in leaders]
