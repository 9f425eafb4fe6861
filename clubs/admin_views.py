"""The admin's actions on clubs and memberships: each one a confirmation page that
calls the service, never a form field written around it.

The club and membership forms show ``status`` and ``role`` read-only (see
``clubs.wagtail_hooks``). Opening, declining, archiving and reopening a club,
answering a request, changing a role and removing a member go through these views,
which call ``clubs.services`` and show its refusal (for instance "this is the club's
only leader") as it words it. ``ApproveClubView`` was the first of them.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from clubs import services
from clubs.errors import ClubError
from clubs.models import Club, ClubStatus, Membership, MembershipRole, MembershipStatus
from config.views import show_refusal
from members import privacy
from members.admin_listings import member_title
from members.models import Profile

# Which actions each state offers: (url name, label, icon).
CLUB_ACTIONS = {
    ClubStatus.PROPOSED: [
        ("approve", gettext_lazy("Approve"), "check"),
        ("decline", gettext_lazy("Decline"), "cross"),
    ],
    ClubStatus.ACTIVE: [("archive", gettext_lazy("Archive"), "folder")],
    ClubStatus.ARCHIVED: [("reopen", gettext_lazy("Reopen"), "folder-open-inverse")],
}

MEMBERSHIP_ACTIONS = {
    MembershipStatus.ACTIVE: [
        ("role", gettext_lazy("Change the role"), "user"),
        ("remove", gettext_lazy("Remove from the club"), "bin"),
    ],
    MembershipStatus.PENDING: [
        ("approve", gettext_lazy("Approve the request"), "check"),
        ("decline", gettext_lazy("Decline the request"), "cross"),
    ],
    MembershipStatus.INVITED: [("remove", gettext_lazy("Withdraw the invitation"), "bin")],
}


class ServiceActionView(WagtailAdminTemplateMixin, TemplateView, metaclass=ABCMeta):
    """A confirmation page; its POST runs ``run()`` (a service) and shows its refusal."""

    template_name = "clubs/admin/confirm.html"
    header_icon = "group"
    model: type[Club] | type[Membership] = Club
    index_url_name: str | None = None
    action_url_name: str | None = None
    form_class: type[forms.Form] | None = None
    button_label = gettext_lazy("Confirm")
    required_status: str | None = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_queryset(self):
        return self.model.objects.all()

    def get_page_subtitle(self):
        return str(self.object)

    @abstractmethod
    def question(self) -> str:
        """The question the confirmation page asks."""

    def details(self) -> list[str]:
        return []

    @abstractmethod
    def success_message(self) -> str:
        """What the listing says once the service has acted."""

    @abstractmethod
    def run(self, data: dict) -> None:
        """Asks the service to act, with the form's cleaned data."""

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST or None, **self.get_form_kwargs())

    def get_form_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            offered=self.required_status is None or self.object.status == self.required_status,
            question=self.question(),
            details=self.details(),
            button_label=self.button_label,
            action_url=reverse(self.action_url_name, args=[quote(self.object.pk)]),
            index_url=reverse(self.index_url_name),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            self.run(form.cleaned_data if form is not None else {})
        except ClubError as error:
            if form is not None and error.errors:
                show_refusal(request, error, form=form)
                return self.render_to_response(self.get_context_data(form=form), status=400)
            show_refusal(request, error)
        else:
            messages.success(request, self.success_message())
        return redirect(self.index_url_name)


# Clubs ---------------------------------------------------------------------------------


class ApproveClubView(ServiceActionView):
    """Opens a proposed club through the service: the proposer leads it and is told."""

    page_title = gettext_lazy("Approve a club")
    button_label = gettext_lazy("Yes, approve the club")
    required_status = ClubStatus.PROPOSED

    def get_queryset(self):
        return Club.objects.select_related("proposed_by")

    def question(self):
        return _("Open “%(name)s” to members?") % {"name": self.object.name}

    def details(self):
        if self.object.proposed_by is None:
            return [
                _(
                    "Nobody would lead it: name the member who proposes it in its form first, "
                    "so that it does not open without a leader."
                )
            ]
        return [
            _("%(name)s proposed it: they become its leader and receive an e-mail.")
            % {"name": self.object.proposed_by.full_name}
        ]

    def success_message(self):
        return _("“%(name)s” is open to members.") % {"name": self.object.name}

    def run(self, data):
        services.approve_proposal(club=self.object, by=self.request.user)


class DeclineClubView(ServiceActionView):
    page_title = gettext_lazy("Decline a club")
    button_label = gettext_lazy("Yes, decline the club")
    required_status = ClubStatus.PROPOSED

    def question(self):
        return _("Decline “%(name)s”?") % {"name": self.object.name}

    def details(self):
        return [_("The club is archived and whoever proposed it receives an e-mail.")]

    def success_message(self):
        return _("“%(name)s” has been declined.") % {"name": self.object.name}

    def run(self, data):
        services.decline_proposal(club=self.object, by=self.request.user)


