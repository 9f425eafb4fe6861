import pytest
from django.utils import timezone

from clubs.models import Membership, MembershipStatus
from members.models import Profile, User
from tests.clubs.factories import ClubFactory, LeaderFactory
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_club():
    club = ClubFactory(slug="grand-club", name="Grand club")
    LeaderFactory(club=club)
    users = User.objects.bulk_create(
        User(email=f"membre{n}@example.org", password="!") for n in range(2000)
    )
    profiles = Profile.objects.bulk_create(
        Profile(
            user=user,
            first_name=f"Prénom{n}",
            last_name=f"Nom{n:04d}",
            listed_to_members=True,
            listed_publicly=n % 2 == 0,
        )
        for n, user in enumerate(users)
    )
    Membership.objects.bulk_create(
        Membership(
            club=club, profile=profile, status=MembershipStatus.ACTIVE, joined_at=timezone.now()
        )
        for profile in profiles
    )
    return club


def test_a_2000_member_club_page_renders_in_bounded_queries(
    client, big_club, django_assert_max_num_queries, footer_read
):
    client.force_login(ProfileFactory().user)
    with django_assert_max_num_queries(30):
        response = client.get("/clubs/grand-club/")
    assert "2001 members" in response.content.decode()
    assert len(response.context["member_views"]) == 48
    with django_assert_max_num_queries(30):
        last = client.get("/clubs/grand-club/", {"page": 42})
    assert "Page 42 of 42" in last.content.decode()


def test_the_leaders_space_and_export_of_a_2000_member_club_stay_bounded(
    client, big_club, django_assert_max_num_queries
):
    leader = big_club.memberships.leaders().get().profile
    client.force_login(leader.user)
    with django_assert_max_num_queries(40):
        assert client.get("/clubs/grand-club/manage/").status_code == 200
    with django_assert_max_num_queries(60):
        export = client.get("/clubs/grand-club/manage/members.csv")
        rows = b"".join(export.streaming_content if export.streaming else [export.content])
    assert rows.decode().count("\n") == 2002


def test_the_directory_and_its_api_stay_bounded_with_many_clubs(
    client, django_assert_max_num_queries
):
    for number in range(60):
        club = ClubFactory(name=f"Club {number:02d}", slug=f"c{number}")
        club.themes.set([f"thème {number % 5}"])
        LeaderFactory(club=club)
    with django_assert_max_num_queries(15):
        page = client.get("/clubs/")
    assert len(page.context["page"].object_list) == 24
    with django_assert_max_num_queries(10):
        api = client.get("/api/community/clubs/", {"page_size": 50})
    assert len(api.json()["results"]) == 50
