from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from config import pagecache
from home import views
from home.admin_permissions import RefusingPolicy
from home.models import AccessibilityReport, AccessibilityStatementPage


@hooks.register("before_serve_page")
def answer_accessibility_reports(page, request, serve_args, serve_kwargs):
    """A report posted to the accessibility statement is answered by its form."""
    if request.method == "POST" and isinstance(page, AccessibilityStatementPage):
        return views.report_accessibility_problem(request, page)
    return None


@hooks.register("before_serve_page")
def serve_pages_publicly(page, request, serve_args, serve_kwargs):
    """A page is the same for every visitor without an account: the page cache may keep
    it. Wagtail's own hook answers a restricted page first (a redirect to the sign-in,
    or the password form), which the cache never keeps."""
    pagecache.serve_publicly(f"page:{page.pk}")


# Reports come from the form only: staff read and delete them, never write them.
register_permission_policy(
    AccessibilityReport, RefusingPolicy(AccessibilityReport, refused=("add", "change"))
)


class AccessibilityReportViewSet(ModelViewSet):
    model = AccessibilityReport
    icon = "mail"
    menu_label = _("Accessibility reports")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["received_at", "name", "email", "page_url"]
    list_filter = ["received_at"]
    search_fields = ["name", "email", "message"]
    search_backend_name = None
    inspect_view_fields = ["received_at", "name", "email", "page_url", "message", "language"]
    form_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_accessibility_reports():
    return AccessibilityReportViewSet("accessibility_reports")
