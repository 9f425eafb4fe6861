"""What a club's page offers is what its services accept, and what the API says.

For every club state (proposed, open, on approval, by invitation, members-only,
archived) and every kind of person (a visitor, someone signed in without a profile,
a member of the community outside the club, someone whose request waits, someone
invited, a member, a moderator, the only leader, one of two leaders, staff), the
club's page and its leaders' space show an action if and only if the service
accepts it, and the API's ``my_options`` says the same.
"""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from clubs import services
from clubs.errors import ClubError
from clubs.models import ClubStatus, ClubVisibility, JoinPolicy, MembershipRole, MembershipStatus
from tests.clubs.factories import ClubFactory, LeaderFactory, MembershipFactory
from tests.members.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

STATES = {
    "proposed": {"status": ClubStatus.PROPOSED},
    "open": {},
    "on approval": {"join_policy": JoinPolicy.APPROVAL},
    "by invitation": {"join_policy": JoinPolicy.INVITATION},
    "members only": {"visibility": ClubVisibility.MEMBERS},
    "archived": {"status": ClubStatus.ARCHIVED},
}

ACTORS = [
    "visitor",
    "signed in without profile",
    "outsider",
    "pending requester",
    "invited",
    "member",
    "moderator",
    "only leader",
    "one of two leaders",
    "staff",
]

ACTIONS = [
    "join",
    "leave",
    "cancel_request",
    "accept_invitation",
    "decline_invitation",
    "manage",
    "change_roles",
    "invite",
]

# What each person may do in an open club, and a few telling cases elsewhere: the
# "if and only if" below would hold just as well if nothing were ever allowed.
EXPECTED = {
    ("open", "visitor"): set(),
    ("open", "signed in without profile"): set(),
    ("open", "outsider"): {"join"},
    ("open", "pending requester"): {"leave", "cancel_request"},
    ("open", "invited"): {"join", "accept_invitation", "decline_invitation"},
    ("open", "member"): {"leave"},
    ("open", "moderator"): {"leave", "manage", "invite"},
    ("open", "only leader"): {"manage", "invite", "change_roles"},
    ("open", "one of two leaders"): {"leave", "manage", "invite", "change_roles"},
    ("open", "staff"): {"manage", "invite", "change_roles"},
    ("by invitation", "outsider"): set(),
    ("members only", "visitor"): set(),
    ("members only", "outsider"): {"join"},
    ("proposed", "outsider"): set(),
    ("proposed", "staff"): {"manage", "change_roles"},
    ("archived", "invited"): set(),
    ("archived", "one of two leaders"): {"leave", "manage", "change_roles"},
}


class Rollback(Exception):
    pass


def accepts(call) -> bool:
    """Whether the service accepts: it runs, and its writes are rolled back."""
    try:
        with transaction.atomic():
            call()
            raise Rollback
    except Rollback:
        return True
    except ClubError:
        return False


def arrange(state: str, actor: str, staff_user):
    club = ClubFactory(slug="club", **STATES[state])
    plain = MembershipFactory(club=club)
    if actor != "only leader":
        LeaderFactory(club=club)
    user, profile = None, None
    if actor == "signed in without profile":
        user = UserFactory()
    elif actor == "staff":
        user = staff_user
    elif actor != "visitor":
        profile = ProfileFactory()
        user = profile.user
        waiting = {"joined_at": None}
        kinds = {
            "pending requester": {"status": MembershipStatus.PENDING, **waiting},
            "invited": {"status": MembershipStatus.INVITED, **waiting},
            "member": {},
            "moderator": {"role": MembershipRole.MODERATOR},
            "only leader": {"role": MembershipRole.LEADER},
            "one of two leaders": {"role": MembershipRole.LEADER},
        }
        if actor in kinds:
            MembershipFactory(club=club, profile=profile, **kinds[actor])
    return club, plain, user, profile


def what_the_services_accept(club, plain, user, profile) -> set[str]:
    invitee = ProfileFactory(listed_publicly=True)
    calls = {
        "manage": lambda: services.post_announcement(
            club=club, title="Afterwork", body="Jeudi.", by=user, by_profile=profile
        ),
        "change_roles": lambda: services.change_role(
            club=club,
            membership_id=plain.pk,
            role=MembershipRole.MODERATOR,
            by=user,
            by_profile=profile,
        ),
        "invite": lambda: services.invite(club=club, invitee=invitee, by=user, by_profile=profile),
    }
    if profile is not None:
        calls |= {
            "join": lambda: services.join(club=club, profile=profile),
            "leave": lambda: services.leave(club=club, profile=profile),
            "cancel_request": lambda: services.cancel_request(club=club, profile=profile),
            "accept_invitation": lambda: services.accept_invitation(club=club, profile=profile),
            "decline_invitation": lambda: services.decline_invitation(club=club, profile=profile),
        }
    if user is None:
        return set()
    return {action for action, call in calls.items() if accepts(call)}


