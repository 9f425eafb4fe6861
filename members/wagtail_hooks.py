"""Wagtail admin: members, organisations, their contacts and the staff access log.

Reading a member's record in the admin shows every section, private ones included:
each edit or inspect view is written to the staff access log.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from members import privacy
from members.forms import PROFILE_FIELDS, VISIBILITY_FIELDS
from members.models import Organisation, OrganisationContact, Profile, StaffAccessLog


class LoggedProfileEditView(EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        privacy.log_staff_access(request.user, self.object, reason=str(_("Admin: edit")))
        return response


class LoggedProfileInspectView(InspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        privacy.log_staff_access(request.user, self.object, reason=str(_("Admin: inspect")))
        return response


class HttpsURLsViewSet(ModelViewSet):
    """Addresses typed without a scheme are taken as https://."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)


class ProfileViewSet(HttpsURLsViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Members")
    menu_order = 100
    edit_view_class = LoggedProfileEditView
    inspect_view_class = LoggedProfileInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "kind", "city", "country", "source", "listed_publicly", "updated_at"]
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
    search_fields = ["first_name", "last_name", "headline", "city", "archive_id"]
    search_backend_name = None
    list_export = [
        "id",
        "first_name",
        "last_name",
        "kind",
        "source",
        "archive_id",
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
        "archive_id",
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


class OrganisationContactViewSet(ModelViewSet):
    model = OrganisationContact
    icon = "mail"
    menu_label = _("Organisation contacts")
    menu_order = 300
    list_display = ["organisation", "profile", "role"]
    list_filter = ["organisation"]
    list_export = ["organisation", "profile", "role"]
    export_filename = "organisation-contacts"
    form_fields = ["organisation", "profile", "role"]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The log is written by the application only: nobody adds, edits or deletes rows."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(StaffAccessLog, ReadOnlyPermissionPolicy(StaffAccessLog))


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
    )


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()
