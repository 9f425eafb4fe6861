"""Wagtail admin: members, organisations, their contacts and the staff access log.

Reading a member's record in the admin shows every section, private ones included:
each edit or inspect view is written to the staff access log.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from config.views import show_refusal
from home.admin_columns import YesNoColumn
from home.admin_permissions import RefusingPolicy
from members import lookup, privacy, services
from members.admin_listings import MemberChoosersMixin, MemberChooserWidget, MemberNamesMixin
from members.archive_admin import ArchiveImportViewSet, ArchiveSpellingViewSet
from members.errors import MemberError
from members.forms import PROFILE_FIELDS, VISIBILITY_FIELDS, profile_edits
from members.models import Organisation, OrganisationContact, Profile, StaffAccessLog


class LoggedProfileEditView(EditView):
    """Reading is logged; saving goes through ``members.services.update_profile``,
    the same rules as the member's own form and the API."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        privacy.admin_read(request.user, [self.object], reason=str(_("Admin: edit")))
        return response

    def form_valid(self, form):
        self.form = form
        try:
            self.object = services.update_profile(
                profile=self.object, **profile_edits(form, record=True)
            )
        except MemberError as error:
            show_refusal(self.request, error, form=form)
            self.produced_error_code = "validation_error"
            self.produced_error_message = error.message
            return self.form_invalid(form)
        log(instance=self.object, action="wagtail.edit", user=self.request.user)
        response = self.save_action()
        return self.run_after_hook() or response


class LoggedProfileInspectView(InspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        privacy.admin_read(request.user, [self.object], reason=str(_("Admin: inspect")))
        return response


class LoggedProfileIndexView(IndexView):
    """The members' spreadsheet export holds private sections: each row is logged."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("graduate_record")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        privacy.admin_read(self.request.user, queryset, reason=str(_("Admin: export")))
        return super().as_spreadsheet(queryset, spreadsheet_format)


class HttpsURLsViewSet(ModelViewSet):
    """Addresses typed without a scheme are taken as https://; members are chosen."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return formfield_for_dbfield(db_field, **kwargs)


class FullRecordPermissionPolicy(ModelPermissionPolicy):
    """The members' screens show whole records: they need the full-record permission
    on top of the model's own (``privacy.FULL_RECORD_PERMISSION``); every read is logged.
    Other roles pick members through the member chooser, which applies privacy."""

    def user_has_permission(self, user, action):
        return user.has_perm(privacy.FULL_RECORD_PERMISSION) and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Profile, FullRecordPermissionPolicy(Profile))


class ProfileViewSet(HttpsURLsViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Members")
    menu_order = 100
    index_view_class = LoggedProfileIndexView
    edit_view_class = LoggedProfileEditView
    inspect_view_class = LoggedProfileInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        "kind",
        "city",
        "country",
        "source",
        YesNoColumn(
            "listed_publicly", label=Profile._meta.get_field("listed_publicly").verbose_name
        ),
        "updated_at",
    ]
    list_filter = [
        "kind",
        "source",
        "listed_publicly",
        "listed_to_members",
        "country",
        "open_to_opportunities",
        "hiring",
        "volunteer_mentor",
    ]
    search_fields = [
        "first_name",
        "last_name",
        "headline",
        "city",
        "graduate_record__student_number",
    ]
    search_backend_name = None
    list_export = [
        "id",
        "first_name",
        "last_name",
        "kind",
        "source",
        "student_number",
        "claimed_at",
        "city",
        "country",
        "headline",
        "open_to_opportunities",
        "hiring",
        "volunteer_mentor",
        "listed_publicly",
        "listed_to_members",
        "created_at",
        "updated_at",
    ]
    export_filename = "members"
    form_fields = [
        "source",
        "claimed_at",
        *PROFILE_FIELDS,
        *VISIBILITY_FIELDS,
    ]


