import pytest

from tests.home.factories import make_site_home
from tests.news.factories import (
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    VideoEpisodePageFactory,
    VideoSeriesPageFactory,
)


@pytest.fixture
def newsroom(db):
    home = make_site_home()
    index = NewsIndexPageFactory(parent=home)
    lille = NewsPageFactory(
        parent=index,
        title="La Ville de Lille & l’université signent un partenariat",
        summary="Cinq ans de coopération <énergie, mobilités>.",
        hero_image=ImageFactory(),
        date="2026-11-20",
    )
    lille.tags.add("Lille", "partenariat")
    lille.authors.add(lille.authors.model(name="Claire Dumont", role="communication"))
    lille.save_revision().publish()
    week = NewsPageFactory(parent=index, title="Semaine internationale des étudiants")
    week.tags.add("international")
    week.save_revision().publish()
    series = VideoSeriesPageFactory(parent=home)
    episode = VideoEpisodePageFactory(parent=series)
    episode.save_revision().publish()
    return {"index": index, "lille": lille, "week": week, "series": series, "episode": episode}
