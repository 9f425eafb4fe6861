"""The community API's clubs endpoints.

Reading follows the same rules as the pages: members-only clubs are unknown to
anonymous callers, and members are shown through ``members.privacy``. A club's
detail carries ``my_options`` (``clubs.policies.options_for``): what the caller may
do, the same answers the club's page reads and the services apply. Writing (joining,
answering requests, inviting, roles) signs in with the session and its CSRF token,
and goes through ``clubs.services``; their refusals (``ClubError``) propagate to the
API's one exception handler.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from clubs import directory, services
from clubs.errors import ClubError
from clubs.models import (
    Club,
    ClubKind,
    ClubStatus,
    ClubVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from clubs.policies import Action, JoinOutcome, MembershipOptions, options_for
from config.collation import collate_sorted
from config.protocol import Page, PageQuery, paginate, refusals, reject_unknown
from home.countries import CountryChoice, country_name
from members import privacy
from members.models import Profile
from members.services import profile_of, require_profile

router = Router(tags=["clubs"])


class ClubLocationOut(Schema):
    city: str
    country: str
    country_name: str
    latitude: float | None = None
    longitude: float | None = None


class ClubOut(Schema):
    slug: str
    name: str
    kind: ClubKind
    summary: str
    url: str
    themes: list[str]
    location: ClubLocationOut
    join_policy: JoinPolicy
    visibility: ClubVisibility
    member_count: int


class ClubPersonOut(Schema):
    id: int
    name: str
    url: str


class ClubAnnouncementOut(Schema):
    id: int
    title: str
    body: str
    created_at: str


class MyMembershipOut(Schema):
    club: str
    club_name: str
    role: MembershipRole
    status: MembershipStatus
    joined_at: str | None = None


class ClubOptionsOut(Schema):
    """What the caller may do with the club: what its page offers, what the services accept."""

    can_join: bool
    join_outcome: JoinOutcome | None = Field(
        None,
        description="What joining does: active (in at once), pending (a request to the "
        "leaders) or invitation_accepted; null when joining is refused",
    )
    can_leave: bool
    can_cancel_request: bool
    can_accept_invitation: bool
    can_decline_invitation: bool
    can_manage: bool
    can_change_roles: bool
    can_invite: bool
    can_see_members: bool
    refusals: dict[str, str] = Field(description="Why each refused action is refused, by action")


class ClubDetailOut(ClubOut):
    description: str
    status: ClubStatus
    leaders: list[ClubPersonOut]
    announcements: list[ClubAnnouncementOut]
    my_membership: MyMembershipOut | None = None
    my_options: ClubOptionsOut


class ClubPageOut(Page[ClubOut]):
    pass


class MembershipOut(Schema):
    id: int
    member: ClubPersonOut | None = Field(
        None, description="Absent when the member does not appear in the caller's directory."
    )
    role: MembershipRole
    status: MembershipStatus
    message: str
    created_at: str
    joined_at: str | None = None


class ClubFiltersIn(Schema):
    q: str = Field("", max_length=200, description="Words in the name, summary, city or themes")
    kind: ClubKind | None = Field(None, description="The kind of club")
    country: CountryChoice = Field("", description="ISO 3166 alpha-2 code")
    theme: str = Field("", max_length=100, description="A theme's slug or name")


class MembershipFiltersIn(Schema):
    status: MembershipStatus = Field(MembershipStatus.PENDING, description="Their status")


class ClubJoinIn(Schema):
    message: str = Field("", max_length=1000, description="A word for the leaders")


class ClubInviteIn(Schema):
    member_id: int


class ClubRoleIn(Schema):
    role: MembershipRole


def _club_out(club: Club) -> dict:
    return {
        "slug": club.slug,
        "name": club.name,
        "kind": club.kind,
        "summary": club.summary,
        "url": club.get_absolute_url(),
        "themes": collate_sorted((theme.name for theme in club.themes.all()), key=str),
        "location": {
            "city": club.city,
            "country": club.country,
            "country_name": country_name(club.country) if club.country else "",
            "latitude": club.latitude,
            "longitude": club.longitude,
        },
        "join_policy": club.join_policy,
        "visibility": club.visibility,
        "member_count": club.member_count,
    }


def _person_out(view: privacy.ProfileView) -> dict:
    return {"id": view.id, "name": view.full_name, "url": view.url}


def _my_membership_out(membership: Membership) -> dict:
    return {
        "club": membership.club.slug,
        "club_name": membership.club.name,
        "role": membership.role,
        "status": membership.status,
        "joined_at": membership.joined_at.isoformat() if membership.joined_at else None,
    }


def _membership_out(viewer, membership: Membership) -> dict:
    person = None
    if privacy.can_view_profile(viewer, membership.profile):
        person = _person_out(privacy.visible_profile(viewer, membership.profile, listing=True))
    return {
        "id": membership.pk,
        "member": person,
        "role": membership.role,
        "status": membership.status,
        "message": membership.message,
        "created_at": membership.created_at.isoformat(),
        "joined_at": membership.joined_at.isoformat() if membership.joined_at else None,
    }


def _visible_club(request: HttpRequest, slug: str) -> tuple[Club, MembershipOptions]:
    """The club at ``slug`` and the caller's options; unknown when they may not see it."""
    club = directory.with_member_count(Club.objects.filter(slug=slug)).first()
    if club is None:
        raise ClubError(_("There is no such club."), status=404)
    options = options_for(club=club, actor=request.user)
    options.raise_if_refused("view")
    return club, options


