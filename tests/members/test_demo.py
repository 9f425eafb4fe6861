import io

import pytest
from django.core.management import call_command

from members.models import Connection, Organisation, Profile

pytestmark = pytest.mark.django_db


def test_demo_members_are_varied_and_loading_twice_adds_nothing(demo_site):
    profiles = Profile.objects.all()
    assert 195 <= profiles.count() <= 215
    assert Organisation.objects.count() == 40
    assert set(Organisation.objects.values_list("kind", flat=True)) == {
        "company",
        "association",
        "administration",
        "local_authority",
    }
    assert profiles.filter(source="archive", user__isnull=True).count() == 30
    assert profiles.exclude(country="FR").exclude(country="").exists()
    assert {"public", "members", "private"} <= set(
        profiles.values_list("biography_visibility", flat=True)
    )
    assert profiles.filter(listed_publicly=True).exists()
    assert Connection.objects.filter(addressee__user__email="admin@cercle.example.org").exists()

    counts = (Profile.objects.count(), Organisation.objects.count(), Connection.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        Profile.objects.count(),
        Organisation.objects.count(),
        Connection.objects.count(),
    )
