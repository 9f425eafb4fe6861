"""``search_index`` on the database store: the kept facet counts are checked and rebuilt."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from search.models import FacetCount
from tests.search.world import build_world

pytestmark = pytest.mark.django_db


def test_check_finds_drifting_counts_and_rebuild_repairs_them(indexed):
    with indexed():
        build_world()
    # As from the command line, Django's system checks first.
    call_command("search_index", "--check", stdout=io.StringIO(), skip_checks=False)

    FacetCount.objects.filter(
        audience="public", kind="members", facet="country", value="FR"
    ).update(documents=F("documents") + 5)
    FacetCount.objects.filter(audience="members", kind="clubs", facet="").delete()
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "--check", stdout=io.StringIO(), stderr=errors)
    assert "members/public country=FR: 6 kept, 1 counted" in errors.getvalue()
    assert "clubs/members documents: 0 kept, 2 counted" in errors.getvalue()

    call_command("search_index", "--rebuild", "--store", "database", stdout=io.StringIO())
    call_command("search_index", "--check", stdout=io.StringIO())
