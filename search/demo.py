"""Demo: the search index filled from the demo content loaded before it."""

from django.core.management import call_command


def load(*, stdout, style, **options):
    call_command("search_index", "--rebuild", stdout=stdout)
