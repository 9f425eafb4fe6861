"""Admin list columns that read in the interface's language."""

from wagtail.admin.ui.tables import BooleanColumn


class YesNoColumn(BooleanColumn):
    """A tick or a cross whose accessible name is "Yes" or "No", translated (not True/False)."""

    cell_template_name = "home/admin/yes_no_cell.html"