class OrganisationViewSet(HttpsURLsViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    menu_order = 200
    list_display = ["name", "kind", "sector", "size", "city", "country"]
    list_filter = ["kind", "sector", "size", "country"]
    search_fields = ["name", "description", "city"]
    search_backend_name = None
    list_export = [
        "name",
        "slug",
        "kind",
        "sector",
        "size",
        "website",
        "address",
        "city",
        "country",
        "latitude",
        "longitude",
    ]
    export_filename = "organisations"
    form_fields = [
        "name",
        "slug",
        "kind",
        "sector",
        "size",
        "description",
        "website",
        "logo",
        "address",
        "city",
        "country",
        "latitude",
        "longitude",
    ]


class OrganisationContactIndexView(MemberNamesMixin, IndexView):
    pass


class OrganisationContactEditView(MemberChoosersMixin, EditView):
    pass


class OrganisationContactViewSet(ModelViewSet):
    model = OrganisationContact
    index_view_class = OrganisationContactIndexView
    edit_view_class = OrganisationContactEditView
    icon = "mail"
    menu_label = _("Organisation contacts")
    menu_order = 300
    list_display = ["organisation", "profile", "role"]
    list_filter = ["organisation"]
    list_export = ["organisation", "profile", "role"]
    export_filename = "organisation-contacts"
    form_fields = ["organisation", "profile", "role"]


# The log is written by the application only: nobody adds, edits or deletes rows.
register_permission_policy(
    StaffAccessLog, RefusingPolicy(StaffAccessLog, refused=("add", "change", "delete"))
)


class StaffAccessLogViewSet(ModelViewSet):
    model = StaffAccessLog
    icon = "history"
    menu_label = _("Staff access log")
    menu_order = 400
    copy_view_enabled = False
    list_display = ["accessed_at", "staff_label", "profile_label", "reason"]
    list_filter = ["accessed_at"]
    search_fields = ["staff_label", "profile_label", "reason"]
    search_backend_name = None
    list_export = ["accessed_at", "staff_label", "profile_label", "reason"]
    export_filename = "staff-access-log"
    form_fields = ["reason"]


class CommunityViewSetGroup(ViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        ProfileViewSet("member_profiles"),
        OrganisationViewSet("organisations"),
        OrganisationContactViewSet("organisation_contacts"),
        StaffAccessLogViewSet("staff_access_log"),
        ArchiveImportViewSet("archive_imports"),
        ArchiveSpellingViewSet("archive_spellings"),
    )


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


# The member chooser: every admin form with a member field picks through it ---------


class MemberChooserFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name or e-mail address"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def filter(self, objects):
        text = self.cleaned_data.get("q", "").strip()
        if text:
            matching = lookup.matching_members(viewer=self.viewer, text=text)
            objects = objects.filter(pk__in=matching.values("pk"))
            self.is_searching = True
            self.search_query = text
        return objects


class MemberChooserListingMixin:
    """Lists only the members the admin user may pick, as ``members.lookup`` says."""

    def get_object_list(self):
        return lookup.choosable_members(self.request.user).order_by("last_name", "first_name", "pk")

    def get_filter_form(self):
        return MemberChooserFilterForm(self.request.GET, viewer=self.request.user)


class MemberChooseView(MemberChooserListingMixin, ChooseView):
    pass


class MemberChooseResultsView(MemberChooserListingMixin, ChooseResultsView):
    pass


class MemberChosenView(ChosenView):
    def get_object(self, pk):
        return lookup.choosable_members(self.request.user).get(pk=pk)


class MemberChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return lookup.choosable_members(self.request.user).filter(pk__in=pks)


class MemberChooserViewSet(ChooserViewSet):
    """Replaces the drop-down of every profile on admin forms' member fields."""

    model = Profile
    icon = "user"
    choose_one_text = _("Choose a member")
    choose_another_text = _("Choose another member")
    base_widget_class = MemberChooserWidget
    choose_view_class = MemberChooseView
    choose_results_view_class = MemberChooseResultsView
    chosen_view_class = MemberChosenView
    chosen_multiple_view_class = MemberChosenMultipleView


@hooks.register("register_admin_viewset")
def register_member_chooser():
    return MemberChooserViewSet("member_chooser")
