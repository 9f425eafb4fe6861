"""What the site's own pages react to (``connect()`` is called from ``HomeConfig.ready()``):

- the footer forgets its statement link when the statement changes;
- the page cache (``config.pagecache``) purges what shows a page that is published,
  unpublished, moved, renamed or deleted: the page itself, its parent (which lists
  it), the listings of its kind (``pages:<model>``), the content API and the sitemap
  (``pages``), and the header and footer of every page (``site``) when the page is
  one of theirs: the home page, a page of the main menu, the legal notice or the
  accessibility statement. The institution's settings and the images purge ``site``.
"""

from django.db.models.signals import post_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from config import pagecache
from home import statement_link
from home.models import AccessibilityStatementPage, InstitutionSettings, StandardPage

# The home page (2) and the main menu's pages (3), shown on every page.
MENU_DEPTH = 3


def connect() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(forget_statement_link, sender=AccessibilityStatementPage)
    # A move or a new slug higher in the tree changes the statement's address too.
    page_slug_changed.connect(forget_statement_link)
    post_page_move.connect(forget_statement_link)

    page_published.connect(purge_page)
    page_unpublished.connect(purge_page)
    post_delete.connect(purge_deleted_page)
    page_slug_changed.connect(purge_moved_page)
    post_page_move.connect(purge_moved_page)
    pagecache.watch(InstitutionSettings, lambda settings: [pagecache.SITE], creation=False)
    # A new file for an image changes its renditions' addresses, wherever it is shown.
    pagecache.watch(get_image_model(), lambda image: [pagecache.SITE])
    pagecache.watch(get_document_model(), lambda document: ["documents"])


def forget_statement_link(sender, **kwargs) -> None:
    statement_link.forget()


def page_tags(page: Page) -> list[str]:
    """What shows ``page``: itself, its parent's listing, its kind's, the API's."""
    tags = [f"page:{page.pk}", pagecache.of_kind(page.specific_class), "pages"]
    # By its path: a parent deleted with the page has no row left to ask.
    parent = Page.objects.filter(path=page.path[: -page.steplen]).values_list("pk", flat=True)
    tags.extend(f"page:{pk}" for pk in parent)
    if page.depth <= MENU_DEPTH or issubclass(
        page.specific_class, (StandardPage, AccessibilityStatementPage)
    ):
        tags.append(pagecache.SITE)
    return tags


def purge_page(sender, instance: Page, **kwargs) -> None:
    pagecache.purge(*page_tags(instance))


def purge_deleted_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and sender is instance.specific_class:
        pagecache.purge(*page_tags(instance))


def purge_moved_page(sender, instance: Page, **kwargs) -> None:
    """A new address for a page is a new address for everything under it."""
    descendants = instance.get_descendants().values_list("pk", flat=True)
    before = kwargs.get("parent_page_before")
    pagecache.purge(
        *page_tags(instance),
        *(f"page:{pk}" for pk in descendants),
        *([f"page:{before.pk}"] if before is not None else []),
    )
