"""Admin listings and exports that name members, as ``privacy.admin_name`` allows."""

from wagtail.admin.ui.tables import Column

from members import privacy


class MemberNamesMixin:
    """For an ``IndexView``: the columns and exported cells of ``member_fields``
    (foreign keys to a profile) show each name as ``privacy.admin_name`` lets the
    admin user see it."""

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
