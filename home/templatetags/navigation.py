from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

register = template.Library()


def _app_sections():
    """The community's own sections, served by the apps rather than by pages."""
    return [
        (reverse("clubs:directory"), _("Clubs")),
        (reverse("members:directory"), _("Members")),
        (reverse("members:organisations"), _("Organisations")),
    ]


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site root marked "show in menus", then the clubs and members."""
    request = context["request"]
    site = Site.find_for_request(request)
    pages = site.root_page.get_children().live().public().in_menu() if site else []
    current = getattr(context.get("page"), "url_path", "")
    return {
        "items": [(page, bool(current) and current.startswith(page.url_path)) for page in pages],
        "sections": [(url, label, request.path.startswith(url)) for url, label in _app_sections()],
    }
