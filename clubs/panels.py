"""What the clubs show elsewhere: the dashboard's "My clubs", the home page's clubs."""

from dataclasses import dataclass

from django.http import HttpRequest

from clubs import services
from clubs.directory import with_member_count
from clubs.models import CLUBS, Club, Membership
from clubs.policies import MembershipOptions, options_for
from config import pagecache
from members.services import profile_of

HOME_CLUBS = 6


@dataclass(frozen=True)
class MyClub:
    membership: Membership
    options: MembershipOptions


def my_clubs(request: HttpRequest) -> list[MyClub]:
    """The dashboard's clubs, each with what the member may do there (its leaders' space)."""
    return [
        MyClub(membership, options_for(club=membership.club, actor=request.user))
        for membership in services.my_memberships(profile_of(request.user))
    ]


def featured_clubs(request: HttpRequest) -> list:
    """Public clubs, featured ones first, then the liveliest."""
    pagecache.depends_on(CLUBS)
    clubs = with_member_count(Club.objects.visible_to(None)).prefetch_related("themes")
    return list(
        clubs.select_related("logo").order_by("-featured", "-member_count", "name")[:HOME_CLUBS]
    )
