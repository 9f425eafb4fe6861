import pytest
from wagtail.models import Page

from search import services
from search.query import SearchQuery

pytestmark = pytest.mark.django_db


def test_the_demo_content_is_searchable(demo_output, client):
    assert "Search index rebuilt." in demo_output
    page = Page.objects.live().public().filter(depth__gt=2).specific().first()
    results = services.search(viewer=None, query=SearchQuery(text=page.title, kinds=("pages",)))
    assert page.title in [hit.title for hit in results.hits]
    body = client.get("/search/?q=" + page.title).content.decode()
    assert page.url in body
