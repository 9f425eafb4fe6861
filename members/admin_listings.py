"""Admin screens that name members, as ``privacy.admin_name`` allows: listings,
exports, their searches and the member fields of forms."""

from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.chooser import BaseChooser

from members import privacy


def member_title(viewer, instance, member_fields: tuple[str, ...]) -> str:
    """``str(instance)`` with the names of its ``member_fields`` as ``privacy.admin_name``
    lets ``viewer`` see them."""
    title = str(instance)
    for field_name in member_fields:
        profile = getattr(instance, field_name)
        title = title.replace(profile.full_name, privacy.admin_name(viewer, profile))
    return title


class MemberNamesMixin:
    """For an ``IndexView``: the columns, exported cells and row labels of
    ``member_fields`` (foreign keys to a profile) show each name as
    ``privacy.admin_name`` lets the admin user see it, and a search by name finds
    only the members the user may find."""

    member_fields: tuple[str, ...] = ("profile",)

    def member_name(self, profile) -> str:
        return privacy.admin_name(self.request.user, profile)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if field_name in self.member_fields:
            kwargs["accessor"] = lambda item: self.member_name(getattr(item, field_name))
        return super()._get_custom_column(field_name, column_class, **kwargs)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field_name in self.member_fields:
            if field_name in row:
                row[field_name] = self.member_name(getattr(item, field_name))
        return row

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        title = member_title(self.request.user, instance, self.member_fields)
        for button in buttons:
            if "aria-label" in getattr(button, "attrs", {}):
                button.attrs["aria-label"] = _("More options for '%(title)s'") % {"title": title}
        return buttons

    def search_queryset(self, queryset):
        found = super().search_queryset(queryset)
        if self.is_searching and not privacy.is_staff_viewer(self.request.user):
            visible = privacy.visible_profiles(self.request.user)
            found = found.filter(**{f"{name}__in": visible for name in self.member_fields})
        return found


class MemberChooserWidget(BaseChooser):
    """The member chooser's widget names the chosen member as ``privacy.admin_name``
    lets ``viewer`` see them (``MemberChoosersMixin`` sets it)."""

    viewer = None

    def get_display_title(self, instance):
        return privacy.admin_name(self.viewer, instance)


class MemberChoosersMixin:
    """For a create or edit view: its member fields, and its title when the object is
    named after members (``member_fields``), name members for the admin user."""

    member_fields: tuple[str, ...] = ()

    def get_page_subtitle(self):
        if self.member_fields:
            return member_title(self.request.user, self.object, self.member_fields)
        return super().get_page_subtitle()

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        for field in form.fields.values():
            if isinstance(field.widget, MemberChooserWidget):
                field.widget.viewer = self.request.user
        return form
