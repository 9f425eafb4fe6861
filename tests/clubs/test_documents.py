import pytest

from clubs.models import ClubStatus, ClubVisibility
from clubs.search import SOURCE, club_documents
from search.documents import MEMBERS, PUBLIC
from tests.clubs.factories import ClubFactory, GeographicClubFactory

pytestmark = pytest.mark.django_db


def test_search_documents_keep_members_only_clubs_from_visitors():
    london = GeographicClubFactory(name="Club de Londres")
    london.themes.set(["finance"])
    shanghai = ClubFactory(name="Club de Shanghai", visibility=ClubVisibility.MEMBERS)
    ClubFactory(name="Club en projet", status=ClubStatus.PROPOSED)

    assert [d.audience for d in club_documents(london)] == [PUBLIC, MEMBERS]
    assert [d.audience for d in club_documents(shanghai)] == [MEMBERS]
    document = club_documents(london)[0]
    assert "finance" in document.text and document.facets["country"] == ("GB",)
    assert document.latitude == 51.5072 and document.url == "/clubs/" + london.slug + "/"
    titles = {(d.title, d.audience) for d in SOURCE.iter_documents()}
    assert ("Club de Shanghai", PUBLIC) not in titles and ("Club de Shanghai", MEMBERS) in titles
    assert not any(title == "Club en projet" for title, _audience in titles)
