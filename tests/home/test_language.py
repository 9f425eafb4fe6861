import pytest


@pytest.mark.django_db
def test_site_speaks_french_by_default(demo_site, client):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu principal" in html
    assert response.headers["Content-Language"] == "fr"


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_french_until_switched(demo_site, client):
    html = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="fr">' in html


@pytest.mark.django_db
def test_switcher_changes_the_language_and_keeps_the_page(demo_site, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/a-propos/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/a-propos/"
    html = client.get("/a-propos/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert 'aria-label="Main menu"' in html

    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert "Aller au contenu principal" in client.get("/").content.decode()


@pytest.mark.django_db
def test_switcher_is_a_labelled_form(demo_site, client):
    html = client.get("/").content.decode()
    assert '<label for="language-select">Langue</label>' in html
    assert '<option value="en" lang="en">English</option>' in html


@pytest.mark.django_db
def test_account_pages_are_translated(client):
    html = client.get("/accounts/login/").content.decode()
    assert "Connexion" in html
    assert "Mot de passe" in html
