"""The same search behaviour on both backends: the database and OpenSearch.

Each test runs twice (``backend`` fixture): once with the database answering, once
with Elasticsearch configured against the OpenSearch test server. Data reaches the
index the way production does, through the sync that runs when a transaction commits.
"""

import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from members import services as member_services
from members.models import DirectorySettings
from search import services
from search.models import IndexedDocument
from search.query import FacetValue, GeoFilter, SearchQuery
from tests.home.factories import StandardPageFactory
from tests.search.factories import ClubFactory
from tests.search.world import CANARY, LILLE, build_world

pytestmark = pytest.mark.django_db

VISITOR = AnonymousUser()


@pytest.fixture
def world(backend, indexed):
    with indexed():
        return build_world()


def search(viewer=VISITOR, **kwargs):
    results = services.search(viewer=viewer, query=SearchQuery(**kwargs))
    assert not results.degraded
    return results


def titles(results):
    return [hit.title for hit in results.hits]


def test_accents_and_case_are_folded(world):
    assert "Hélène Dupont" in titles(search(text="universite"))
    assert "L'université et son territoire" in titles(search(text="UNIVERSITE"))
    assert titles(search(text="helene", kinds=("members",))) == ["Hélène Dupont"]


def test_elisions_and_plurals_find_the_word(world):
    expected = set(titles(search(text="université")))
    assert "Hélène Dupont" in expected
    assert set(titles(search(text="l'université"))) == expected
    assert set(titles(search(text="l’universite"))) == expected
    assert set(titles(search(text="universités"))) == expected


def test_a_one_letter_typo_still_finds(world):
    assert "Hélène Dupont" in titles(search(text="univrsité"))
    assert titles(search(viewer=world.member, text="Bernrad")) == ["Marc Bernard"]
    assert titles(search(text="Duppont")) == ["Hélène Dupont"]


FOLDED_WORDS = {
    "coeur": "cœur",
    "oeuvre": "Œuvre",
    "strasse": "Straße",
    "finance": "ﬁnance",
    # An accent written as a combining mark after its letter.
    "bistro": "Bistro\u0301",
}


def test_letters_without_a_decomposition_fold_to_their_spelling(world, indexed):
    with indexed():
        StandardPageFactory(
            parent=world.home,
            title="Œuvre de cœur",
            slug="oeuvre",
            introduction="La ﬁnance solidaire, de la Straße au Bistro\u0301 du campus.",
        )
    for folded, written in FOLDED_WORDS.items():
        for query in (folded, written, folded.upper()):
            (hit,) = search(text=query).hits
            assert hit.title == "Œuvre de cœur"
            # The original letters are highlighted, however long their folded form.
            assert any(f"<mark>{written}</mark>" in fragment for fragment in hit.highlights)
    assert search(text="uvr").total == 0


def test_a_typo_is_corrected_even_when_it_begins_another_word(world, indexed):
    with indexed():
        ClubFactory(name="Arts et patrimoine", summary="Musées, archives et monuments")
        StandardPageFactory(
            parent=world.home, title="Gestion de fortune", introduction="Le conseil patrimonial"
        )
    # "patrimone" is one letter away from "patrimoine" and begins "patrimonial".
    assert "Arts et patrimoine" in titles(search(text="patrimone"))
    assert titles(search(text="arts et patrimone")) == ["Arts et patrimoine"]
    assert titles(search(text="arts patrimoine")) == ["Arts et patrimoine"]


def test_facets_count_what_the_viewer_may_find(world):
    results = search(viewer=world.member, kinds=("members",))
    assert results.total == 3
    assert results.facets["country"] == [
        FacetValue(value="FR", label="France", count=2),
        FacetValue(value="BE", label="Belgique", count=1),
    ]
    assert [(v.value, v.count) for v in results.facets["member_kind"]] == [("alumnus", 3)]
    filtered = search(viewer=world.member, kinds=("members",), filters={"country": ("FR",)})
    assert titles(filtered) == ["Hélène Dupont", "Marc Bernard"]
    assert filtered.facets["country"][0].selected
    assert [(v.value, v.count) for v in filtered.facets["sector"]] == [("energy", 1)]
    # A visitor does not count Marc, who is listed to members only.
    visitor = search(kinds=("members",))
    assert [(v.value, v.count) for v in visitor.facets["country"]] == [("BE", 1), ("FR", 1)]


def test_clubs_facets_and_kind_counts(world):
    results = search(viewer=world.member, kinds=("clubs",), filters={"club_kind": ("geographic",)})
    assert titles(results) == ["Club Lille Métropole"]
    assert [(v.value, v.count) for v in results.facets["theme"]] == [("afterworks", 1)]
    everything = search(viewer=world.member, text="lille")
    assert everything.kind_counts["clubs"] == 1
    assert everything.kind_counts["members"] == 1
    assert everything.kind_counts["pages"] == 1


def test_geo_within_a_radius_sorted_by_distance(world):
    near_lille = GeoFilter(latitude=LILLE[0], longitude=LILLE[1], radius_km=50)
    results = search(viewer=world.member, geo=near_lille, sort="distance")
    assert titles(results) == ["Club Lille Métropole", "Hélène Dupont", "Sophie Martin"]
    assert results.hits[2].distance_km == pytest.approx(10.6, abs=0.5)
    narrow = search(viewer=world.member, geo=GeoFilter(LILLE[0], LILLE[1], radius_km=5))
    assert sorted(titles(narrow)) == ["Club Lille Métropole", "Hélène Dupont"]