@router.get(
    "/",
    response={200: ClubPageOut, **refusals(400)},
    summary="Search the club directory",
    auth=None,
)
def list_clubs(request: HttpRequest, filters: Query[ClubFiltersIn], pages: Query[PageQuery]):
    """Active clubs the caller may see; members-only clubs need a signed-in caller."""
    reject_unknown(request, ClubFiltersIn, PageQuery)
    clubs = directory.filter_clubs(
        viewer=request.user,
        filters=directory.ClubFilters(
            text=filters.q,
            kind=filters.kind or "",
            country=filters.country,
            theme=filters.theme,
        ),
    )
    return paginate(clubs, pages, _club_out)


@router.get(
    "/mine",
    response={200: list[MyMembershipOut], **refusals(401)},
    summary="My clubs, my requests and my invitations",
    auth=django_auth,
)
def my_clubs(request: HttpRequest):
    me = profile_of(request.user)
    return [_my_membership_out(m) for m in services.my_memberships(me)]


@router.get(
    "/{slug}",
    response={200: ClubDetailOut, **refusals(404)},
    summary="A club, and what the caller may do with it",
    auth=None,
)
def read_club(request: HttpRequest, slug: str):
    club, options = _visible_club(request, slug)
    membership = services.membership_of(club, profile_of(request.user))
    return {
        **_club_out(club),
        "description": club.description,
        "status": club.status,
        "leaders": [
            _person_out(view) for view in directory.visible_leaders(club=club, viewer=request.user)
        ],
        "announcements": [
            {
                "id": announcement.pk,
                "title": announcement.title,
                "body": announcement.body,
                "created_at": announcement.created_at.isoformat(),
            }
            for announcement in club.announcements.all()[:10]
        ],
        "my_membership": _my_membership_out(membership) if membership else None,
        "my_options": options.as_json(),
    }


def _member_action(request: HttpRequest, slug: str, name: Action, action):
    """Runs a member's own ``action``; refused at once when the options already say no."""
    club, options = _visible_club(request, slug)
    options.raise_if_refused(name)
    me = require_profile(request.user)
    action(club, me)
    membership = services.membership_of(club, me)
    if membership is None or membership.status not in (
        MembershipStatus.ACTIVE,
        MembershipStatus.PENDING,
        MembershipStatus.INVITED,
    ):
        return Status(204, None)
    return _my_membership_out(membership)


@router.post(
    "/{slug}/join",
    response={200: MyMembershipOut, **refusals(400, 401, 403, 404, 409)},
    summary="Join a club, or ask to (clubs on approval)",
    auth=django_auth,
)
def join_club(request: HttpRequest, slug: str, body: ClubJoinIn | None = None):
    message = body.message if body else ""
    return _member_action(
        request,
        slug,
        "join",
        lambda club, me: services.join(club=club, profile=me, message=message),
    )


@router.post(
    "/{slug}/leave",
    response={200: MyMembershipOut, 204: None, **refusals(401, 403, 404, 409)},
    summary="Leave a club, or withdraw my request",
    auth=django_auth,
)
def leave_club(request: HttpRequest, slug: str):
    return _member_action(
        request, slug, "leave", lambda club, me: services.leave(club=club, profile=me)
    )


