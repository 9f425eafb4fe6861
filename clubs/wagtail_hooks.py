"""Wagtail admin: clubs and memberships, whose states change only through actions.

The forms show the states read-only; each state's actions (approve, decline,
archive, reopen a club; answer a request, change a role, remove a member) are
buttons in the listing and the edit header, leading to ``clubs.admin_views``, which
call the services.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.forms.models import modelform_factory
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from clubs import admin_views, services
from clubs.admin_views import CLUB_ACTIONS, MEMBERSHIP_ACTIONS
from clubs.models import Club, Membership
from home import places
from home.widgets import city_chooser
from members.admin_listings import MemberChoosersMixin, MemberNamesMixin


class ClubFilterSet(WagtailFilterSet):
    class Meta:
        model = Club
        fields = ["status", "kind", "join_policy", "visibility", "country", "featured"]


class MembershipFilterSet(WagtailFilterSet):
    class Meta:
        model = Membership
        fields = ["status", "role", "club"]


class ServiceActionsMixin:
    """Listing rows and edit headers offer the state's actions (``clubs.admin_views``)."""

    action_url_names: dict[str, str] | None = None
    actions_by_status: dict = {}

    def action_items(self, instance, item_class, priority: int = 5):
        if not services.is_club_staff(self.request.user):
            return []
        return [
            item_class(
                label,
                url=reverse(self.action_url_names[name], args=[quote(instance.pk)]),
                icon_name=icon,
                priority=priority + number,
            )
            for number, (name, label, icon) in enumerate(
                self.actions_by_status.get(instance.status, [])
            )
        ]


class ActionsIndexView(ServiceActionsMixin, IndexView):
    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *self.action_items(instance, MenuItem)]


class ActionsEditView(MemberChoosersMixin, ServiceActionsMixin, EditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.action_items(self.object, Button)]


class MembershipIndexView(MemberNamesMixin, ActionsIndexView):
    """Memberships start on the club's page or from its leaders' space, not here."""

    add_url = None

    def get_delete_url(self, instance):
        return None


class MembershipEditView(ActionsEditView):
    member_fields = ("profile",)

    def get_delete_url(self):
        return None


class AdminWidgetsViewSet(ModelViewSet):
    """Fields get Wagtail's admin widgets: choosers for members and images, not drop-downs."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        return formfield_for_dbfield(db_field, **kwargs)


class ClubAdminForm(forms.ModelForm):
    """Staff choose the club's city; it fills the country and position they leave empty.

    The status is read-only: a club opens, closes and reopens through the actions
    (``clubs.admin_views``), which call the services, so that it always has a leader
    and whoever it concerns is told. A club created here waits for approval, like a
    member's proposal; its "proposed by" member becomes its leader when it opens.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].disabled = True
        self.fields["status"].help_text = gettext_lazy(
            "Changed through the actions: approve, decline, archive, reopen."
        )

    def clean(self):
        data = super().clean()
        if not data.get("city") or (
            data.get("latitude") is not None and data.get("longitude") is not None
        ):
            return data
        try:
            place = places.resolve_place(data["city"], country=data.get("country") or "")
        except places.UnknownPlace as error:
            self.add_error("city", error.message)
            return data
        data["city"] = place.name
        data["country"] = data.get("country") or place.country
        data["latitude"], data["longitude"] = place.latitude, place.longitude
        return data


class ClubViewSet(AdminWidgetsViewSet):
    model = Club
    name = "club_admin"
    url_prefix = "clubs"
    icon = "group"
    menu_label = gettext_lazy("Clubs")
    menu_order = 100
    index_view_class = ActionsIndexView
    edit_view_class = ActionsEditView
    filterset_class = ClubFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["name", "kind", "city", "country", "status", "join_policy", "visibility"]
    search_fields = ["name", "summary", "city"]
    search_backend_name = None
    list_export = [
        "name",
        "slug",
        "kind",
        "status",
        "join_policy",
        "visibility",
        "city",
        "country",
        "latitude",
        "longitude",
        "created_at",
    ]
    export_filename = "clubs"
    form_fields = [
        "name",
        "slug",
        "kind",
        "summary",
        "description",
        "logo",
        "cover_image",
        "themes",
        "city",
        "country",
        "latitude",
        "longitude",
        "join_policy",
        "visibility",
        "status",
        "featured",
        "proposed_by",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "city":
            kwargs["widget"] = city_chooser()
            kwargs["help_text"] = gettext_lazy(
                "Chosen from the suggestions, it fills in the country, latitude and longitude "
                "left empty."
            )
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=ClubAdminForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )

    def action_url_names(self) -> dict[str, str]:
        return {name: self.get_url_name(name) for name in CLUB_ACTION_VIEWS}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            action_url_names=self.action_url_names(), actions_by_status=CLUB_ACTIONS, **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            action_url_names=self.action_url_names(), actions_by_status=CLUB_ACTIONS, **kwargs
        )

    def action_view(self, name: str):
        return self.construct_view(
            CLUB_ACTION_VIEWS[name],
            action_url_name=self.get_url_name(name),
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"{name}/<int:pk>/", self.action_view(name), name=name)
                for name in CLUB_ACTION_VIEWS
            ),
        ]


