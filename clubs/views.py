from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs import directory, services
from clubs.errors import ClubError
from clubs.forms import (
    AnnouncementForm,
    ClubDirectoryForm,
    InviteForm,
    JoinForm,
    ProposeClubForm,
    RoleForm,
)
from clubs.models import CLUBS, Club, MembershipRole, MembershipStatus
from clubs.policies import JoinOutcome, MembershipOptions, options_for, role_change_refusal
from config import pagecache, spreadsheets
from config.links import absolute_url
from config.views import show_refusal
from members import privacy
from members.guards import profile_required
from members.models import Profile
from members.services import profile_of


def directory_view(request):
    pagecache.serve_publicly(CLUBS)
    form = ClubDirectoryForm(
        request.GET or None,
        countries=directory.country_options(request.user),
        themes=directory.theme_options(request.user),
    )
    filters = directory.ClubFilters()
    if form.is_bound and form.is_valid():
        filters = directory.ClubFilters(
            text=form.cleaned_data["q"],
            kind=form.cleaned_data["kind"],
            country=form.cleaned_data["country"],
            theme=form.cleaned_data["theme"],
        )
    clubs = directory.filter_clubs(viewer=request.user, filters=filters)
    page = Paginator(clubs, directory.CLUBS_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "clubs/directory.html",
        {
            "form": form,
            "page": page,
            "querystring": urlencode(params, doseq=True),
            "map_markers": directory.map_markers(clubs),
            "map_tiles_url": settings.CLUBS_MAP_TILES_URL,
            "map_attribution": settings.CLUBS_MAP_ATTRIBUTION,
            "filtered": any(vars(filters).values()),
        },
    )


def _club_for(request, slug) -> tuple[Club, Profile | None, MembershipOptions]:
    club = get_object_or_404(Club.objects.select_related("logo", "cover_image"), slug=slug)
    options = options_for(club=club, actor=request.user)
    if not options.can_view:
        raise Http404(_("There is no such club."))
    return club, profile_of(request.user), options


