"""What the site's own pages react to: the footer forgets its statement link when the
statement changes (``connect()`` is called from ``HomeConfig.ready()``)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home import statement_link
from home.models import AccessibilityStatementPage


def connect() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(forget_statement_link, sender=AccessibilityStatementPage)
    # A move or a new slug higher in the tree changes the statement's address too.
    page_slug_changed.connect(forget_statement_link)
    post_page_move.connect(forget_statement_link)


def forget_statement_link(sender, **kwargs) -> None:
    statement_link.forget()
