"""Wagtail admin: clubs (with the approval of proposed clubs) and memberships."""

from django import forms
from django.contrib.admin.utils import quote
from django.forms.models import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from clubs import services
from clubs.models import Club, ClubStatus, Membership
from home import places
from home.widgets import city_chooser


class ClubFilterSet(WagtailFilterSet):
    class Meta:
        model = Club
        fields = ["status", "kind", "join_policy", "visibility", "country", "featured"]


class MembershipFilterSet(WagtailFilterSet):
    class Meta:
        model = Membership
        fields = ["status", "role", "club"]


class ClubIndexView(IndexView):
    approve_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == ClubStatus.PROPOSED and services.is_club_staff(self.request.user):
            buttons.append(
                MenuItem(
                    _("Approve"),
                    url=reverse(self.approve_url_name, args=[quote(instance.pk)]),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class ApproveClubView(WagtailAdminTemplateMixin, TemplateView):
    """Opens a proposed club through the service: the proposer leads it and is told."""

    template_name = "clubs/admin/approve.html"
    page_title = gettext_lazy("Approve a club")
    header_icon = "group"
    index_url_name = None
    approve_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.club = get_object_or_404(Club.objects.select_related("proposed_by"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.club.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            club=self.club,
            proposer_name=self.club.proposed_by.full_name if self.club.proposed_by else "",
            approve_url=reverse(self.approve_url_name, args=[quote(self.club.pk)]),
            index_url=reverse(self.index_url_name),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.approve_proposal(club=self.club, by=request.user)
        except services.ClubError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("“%(name)s” is open to members.") % {"name": self.club.name}
            )
        return redirect(self.index_url_name)


class AdminWidgetsViewSet(ModelViewSet):
    """Fields get Wagtail's admin widgets: choosers for members and images, not drop-downs."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        return formfield_for_dbfield(db_field, **kwargs)


class ClubAdminForm(forms.ModelForm):
    """Staff choose the club's city; it fills the country and position they leave empty."""

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
    index_view_class = ClubIndexView
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

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            approve_url_name=self.get_url_name("approve"), **kwargs
        )

    @property
    def approve_view(self):
        return self.construct_view(
            ApproveClubView,
            approve_url_name=self.get_url_name("approve"),
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
        ]


class MembershipViewSet(AdminWidgetsViewSet):
    model = Membership
    name = "club_memberships"
    icon = "user"
    menu_label = gettext_lazy("Memberships")
    menu_order = 200
    filterset_class = MembershipFilterSet
    copy_view_enabled = False
    list_display = ["profile", "club", "role", "status", "joined_at"]
    search_fields = ["club__name", "profile__first_name", "profile__last_name"]
    search_backend_name = None
    list_export = ["club", "profile", "role", "status", "created_at", "joined_at", "ended_at"]
    export_filename = "club-memberships"
    form_fields = ["club", "profile", "role", "status", "message", "joined_at", "ended_at"]


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
