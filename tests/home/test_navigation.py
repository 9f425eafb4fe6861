"""The main menu: the pages shown in menus, then the clubs and the members' directory."""

import pytest

from tests.home.factories import StandardPageFactory, make_site_home
from tests.members.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def main_menu(html):
    start = html.index('<nav class="main-menu"')
    return html[start : html.index("</nav>", start)]


@pytest.fixture
def home():
    home = make_site_home()
    StandardPageFactory(parent=home, title="À propos", slug="a-propos", show_in_menus=True)
    return home


def test_home_page_menu_links_to_the_pages_then_clubs_and_members(home, client):
    menu = main_menu(client.get("/").content.decode())
    assert '<a href="/a-propos/">À propos</a>' in menu
    assert '<a href="/clubs/">Clubs</a>' in menu
    assert '<a href="/members/">Membres</a>' in menu
    assert menu.index("À propos") < menu.index("Clubs") < menu.index("Membres")
    assert 'aria-current="page"' not in menu


def test_the_menu_marks_the_section_being_visited(home, client):
    clubs_menu = main_menu(client.get("/clubs/").content.decode())
    assert '<a href="/clubs/" aria-current="page">Clubs</a>' in clubs_menu
    assert '<a href="/members/">Membres</a>' in clubs_menu

    client.force_login(ProfileFactory().user)
    members_menu = main_menu(client.get("/members/").content.decode())
    assert '<a href="/members/" aria-current="page">Membres</a>' in members_menu
    assert '<a href="/clubs/">Clubs</a>' in members_menu


def test_the_menu_speaks_english_when_the_visitor_chose_it(home, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    menu = main_menu(client.get("/").content.decode())
    assert '<a href="/members/">Members</a>' in menu


def header(html):
    start = html.index('<header class="site-header"')
    return html[start : html.index("</header>", start)]


def footer(html):
    start = html.index('<footer class="site-footer"')
    return html[start : html.index("</footer>", start)]


def test_the_demo_menus_lead_to_every_section_once(demo_site, client):
    html = client.get("/").content.decode()
    menu = main_menu(html)
    for href in ("/news/", "/videos/", "/events/", "/clubs/", "/members/", "/organisations/"):
        assert f'href="{href}"' in menu, href
        assert client.get(href).status_code == 200, href
    assert header(html).count('href="/members/"') == 1, "one way to the members' directory"
    links = footer(html)
    assert '<a href="/mentions-legales/">Mentions légales</a>' in links
    assert '<a href="/accessibilite/">Accessibilité : non conforme</a>' in links