def test_sort_by_name_and_pagination(world):
    first = search(viewer=world.member, kinds=("members",), sort="name", page_size=2)
    assert titles(first) == ["Hélène Dupont", "Marc Bernard"]
    assert (first.total, first.num_pages, first.has_next) == (3, 2, True)
    second = search(viewer=world.member, kinds=("members",), sort="name", page_size=2, page=2)
    assert titles(second) == ["Sophie Martin"]
    assert not second.has_next


def test_highlights_mark_the_matched_words(world):
    (hit,) = search(text="énergéticienne").hits
    assert any(re.search(r"<mark>[^<]*nerg[^<]*</mark>", fragment) for fragment in hit.highlights)
    # Highlights are escaped HTML: only the <mark> tags are markup.
    assert all("<" not in re.sub(r"</?mark>", "", fragment) for fragment in hit.highlights)


def test_a_page_whose_text_begins_with_its_summary_shows_it_once(world):
    (hit,) = search(text="partenariats").hits
    shown = [html.unescape(re.sub(r"</?mark>", "", fragment)) for fragment in hit.highlights]
    assert sum("Les partenariats de l'Université" in fragment for fragment in shown) == 1


def test_autocomplete_completes_names_and_titles(world):
    def labels(viewer, prefix):
        suggestions, degraded = services.autocomplete(viewer=viewer, prefix=prefix)
        assert not degraded
        return [suggestion.label for suggestion in suggestions]

    assert labels(VISITOR, "hél") == ["Hélène Dupont"]
    assert labels(VISITOR, "club li") == ["Club Lille Métropole"]
    assert labels(VISITOR, "cercle") == []
    assert labels(world.member, "cercle") == ["Cercle des mécènes"]
    assert labels(VISITOR, "marc") == []


def test_privacy_canary_never_matched_nor_returned(world):
    for viewer in (VISITOR, world.member):
        assert search(viewer=viewer, text=CANARY).total == 0
        everything = search(viewer=viewer, page_size=100)
        assert everything.total > 0
        for hit in everything.hits:
            shown = " ".join([hit.title, hit.summary, *hit.highlights, str(dict(hit.extra))])
            assert CANARY not in shown
    assert not IndexedDocument.objects.filter(text__icontains=CANARY).exists()


def test_members_only_text_is_for_signed_in_members(world):
    assert search(text="réseaux électriques").total == 0
    assert titles(search(viewer=world.member, text="réseaux électriques")) == ["Marc Bernard"]
    assert search(kinds=("members",), filters={"sector": ("energy",)}).total == 0


def test_unclaimed_archive_records_follow_the_institution_setting(world, indexed):
    assert search(viewer=world.member, text="Archambault").total == 0
    with indexed():
        directory = DirectorySettings.load()
        directory.list_archive_records = True
        directory.save()
    (hit,) = search(viewer=world.member, text="Archambault").hits
    assert hit.summary == "Licence Géographie 2012"
    assert search(text="Archambault").total == 0
    # The minimal listing holds the programme and the year, not the faculty.
    assert search(viewer=world.member, kinds=("members",), text="faculte geographie").total == 0


def test_members_only_clubs_are_invisible_to_visitors(world):
    visitor = search(text="mécènes")
    assert visitor.total == 0
    assert visitor.kind_counts["clubs"] == 0
    assert titles(search(viewer=world.member, text="mécènes")) == ["Cercle des mécènes"]


def test_privacy_changes_take_effect_at_once(world, indexed):
    assert titles(search(text="énergéticienne")) == ["Hélène Dupont"]
    with indexed():
        member_services.update_profile(profile=world.helene, changes={"listed_publicly": False})
    assert search(text="énergéticienne").total == 0
    # Nor is she counted any more when visitors browse the members.
    browsing = search(kinds=("members",))
    assert titles(browsing) == ["Sophie Martin"]
    assert (browsing.total, browsing.kind_counts["members"]) == (1, 1)
    assert [(v.value, v.count) for v in browsing.facets["country"]] == [("BE", 1)]
    assert titles(search(viewer=world.member, text="énergéticienne")) == ["Hélène Dupont"]
    with indexed():
        member_services.update_profile(
            profile=world.helene, changes={}, visibilities={"headline": "private"}
        )
    assert search(viewer=world.member, text="énergéticienne").total == 0
    assert titles(search(viewer=world.member, text="Dupont")) == ["Hélène Dupont"]


def test_deletes_take_effect_at_once(world, indexed):
    with indexed():
        world.lille_club.delete()
        world.sophie.user.delete()
    assert search(kinds=("clubs",), text="lille").total == 0
    assert search(viewer=world.member, text="Sophie").total == 0
    browsing = search(viewer=world.member, kinds=("clubs",))
    assert titles(browsing) == ["Cercle des mécènes"]
    assert browsing.total == 1
    assert "geographic" not in [v.value for v in browsing.facets["club_kind"]]


def test_new_and_edited_objects_are_found(world, indexed):
    with indexed():
        member_services.update_profile(
            profile=world.sophie, changes={"headline": "Doctorante et navigatrice au long cours"}
        )
    assert titles(search(text="navigatrice")) == ["Sophie Martin"]
