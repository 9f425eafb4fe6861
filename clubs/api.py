"""The community API's clubs endpoints.

Reading follows the same rules as the pages: members-only clubs are unknown to
anonymous callers, and members are shown through ``members.privacy``. Writing
(joining, answering requests, inviting, roles) signs in with the session and its
CSRF token, and goes through ``clubs.services``.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from clubs import directory, services
from clubs.models import Club, ClubKind, Membership, MembershipStatus
from config.schemas import ErrorOut
from members import privacy
from members.countries import country_name
from members.models import Profile
from members.services import profile_of

router = Router(tags=["clubs"])

MAX_PAGE_SIZE = 100


class LocationOut(Schema):
    city: str
    country: str
    country_name: str
    latitude: float | None = None
    longitude: float | None = None


class ClubOut(Schema):
    slug: str
    name: str
    kind: str
    summary: str
    url: str
    themes: list[str]
    location: LocationOut
    join_policy: str
    visibility: str
    member_count: int


class PersonOut(Schema):
    id: int
    name: str
    url: str


class AnnouncementOut(Schema):
    id: int
    title: str
    body: str
    created_at: str


class MyMembershipOut(Schema):
    club: str
    club_name: str
    role: str
    status: str
    joined_at: str | None = None


class ClubDetailOut(ClubOut):
    description: str
    status: str
    leaders: list[PersonOut]
    announcements: list[AnnouncementOut]
    my_membership: MyMembershipOut | None = None


class ClubPageOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    results: list[ClubOut]


class MembershipOut(Schema):
    id: int
    member: PersonOut | None = Field(
        None, description="Absent when the member does not appear in the caller's directory."
    )
    role: str
    status: str
    message: str
    created_at: str
    joined_at: str | None = None


class ClubFiltersIn(Schema):
    q: str = Field("", description="Words in the name, summary, city or themes")
    kind: str = Field("", description="geographic, trade, thematic or disciplinary")
    country: str = Field("", description="ISO 3166 alpha-2 code")
    theme: str = Field("", description="A theme's slug or name")
    page: int = 1
    page_size: int = 24


class JoinIn(Schema):
    message: str = Field("", max_length=1000, description="A word for the leaders")


class InviteIn(Schema):
    member_id: int


class RoleIn(Schema):
    role: str = Field(description="leader, moderator or member")


def _club_out(club: Club) -> dict:
    return {
        "slug": club.slug,
        "name": club.name,
        "kind": club.kind,
        "summary": club.summary,
        "url": club.get_absolute_url(),
        "themes": sorted(theme.name for theme in club.themes.all()),
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


def _no_such_club():
    return Status(404, {"message": _("There is no such club.")})


def _visible_club(request: HttpRequest, slug: str) -> tuple[Club | None, Profile | None]:
    club = directory.with_member_count(Club.objects.filter(slug=slug)).first()
    me = profile_of(request.user)
    if club is None or not services.can_view(club=club, user=request.user, profile=me):
        return None, me
    return club, me


def _error(error: services.ClubError):
    return Status(error.status, {"message": error.message})


def _no_profile():
    return Status(403, {"message": _("Create your profile first.")})


@router.get(
    "/",
    response={200: ClubPageOut, 400: ErrorOut},
    summary="Search the club directory",
    auth=None,
)
def list_clubs(request: HttpRequest, filters: Query[ClubFiltersIn]):
    """Active clubs the caller may see; members-only clubs need a signed-in caller."""
    unknown = sorted(set(request.GET) - set(ClubFiltersIn.model_fields))
    if unknown:
        return Status(
            400, {"message": _("Unknown filter: %(names)s.") % {"names": ", ".join(unknown)}}
        )
    if filters.kind and filters.kind not in ClubKind.values:
        return Status(400, {"message": _("This kind of club does not exist.")})
    if not 1 <= filters.page_size <= MAX_PAGE_SIZE:
        return Status(
            400,
            {"message": _("The page size must be between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE}},
        )
    clubs = directory.filter_clubs(
        viewer=request.user,
        filters=directory.ClubFilters(
            text=filters.q, kind=filters.kind, country=filters.country, theme=filters.theme
        ),
    )
    paginator = Paginator(clubs, filters.page_size)
    page = paginator.get_page(filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "page_size": filters.page_size,
        "num_pages": paginator.num_pages,
        "results": [_club_out(club) for club in page.object_list],
    }


@router.get(
    "/mine",
    response={200: list[MyMembershipOut], 401: ErrorOut},
    summary="My clubs, my requests and my invitations",
    auth=django_auth,
)
def my_clubs(request: HttpRequest):
    return [_my_membership_out(m) for m in services.my_memberships(profile_of(request.user))]


@router.get(
    "/{slug}",
    response={200: ClubDetailOut, 404: ErrorOut},
    summary="A club",
    auth=None,
)
def read_club(request: HttpRequest, slug: str):
    club, me = _visible_club(request, slug)
    if club is None:
        return _no_such_club()
    membership = services.membership_of(club, me)
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
    }


def _member_action(request: HttpRequest, slug: str, action):
    club, me = _visible_club(request, slug)
    if club is None:
        return _no_such_club()
    if me is None:
        return _no_profile()
    try:
        action(club, me)
    except services.ClubError as error:
        return _error(error)
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
    response={200: MyMembershipOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Join a club, or ask to (clubs on approval)",
    auth=django_auth,
)
def join_club(request: HttpRequest, slug: str, body: JoinIn | None = None):
    message = body.message if body else ""
    return _member_action(
        request, slug, lambda club, me: services.join(club=club, profile=me, message=message)
    )


@router.post(
    "/{slug}/leave",
    response={204: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Leave a club, or withdraw my request",
    auth=django_auth,
)
def leave_club(request: HttpRequest, slug: str):
    return _member_action(request, slug, lambda club, me: services.leave(club=club, profile=me))


@router.post(
    "/{slug}/invitation/accept",
    response={200: MyMembershipOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Accept my invitation to a club",
    auth=django_auth,
)
def accept_invitation(request: HttpRequest, slug: str):
    return _member_action(
        request, slug, lambda club, me: services.accept_invitation(club=club, profile=me)
    )


@router.post(
    "/{slug}/invitation/decline",
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="Decline my invitation to a club",
    auth=django_auth,
)
def decline_invitation(request: HttpRequest, slug: str):
    return _member_action(
        request, slug, lambda club, me: services.decline_invitation(club=club, profile=me)
    )


# For the club's leaders and moderators ------------------------------------------------


def _managed_club(request: HttpRequest, slug: str):
    club, me = _visible_club(request, slug)
    if club is None:
        return None, me, _no_such_club()
    if not services.can_manage(club=club, user=request.user, profile=me):
        return (
            None,
            me,
            Status(403, {"message": _("Only the club's leaders and moderators can do this.")}),
        )
    return club, me, None


@router.get(
    "/{slug}/memberships",
    response={200: list[MembershipOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="The club's memberships, by status (leaders and moderators)",
    auth=django_auth,
    exclude_none=True,
)
def list_memberships(request: HttpRequest, slug: str, status: str = MembershipStatus.PENDING):
    club, _me, refusal = _managed_club(request, slug)
    if refusal:
        return refusal
    if status not in MembershipStatus.values:
        return Status(400, {"message": _("This status does not exist.")})
    memberships = (
        club.memberships.filter(status=status)
        .select_related("profile__user")
        .prefetch_related(
            "profile__education", "profile__experience__organisation", "profile__expertise"
        )
    )
    return [_membership_out(request.user, membership) for membership in memberships[:500]]


def _leader_action(request: HttpRequest, slug: str, action):
    club, me, refusal = _managed_club(request, slug)
    if refusal:
        return refusal
    try:
        membership = action(club, me)
    except services.ClubError as error:
        return _error(error)
    membership = Membership.objects.select_related("profile__user").get(pk=membership.pk)
    return _membership_out(request.user, membership)


LEADER_RESPONSES = {
    200: MembershipOut,
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
}


@router.post(
    "/{slug}/memberships/{int:membership_id}/approve",
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
    "/{slug}/memberships/{int:membership_id}/reject",
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
    "/{slug}/memberships/{int:membership_id}/role",
    response=LEADER_RESPONSES,
    summary="Change a member's role (leaders)",
    auth=django_auth,
    exclude_none=True,
)
def change_role(request: HttpRequest, slug: str, membership_id: int, body: RoleIn):
    return _leader_action(
        request,
        slug,
        lambda club, me: services.change_role(
            club=club, membership_id=membership_id, role=body.role, by=request.user, by_profile=me
        ),
    )


@router.post(
    "/{slug}/invitations",
    response=LEADER_RESPONSES,
    summary="Invite a member",
    auth=django_auth,
    exclude_none=True,
)
def invite(request: HttpRequest, slug: str, body: InviteIn):
    def run(club, me):
        invitee = Profile.objects.select_related("user").filter(pk=body.member_id).first()
        if invitee is None:
            raise services.ClubError(_("There is no such member."), status=404)
        return services.invite(club=club, invitee=invitee, by=request.user, by_profile=me)

    return _leader_action(request, slug, run)