def forms_on(body: str) -> set[str]:
    return set(re.findall(r'<form method="post" action="([^"]+)"', body))


def what_the_pages_offer(client, club) -> set[str]:
    page = client.get(f"/clubs/{club.slug}/")
    if page.status_code == 404:
        return set()
    body = page.content.decode()
    forms = forms_on(body)
    offered = set()
    if "/clubs/club/join/" in forms or "/clubs/club/accept/" in forms:
        offered.add("join")
    if "/clubs/club/leave/" in forms:
        offered.add("leave")
    if "Withdraw my request" in body:
        offered.add("cancel_request")
    if "/clubs/club/accept/" in forms:
        offered.add("accept_invitation")
    if "/clubs/club/decline/" in forms:
        offered.add("decline_invitation")
    if 'href="/clubs/club/manage/"' in body:
        offered.add("manage")
        space = client.get("/clubs/club/manage/").content.decode()
        forms = forms_on(space)
        if any(re.fullmatch(r"/clubs/club/manage/members/\d+/role/", form) for form in forms):
            offered.add("change_roles")
        if "/clubs/club/manage/invite/" in forms:
            offered.add("invite")
    return offered


def what_the_api_says(client, club) -> set[str] | None:
    response = client.get(f"/api/community/clubs/{club.slug}")
    if response.status_code == 404:
        return set()
    options = response.json()["my_options"]
    refused = set(options["refusals"])
    allowed = {action for action in ACTIONS if options[f"can_{action}"]}
    assert allowed == set(ACTIONS) - refused
    return allowed


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("state", STATES)
def test_the_page_offers_what_the_services_accept(client, staff_user, state, actor):
    club, plain, user, profile = arrange(state, actor, staff_user)
    if user is not None:
        client.force_login(user)

    accepted = what_the_services_accept(club, plain, user, profile)

    assert what_the_pages_offer(client, club) == accepted
    assert what_the_api_says(client, club) == accepted
    if (state, actor) in EXPECTED:
        assert accepted == EXPECTED[state, actor]


def test_the_only_leader_is_told_why_they_cannot_leave(client):
    club = ClubFactory(slug="club")
    leader = LeaderFactory(club=club).profile
    client.force_login(leader.user)
    body = client.get("/clubs/club/").content.decode()
    assert "Leave the club" not in body
    assert "only leader" in body
    options = client.get("/api/community/clubs/club").json()["my_options"]
    assert "only leader" in options["refusals"]["leave"]


@pytest.mark.parametrize(
    ("policy", "outcome", "message"),
    [
        (JoinPolicy.OPEN, "active", "Welcome to"),
        (JoinPolicy.APPROVAL, "pending", "Your request has been sent"),
    ],
)
def test_the_join_message_follows_the_outcome(client, policy, outcome, message):
    club = ClubFactory(slug="club", join_policy=policy)
    LeaderFactory(club=club)
    client.force_login(ProfileFactory().user)
    assert client.get("/api/community/clubs/club").json()["my_options"]["join_outcome"] == outcome
    assert message in client.post("/clubs/club/join/", follow=True).content.decode()


def test_an_invited_member_of_a_club_on_approval_is_welcomed(client):
    club = ClubFactory(slug="club", join_policy=JoinPolicy.APPROVAL)
    LeaderFactory(club=club)
    guest = MembershipFactory(club=club, status=MembershipStatus.INVITED, joined_at=None).profile
    client.force_login(guest.user)
    options = client.get("/api/community/clubs/club").json()["my_options"]
    assert options["join_outcome"] == "invitation_accepted"
    assert "Welcome to" in client.post("/clubs/club/join/", follow=True).content.decode()


def test_the_leaders_space_offers_no_demotion_of_the_only_leader(client):
    club = ClubFactory(slug="club")
    leader = LeaderFactory(club=club)
    member = MembershipFactory(club=club)
    client.force_login(leader.profile.user)
    space = client.get("/clubs/club/manage/").content.decode()
    forms = forms_on(space)
    assert f"/clubs/club/manage/members/{member.pk}/role/" in forms
    assert f"/clubs/club/manage/members/{leader.pk}/role/" not in forms
    assert "only leader" in space
    assert not accepts(
        lambda: services.change_role(
            club=club,
            membership_id=leader.pk,
            role=MembershipRole.MEMBER,
            by=leader.profile.user,
        )
    )
