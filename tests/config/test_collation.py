"""French lists in French order: accents and case do not send a name to the end."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from config.collation import collate_sorted
from tests.clubs.factories import ClubFactory
from tests.members.factories import OrganisationFactory

NAMES = ["Suisse", "énergie", "Zoo", "Suède", "eau", "Écluse", "abeille"]
IN_ORDER = ["abeille", "eau", "Écluse", "énergie", "Suède", "Suisse", "Zoo"]


def test_python_lists_sort_as_french_does():
    assert collate_sorted(NAMES, key=str) == IN_ORDER


@pytest.mark.django_db
def test_the_organisations_list_reads_in_french_order(client):
    for index, name in enumerate(NAMES):
        OrganisationFactory(name=name, slug=f"organisation-{index}")
    page = BeautifulSoup(client.get(reverse("members:organisations")).content, "html.parser")
    shown = [title.get_text(strip=True) for title in page.select(".card__title")]
    assert shown == IN_ORDER


@pytest.mark.django_db
def test_the_club_directory_and_its_theme_filter_read_in_french_order(client):
    for index, name in enumerate(NAMES):
        club = ClubFactory(name=f"{name} club", slug=f"club-{index}")
        club.themes.add(name)
    page = BeautifulSoup(client.get(reverse("clubs:directory")).content, "html.parser")
    shown = [title.get_text(strip=True) for title in page.select(".card__title")]
    assert shown == [f"{name} club" for name in IN_ORDER]
    themes = [option.get_text(strip=True) for option in page.select("select[name=theme] option")]
    assert themes[1:] == IN_ORDER