class ArchiveClubView(ServiceActionView):
    page_title = gettext_lazy("Archive a club")
    button_label = gettext_lazy("Yes, archive the club")
    required_status = ClubStatus.ACTIVE

    def question(self):
        return _("Archive “%(name)s”?") % {"name": self.object.name}

    def details(self):
        return [_("Its page is no longer shown to the community; it can be reopened later.")]

    def success_message(self):
        return _("“%(name)s” has been archived.") % {"name": self.object.name}

    def run(self, data):
        services.archive_club(club=self.object, by=self.request.user)


class ReopenForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=gettext_lazy("Its leader"),
        queryset=Profile.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "One of its current or former members; leave empty to keep its current leader."
        ),
    )

    def __init__(self, *args, club: Club, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the members the viewer may find by name: a hidden member is not offered.
        self.fields["leader"].queryset = (
            privacy.visible_profiles(viewer)
            .filter(club_memberships__club=club, user__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        )


class ReopenClubView(ServiceActionView):
    page_title = gettext_lazy("Reopen a club")
    button_label = gettext_lazy("Reopen the club")
    required_status = ClubStatus.ARCHIVED
    form_class = ReopenForm

    def get_form_kwargs(self):
        return {"club": self.object, "viewer": self.request.user}

    def question(self):
        return _("Reopen “%(name)s”?") % {"name": self.object.name}

    def details(self):
        return [_("A club reopens with a leader: the one it still has, or the one you choose.")]

    def success_message(self):
        return _("“%(name)s” is open to members again.") % {"name": self.object.name}

    def run(self, data):
        services.reopen_club(club=self.object, by=self.request.user, leader=data.get("leader"))


# Memberships ----------------------------------------------------------------------------


class MembershipActionView(ServiceActionView):
    model = Membership
    header_icon = "user"

    def get_queryset(self):
        return Membership.objects.select_related("club", "profile")

    def names(self) -> dict:
        member = privacy.admin_name(self.request.user, self.object.profile)
        return {"member": member, "club": self.object.club.name}

    def get_page_subtitle(self):
        return member_title(self.request.user, self.object, ("profile",))


class ApproveRequestView(MembershipActionView):
    page_title = gettext_lazy("Approve a request to join")
    button_label = gettext_lazy("Approve the request")
    required_status = MembershipStatus.PENDING

    def question(self):
        return _("Welcome %(member)s to %(club)s?") % self.names()

    def success_message(self):
        return _("The request has been approved.")

    def run(self, data):
        services.approve_request(
            club=self.object.club, membership_id=self.object.pk, by=self.request.user
        )


class DeclineRequestView(MembershipActionView):
    page_title = gettext_lazy("Decline a request to join")
    button_label = gettext_lazy("Decline the request")
    required_status = MembershipStatus.PENDING

    def question(self):
        return _("Decline the request of %(member)s to join %(club)s?") % self.names()

    def success_message(self):
        return _("The request has been declined.")

    def run(self, data):
        services.reject_request(
            club=self.object.club, membership_id=self.object.pk, by=self.request.user
        )


class AdminRoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=MembershipRole.choices)


class ChangeRoleView(MembershipActionView):
    page_title = gettext_lazy("Change a member's role")
    button_label = gettext_lazy("Change the role")
    required_status = MembershipStatus.ACTIVE
    form_class = AdminRoleForm

    def get_form(self):
        form = super().get_form()
        form.fields["role"].initial = self.object.role
        return form

    def question(self):
        return _("The role of %(member)s in %(club)s:") % self.names()

    def details(self):
        return [_("A club keeps at least one leader: name another before demoting its only one.")]

    def success_message(self):
        return _("The role has been changed.")

    def run(self, data):
        services.change_role(
            club=self.object.club,
            membership_id=self.object.pk,
            role=data["role"],
            by=self.request.user,
        )


class RemoveMemberView(MembershipActionView):
    """Also the membership's "delete" view: a membership ends only through the service."""

    page_title = gettext_lazy("Remove from the club")
    button_label = gettext_lazy("Yes, remove")

    def question(self):
        if self.object.status == MembershipStatus.INVITED:
            return _("Withdraw the invitation of %(member)s to %(club)s?") % self.names()
        return _("Remove %(member)s from %(club)s?") % self.names()

    def success_message(self):
        return _("%(member)s is no longer in %(club)s.") % self.names()

    def run(self, data):
        services.remove_member(
            club=self.object.club, membership_id=self.object.pk, by=self.request.user
        )