@router.post(
    "/{slug}/invitation/accept",
    response={200: MyMembershipOut, **refusals(401, 403, 404, 409)},
    summary="Accept my invitation to a club",
    auth=django_auth,
)
def accept_invitation(request: HttpRequest, slug: str):
    return _member_action(
        request,
        slug,
        "accept_invitation",
        lambda club, me: services.accept_invitation(club=club, profile=me),
    )


@router.post(
    "/{slug}/invitation/decline",
    response={200: MyMembershipOut, 204: None, **refusals(401, 403, 404, 409)},
    summary="Decline my invitation to a club",
    auth=django_auth,
)
def decline_invitation(request: HttpRequest, slug: str):
    return _member_action(
        request,
        slug,
        "decline_invitation",
        lambda club, me: services.decline_invitation(club=club, profile=me),
    )


# For the club's leaders and moderators ------------------------------------------------


def _managed_club(request: HttpRequest, slug: str, action: Action = "manage") -> Club:
    club, options = _visible_club(request, slug)
    options.raise_if_refused(action)
    return club


@router.get(
    "/{slug}/memberships",
    response={200: list[MembershipOut], **refusals(400, 401, 403, 404)},
    summary="The club's memberships, by status (leaders and moderators)",
    auth=django_auth,
    exclude_none=True,
)
def list_memberships(request: HttpRequest, slug: str, filters: Query[MembershipFiltersIn]):
    reject_unknown(request, MembershipFiltersIn)
    club = _managed_club(request, slug)
    memberships = (
        club.memberships.filter(status=filters.status)
        .select_related("profile__user")
        .prefetch_related(
            "profile__education", "profile__experience__organisation", "profile__expertise"
        )
    )
    return [_membership_out(request.user, membership) for membership in memberships[:500]]


def _leader_action(request: HttpRequest, slug: str, action, *, needs: Action = "manage"):
    club = _managed_club(request, slug, needs)
    me = profile_of(request.user)
    membership = action(club, me)
    membership = Membership.objects.select_related("profile__user").get(pk=membership.pk)
    return _membership_out(request.user, membership)


LEADER_RESPONSES = {200: MembershipOut, **refusals(400, 401, 403, 404, 409)}


@router.post(
    "/{slug}/memberships/{id:membership_id}/approve",
    response=LEADER_RESPONSES,
    summary="Approve a request to join",
    auth=django_auth,
    exclude_none=True,
)
def approve_request(request: HttpRequest, slug: str, membership_id: int):
    return _leader_action(
        request,
        slug,
        lambda club, me: services.approve_request(
            club=club, membership_id=membership_id, by=request.user, by_profile=me
        ),
    )


@router.post(
    "/{slug}/memberships/{id:membership_id}/reject",
    response=LEADER_RESPONSES,
    summary="Decline a request to join",
    auth=django_auth,
    exclude_none=True,
)
def reject_request(request: HttpRequest, slug: str, membership_id: int):
    return _leader_action(
        request,
        slug,
        lambda club, me: services.reject_request(
            club=club, membership_id=membership_id, by=request.user, by_profile=me
        ),
    )


@router.post(
    "/{slug}/memberships/{id:membership_id}/role",
    response=LEADER_RESPONSES,
    summary="Change a member's role (leaders)",
    auth=django_auth,
    exclude_none=True,
)
def change_role(request: HttpRequest, slug: str, membership_id: int, body: ClubRoleIn):
    return _leader_action(
        request,
        slug,
        lambda club, me: services.change_role(
            club=club, membership_id=membership_id, role=body.role, by=request.user, by_profile=me
        ),
        needs="change_roles",
    )


@router.post(
    "/{slug}/invitations",
    response=LEADER_RESPONSES,
    summary="Invite a member",
    auth=django_auth,
    exclude_none=True,
)
def invite(request: HttpRequest, slug: str, body: ClubInviteIn):
    def run(club, me):
        invitee = Profile.objects.select_related("user").filter(pk=body.member_id).first()
        if invitee is None:
            raise ClubError(_("There is no such member."), status=404)
        return services.invite(club=club, invitee=invitee, by=request.user, by_profile=me)

    return _leader_action(request, slug, run, needs="invite")
