import wagtail_factories
from wagtail.models import Page, Site

from home.models import AccessibilityStatementPage, HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    hero_title = "Le réseau de l'université"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "À propos"
    introduction = "Qui sommes-nous ?"

    class Meta:
        model = StandardPage


def make_site_home(**kwargs):
    """A home page served as the default site's root, as the demo content sets it up."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        if child.specific_class is Page:
            child.delete()
    home = HomePageFactory(parent=root, **kwargs)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Déclaration d'accessibilité"
    slug = "accessibilite"
    non_conformities = "<ul><li>La carte des clubs.</li></ul>"
    contact_email = "accessibilite@example.org"

    class Meta:
        model = AccessibilityStatementPage
