"""Error pages in the site's layout, in the visitor's language, with a way to search."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation

from tests.clubs.factories import ClubFactory
from tests.home.factories import make_site_home
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Page introuvable"), ("en", "Page not found")]
)
def test_a_missing_page_answers_a_translated_404_in_the_layout(client, language, heading):
    make_site_home()
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get("/pas-de-telle-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert '<nav class="main-menu"' in html and '<footer class="site-footer"' in html
    assert 'id="error-search-q"' in html and 'action="/search/"' in html


@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Erreur du serveur"), ("en", "Server error")]
)
def test_the_server_error_page_renders_without_the_database(
    language, heading, django_assert_num_queries
):
    handler = get_resolver().resolve_error_handler(500)
    with translation.override(language), django_assert_num_queries(0):
        response = handler(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert '<nav class="main-menu"' in html and 'href="/clubs/"' in html
    assert 'id="error-search-q"' in html and 'action="/search/"' in html


@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Accès refusé"), ("en", "Access refused")]
)
def test_a_refused_page_answers_a_translated_403_in_the_layout(client, language, heading):
    make_site_home()
    member = ProfileFactory().user
    club = ClubFactory()
    client.force_login(member)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get(f"/clubs/{club.slug}/manage/")
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert '<nav class="main-menu"' in html and 'id="error-search-q"' in html