CLUB_ACTION_VIEWS = {
    "approve": admin_views.ApproveClubView,
    "decline": admin_views.DeclineClubView,
    "archive": admin_views.ArchiveClubView,
    "reopen": admin_views.ReopenClubView,
}

MEMBERSHIP_ACTION_VIEWS = {
    "approve": admin_views.ApproveRequestView,
    "decline": admin_views.DeclineRequestView,
    "role": admin_views.ChangeRoleView,
    "remove": admin_views.RemoveMemberView,
}


class MembershipAdminForm(forms.ModelForm):
    """Every field that carries the rules is read-only: the actions change them."""

    READ_ONLY = ("club", "profile", "role", "status", "joined_at", "ended_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.READ_ONLY:
            if name in self.fields:
                self.fields[name].disabled = True


class MembershipViewSet(AdminWidgetsViewSet):
    model = Membership
    name = "club_memberships"
    icon = "user"
    menu_label = gettext_lazy("Memberships")
    menu_order = 200
    filterset_class = MembershipFilterSet
    copy_view_enabled = False
    index_view_class = MembershipIndexView
    edit_view_class = MembershipEditView
    list_display = ["profile", "club", "role", "status", "joined_at"]
    search_fields = ["club__name", "profile__first_name", "profile__last_name"]
    search_backend_name = None
    list_export = ["club", "profile", "role", "status", "created_at", "joined_at", "ended_at"]
    export_filename = "club-memberships"
    form_fields = ["club", "profile", "role", "status", "message", "joined_at", "ended_at"]

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=MembershipAdminForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )

    def action_url_names(self) -> dict[str, str]:
        return {name: self.get_url_name(name) for name in MEMBERSHIP_ACTION_VIEWS}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            action_url_names=self.action_url_names(),
            actions_by_status=MEMBERSHIP_ACTIONS,
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            action_url_names=self.action_url_names(),
            actions_by_status=MEMBERSHIP_ACTIONS,
            **kwargs,
        )

    def action_view(self, name: str):
        return self.construct_view(
            MEMBERSHIP_ACTION_VIEWS[name],
            action_url_name=self.get_url_name(name),
            index_url_name=self.get_url_name("index"),
        )

    @property
    def add_view(self):
        """No membership starts in the admin: members join, leaders invite."""
        return RedirectView.as_view(pattern_name=self.get_url_name("index"))

    @property
    def delete_view(self):
        """Deleting a membership is removing the member, through the service."""
        return self.action_view("remove")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"{name}/<int:pk>/", self.action_view(name), name=name)
                for name in MEMBERSHIP_ACTION_VIEWS
            ),
        ]


class ClubsViewSetGroup(ViewSetGroup):
    items = (ClubViewSet, MembershipViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Clubs")
    menu_order = 250


class ProposedClubsPanel(Component):
    """The admin dashboard's list of clubs waiting for approval, for the staff who approve them."""

    name = "proposed_clubs"
    template_name = "clubs/admin/proposed_clubs_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {"clubs": list(services.proposed_clubs()[:20])}


@hooks.register("construct_homepage_panels")
def add_proposed_clubs_panel(request, panels):
    if services.is_club_staff(request.user) and services.proposed_clubs().exists():
        panels.append(ProposedClubsPanel())


@hooks.register("register_admin_viewset")
def register_clubs_viewsets():
    return ClubsViewSetGroup()
