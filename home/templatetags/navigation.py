from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site root marked "show in menus"."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"items": []}
    pages = site.root_page.get_children().live().public().in_menu()
    current = getattr(context.get("page"), "url_path", "")
    return {
        "items": [(page, bool(current) and current.startswith(page.url_path)) for page in pages],
    }
