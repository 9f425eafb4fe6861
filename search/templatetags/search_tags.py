from django import template

from search import sources
from search.query import FACET_LABELS, KINDS, Hit

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def facet_label(name: str) -> str:
    return str(FACET_LABELS.get(name, name))


@register.simple_tag
def kind_label(kind: str) -> str:
    return str(KINDS.get(kind, kind))


@register.simple_tag
def hit_details(hit: Hit) -> str:
    """The line under a hit (a place, an event's date), in the reader's language."""
    source = sources.get(hit.kind)
    return source.details(hit.extra) if source else ""
