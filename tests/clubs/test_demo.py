import io

import pytest
from django.core.management import call_command

from clubs.models import Club, ClubKind, ClubStatus, Membership, MembershipStatus

pytestmark = pytest.mark.django_db


def test_demo_clubs_cover_what_alumni_networks_run_and_load_once(demo_site, client):
    clubs = Club.objects.all()
    names = set(clubs.values_list("name", flat=True))
    assert {"Club des docteurs", "Club Biotech", "Arts et patrimoine"} <= names
    abroad = set(
        clubs.filter(kind=ClubKind.GEOGRAPHIC).exclude(country="FR").values_list("city", flat=True)
    )
    assert {"Londres", "Montréal", "Shanghai", "Bruxelles"} <= abroad
    assert {"Lille", "Arras"} <= set(clubs.filter(country="FR").values_list("city", flat=True))
    assert clubs.filter(kind=ClubKind.TRADE).count() >= 2
    assert clubs.filter(status=ClubStatus.PROPOSED).count() == 1
    for club in clubs.filter(status=ClubStatus.ACTIVE):
        assert club.memberships.leaders().exists(), club.name
        assert club.announcements.exists(), club.name
    assert Membership.objects.filter(status=MembershipStatus.PENDING).exists()

    directory = client.get("/clubs/").content.decode()
    assert "Club de Londres" in directory and "Club de Shanghai" not in directory
    assert client.get("/clubs/club-de-lille/").status_code == 200

    counts = (Club.objects.count(), Membership.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (Club.objects.count(), Membership.objects.count())
