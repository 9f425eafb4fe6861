import factory

from clubs.models import Club, ClubKind, ClubStatus, ClubVisibility


class ClubFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Club {n}")
    slug = factory.Sequence(lambda n: f"club-{n}")
    kind = ClubKind.THEMATIC
    status = ClubStatus.ACTIVE
    visibility = ClubVisibility.PUBLIC

    class Meta:
        model = Club
