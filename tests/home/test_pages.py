import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home import sections
from home.models import HomePage, StandardPage
from tests.home.factories import HomePageFactory, StandardPageFactory, make_site_home


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)

    def test_there_is_only_one_home_page(self):
        root = Page.get_first_root_node()
        HomePageFactory(parent=root)
        self.assertFalse(HomePage.can_create_at(root))

    def test_standard_pages_go_under_home_and_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_home_page_cannot_be_nested(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_page_is_created_through_the_admin_form(self):
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root)
        self.login()
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Mentions légales",
                    "slug": "mentions-legales",
                    "introduction": "Éditeur du site",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Éditeur", "level": "h2"}),
                            ("paragraph", rich_text("<p>L'université.</p>")),
                        ]
                    ),
                }
            ),
        )


class PageRenderingTests(WagtailPageTestCase):
    def setUp(self):
        self.home = make_site_home(hero_text="Bienvenue")
        self.page = StandardPageFactory(
            parent=self.home,
            body=[
                ("heading", {"text": "Notre histoire", "level": "h2"}),
                ("paragraph", "<p>Fondée en 1562.</p>"),
                ("quote", {"text": "Un réseau vivant.", "attribution": "Camille"}),
                (
                    "call_to_action",
                    {
                        "title": "Rejoignez-nous",
                        "text": "",
                        "page": self.home,
                        "url": "",
                        "button_label": "Adhérer",
                    },
                ),
            ],
        )

    def test_each_page_type_renders(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(self.page)

    def test_standard_page_shows_its_blocks(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<h2 class="block-heading">Notre histoire</h2>', html=True)
        self.assertContains(response, "Fondée en 1562.")
        self.assertContains(
            response, "<blockquote><p>Un réseau vivant.</p></blockquote>", html=True
        )
        self.assertContains(response, "Adhérer")


@pytest.mark.django_db
def test_home_page_shows_an_empty_state_for_each_section(client):
    make_site_home()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Dernières actualités", "Prochains événements", "Clubs", "Notre expertise"):
        assert title in html
    assert "Aucune actualité n’a encore été publiée" in html


@pytest.mark.django_db
def test_home_page_section_lists_what_its_app_provides(demo_site, client):
    class Story:
        title = "Semaine internationale des étudiants"
        url = "/news/semaine-internationale/"

    section = sections.SECTIONS["news"]
    original = section.provider, section.template
    sections.register("news", lambda request: [Story()], template="home/sections/news.html")
    try:
        html = client.get("/").content.decode()
    finally:
        section.provider, section.template = original
    assert "Semaine internationale des étudiants" in html
    assert "Aucune actualité n’a encore été publiée" not in html


@pytest.mark.django_db
def test_layout_has_landmarks_and_a_skip_link(demo_site, client):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert "<header" in html and "<footer" in html
    assert 'aria-label="Menu principal"' in html
    assert "42 rue Paul Duez" in html, "the institution's address is in the footer"


@pytest.mark.django_db
def test_menu_lists_pages_shown_in_menus(demo_site, client):
    html = client.get("/").content.decode()
    assert 'href="/a-propos/"' in html
    response = client.get("/a-propos/")
    assert '<a href="/a-propos/" aria-current="page">' in response.content.decode()