def detail(request, slug):
    club, me, options = _club_for(request, slug)
    # A members-only club is found by signed-in members only: never by the cache.
    pagecache.serve_publicly(f"club:{club.pk}")
    members = directory.visible_members(club=club, viewer=request.user)
    members_page = Paginator(members, directory.MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    member_views = [
        privacy.visible_profile(request.user, profile, listing=True)
        for profile in members_page.object_list
    ]
    membership = services.membership_of(club, me)
    return render(
        request,
        "clubs/club_detail.html",
        {
            "club": club,
            "me": me,
            "membership": membership,
            "options": options,
            "leaders": directory.visible_leaders(club=club, viewer=request.user),
            "member_count": club.memberships.active().count(),
            "members_page": members_page,
            "member_views": member_views,
            "announcements": club.announcements.all()[:5],
            "join_form": JoinForm() if options.join_outcome == JoinOutcome.PENDING else None,
            "themes": list(club.themes.all()),
        },
    )


def _next_url(request, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


def _run(request, club: Club, action, success, *, default_next: str | None = None):
    """Runs ``action``; ``success`` is a message, or a function of what the action returned."""
    try:
        result = action()
    except ClubError as error:
        show_refusal(request, error)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return HttpResponseRedirect(_next_url(request, default_next or club.get_absolute_url()))


def _joined(club: Club):
    def message(membership) -> str:
        if membership.status == MembershipStatus.PENDING:
            return _("Your request has been sent to the club's leaders.")
        return _("Welcome to %(club)s!") % {"club": club.name}

    return message


@require_POST
@profile_required
def member_action(request, slug, action):
    club, me, options = _club_for(request, slug)
    match action:
        case "join":
            form = JoinForm(request.POST)
            message = form.cleaned_data["message"] if form.is_valid() else ""
            return _run(
                request,
                club,
                lambda: services.join(club=club, profile=me, message=message),
                _joined(club),
            )
        case "leave":
            left = (
                _("Your request has been withdrawn.")
                if options.membership_status == MembershipStatus.PENDING
                else _("You are no longer in %(club)s.") % {"club": club.name}
            )
            return _run(request, club, lambda: services.leave(club=club, profile=me), left)
        case "accept":
            return _run(
                request,
                club,
                lambda: services.accept_invitation(club=club, profile=me),
                _("Welcome to %(club)s!") % {"club": club.name},
            )
        case "decline":
            return _run(
                request,
                club,
                lambda: services.decline_invitation(club=club, profile=me),
                _("You declined the invitation."),
            )
    raise Http404


@profile_required
def propose(request):
    me = request.profile
    form = ProposeClubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            club = services.propose_club(profile=me, **form.service_arguments())
        except ClubError as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(
                request,
                _("Thank you! The alumni office will review %(club)s and write to you.")
                % {"club": club.name},
            )
            return redirect(club.get_absolute_url())
    return render(request, "clubs/propose.html", {"form": form}, status=400 if form.errors else 200)


# The leaders' space ----------------------------------------------------------------


def _managed_club(request, slug) -> tuple[Club, Profile | None, MembershipOptions]:
    club, me, options = _club_for(request, slug)
    if not options.can_manage:
        raise PermissionDenied(_("Only the club's leaders and moderators can manage it."))
    return club, me, options


def _view_or_none(viewer, profile: Profile) -> privacy.ProfileView | None:
    if not privacy.can_view_profile(viewer, profile):
        return None
    return privacy.visible_profile(viewer, profile, listing=True)


@login_required
def manage(request, slug):
    club, me, options = _managed_club(request, slug)
    memberships = club.memberships.select_related("profile__user").prefetch_related(
        "profile__education", "profile__experience__organisation", "profile__expertise"
    )
    requests = [
        (membership, _view_or_none(request.user, membership.profile))
        for membership in memberships.filter(status=MembershipStatus.PENDING).order_by("created_at")
    ]
    invitations = [
        (membership, _view_or_none(request.user, membership.profile))
        for membership in memberships.filter(status=MembershipStatus.INVITED)
    ]
    members_page = Paginator(
        memberships.filter(status=MembershipStatus.ACTIVE).order_by(
            "role", "profile__last_name", "profile__first_name"
        ),
        100,
    ).get_page(request.GET.get("page"))
    members = [
        (
            membership,
            _view_or_none(request.user, membership.profile),
            role_change_refusal(club=club, membership=membership, role=MembershipRole.MEMBER),
        )
        for membership in members_page.object_list
    ]
    return render(
        request,
        "clubs/manage.html",
        {
            "club": club,
            "me": me,
            "requests": requests,
            "invitations": invitations,
            "members": members,
            "members_page": members_page,
            "roles": MembershipRole.choices,
            "options": options,
            "invite_form": InviteForm(viewer=request.user) if options.can_invite else None,
            "announcement_form": AnnouncementForm(),
            "announcements": club.announcements.all(),
        },
    )


def _manage_url(club: Club) -> str:
    return reverse("clubs:manage", args=[club.slug])


@login_required
@require_POST
def answer_request(request, slug, membership_id, action):
    club, me, _options = _managed_club(request, slug)
    if action == "approve":
        run, success = services.approve_request, _("The request has been approved.")
    elif action == "reject":
        run, success = services.reject_request, _("The request has been declined.")
    else:
        raise Http404
    return _run(
        request,
        club,
        lambda: run(club=club, membership_id=membership_id, by=request.user, by_profile=me),
        success,
        default_next=_manage_url(club),
    )


@login_required
@require_POST
def invite(request, slug):
    club, me, _options = _managed_club(request, slug)
    form = InviteForm(request.POST, viewer=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_manage_url(club))
    invitee = form.cleaned_data["invitee"]
    return _run(
        request,
        club,
        lambda: services.invite(club=club, invitee=invitee, by=request.user, by_profile=me),
        _("The invitation has been sent."),
        default_next=_manage_url(club),
    )


@login_required
@require_POST
def change_role(request, slug, membership_id):
    club, me, _options = _managed_club(request, slug)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This role does not exist."))
        return redirect(_manage_url(club))
    return _run(
        request,
        club,
        lambda: services.change_role(
            club=club,
            membership_id=membership_id,
            role=form.cleaned_data["role"],
            by=request.user,
            by_profile=me,
        ),
        _("The role has been changed."),
        default_next=_manage_url(club),
    )


@login_required
@require_POST
def post_announcement(request, slug):
    club, me, _options = _managed_club(request, slug)
    form = AnnouncementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("An announcement needs a title and a text."))
        return redirect(_manage_url(club))
    return _run(
        request,
        club,
        lambda: services.post_announcement(
            club=club, by=request.user, by_profile=me, **form.cleaned_data
        ),
        _("The announcement is on the club's page."),
        default_next=_manage_url(club),
    )


@login_required
@require_POST
def delete_announcement(request, slug, announcement_id):
    club, me, _options = _managed_club(request, slug)
    return _run(
        request,
        club,
        lambda: services.delete_announcement(
            club=club, announcement_id=announcement_id, by=request.user, by_profile=me
        ),
        _("The announcement has been deleted."),
        default_next=_manage_url(club),
    )


@login_required
def export_members(request, slug):
    """The club's members as CSV, with only what the leader may see of each."""
    club, _me, _options = _managed_club(request, slug)
    memberships = {
        row["profile_id"]: row
        for row in club.memberships.active().values("profile_id", "role", "joined_at")
    }
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{club.slug}-members.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = spreadsheets.SpreadsheetWriter(response)
    writer.writerow(
        [
            _("Last name"),
            _("First name"),
            _("Role"),
            _("Joined on"),
            _("Headline"),
            _("City"),
            _("Country"),
            _("E-mail"),
            _("Profile"),
        ]
    )
    for profile in directory.visible_members(club=club, viewer=request.user).iterator(
        chunk_size=500
    ):
        view = privacy.visible_profile(request.user, profile, listing=True)
        membership = memberships[profile.pk]
        writer.writerow(
            [
                view.last_name,
                view.first_name,
                MembershipRole(membership["role"]).label,
                membership["joined_at"].date().isoformat() if membership["joined_at"] else "",
                view.headline,
                view.city,
                view.country_name if view.country else "",
                view.contact_email,
                absolute_url(view.url),
            ]
        )
    return response
