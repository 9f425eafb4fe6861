from django import template

from search.query import FACET_LABELS, KINDS

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
