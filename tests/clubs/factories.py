import factory
from django.utils import timezone

from clubs.models import (
    Announcement,
    Club,
    ClubKind,
    ClubStatus,
    ClubVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from tests.members.factories import ProfileFactory


class ClubFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Club {n}")
    slug = factory.Sequence(lambda n: f"club-{n}")
    kind = ClubKind.THEMATIC
    summary = "Un club pour se retrouver."
    status = ClubStatus.ACTIVE
    join_policy = JoinPolicy.OPEN
    visibility = ClubVisibility.PUBLIC

    class Meta:
        model = Club


class GeographicClubFactory(ClubFactory):
    kind = ClubKind.GEOGRAPHIC
    city = "Londres"
    country = "GB"
    latitude = 51.5072
    longitude = -0.1276


class MembershipFactory(factory.django.DjangoModelFactory):
    club = factory.SubFactory(ClubFactory)
    profile = factory.SubFactory(ProfileFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Membership


class LeaderFactory(MembershipFactory):
    role = MembershipRole.LEADER


class AnnouncementFactory(factory.django.DjangoModelFactory):
    club = factory.SubFactory(ClubFactory)
    title = "Afterwork de rentrée"
    body = "Rendez-vous jeudi à 19 h."

    class Meta:
        model = Announcement
