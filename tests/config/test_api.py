import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from openapi_spec_validator import validate


@pytest.mark.django_db
def test_health_reports_database_and_search_backend(client):
    response = client.get("/api/community/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": {"ok": True, "vendor": connection.vendor},
        "search": {"backend": "database"},
    }


@pytest.mark.django_db
def test_health_names_elasticsearch_when_configured(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    assert client.get("/api/community/health").json()["search"] == {"backend": "elasticsearch"}


def test_openapi_schema_is_a_valid_openapi_3_1_document(client):
    response = client.get("/api/community/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    validate(schema)
    assert "/api/community/health" in schema["paths"]


@pytest.mark.django_db
def test_the_api_docs_are_a_page_of_the_site_listing_every_operation(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/api/community/docs")
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == "fr" and page.select_one("header.site-header")
    assert page.h1.text == "API de la communauté"
    assert not page.select("script[src*=swagger], link[href*=swagger]")
    schema = client.get("/api/community/openapi.json").json()
    titles = {h3.text for h3 in page.select(".api-docs__operation h3")}
    for path, operations in schema["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in titles
    # The document's own words are English, marked so on a French page.
    health = page.select_one("#config_api_health").find_parent("article")
    assert health.select_one('[lang="en"]').text.strip().startswith("Is the service up?")
    assert page.select_one("#schema-ErrorOut")


@pytest.mark.django_db
def test_unknown_community_endpoint_is_a_json_404(client):
    response = client.get("/api/community/nowhere")
    assert response.status_code == 404
    assert response.json() == {
        "message": "Ce point d’accès n’existe pas dans l’API de la communauté."
    }


@pytest.mark.django_db
def test_content_api_lists_demo_pages_with_their_fields(demo_site, client):
    response = client.get("/api/v2/pages/", {"type": "home.StandardPage", "fields": "*"})
    assert response.status_code == 200
    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert set(items) == {"a-propos", "mentions-legales"}
    about = items["a-propos"]
    assert about["introduction"].startswith("Cercle réunit")
    assert about["body"][0]["type"] == "heading"
    assert about["body"][0]["value"] == {
        "text": "Un réseau pour toute l'université",
        "level": "h2",
    }


@pytest.mark.django_db
def test_content_api_exposes_home_page_fields(demo_site, client):
    response = client.get(f"/api/v2/pages/{demo_site.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["type"] == "home.HomePage"
    assert body["hero_title"].startswith("Le réseau de l'université")
    assert "introduction" in body and "body" in body
    for endpoint in ("/api/v2/images/", "/api/v2/documents/"):
        assert client.get(endpoint).status_code == 200


def test_every_operation_that_takes_input_documents_its_400(client):
    """A query parameter or body the schema refuses answers 400 ``ErrorOut`` everywhere."""
    schema = client.get("/api/community/openapi.json").json()
    refusal = {"$ref": "#/components/schemas/ErrorOut"}
    checked = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            parameters = [p for p in operation.get("parameters", []) if p["in"] != "path"]
            if not parameters and "requestBody" not in operation:
                continue
            checked += 1
            answer = operation["responses"].get("400")
            assert answer, f"{method.upper()} {path} does not document its 400"
            assert answer["content"]["application/json"]["schema"] == refusal
    assert checked > 10
    assert "400" not in schema["paths"]["/api/community/health"]["get"]["responses"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language", "errors"),
    [
        ("/api/community/events/?page=0", "fr", {"page": "Saisissez une valeur d’au moins 1."}),
        ("/api/community/events/?page=0", "en", {"page": "Enter a value of at least 1."}),
        (
            "/api/community/clubs/?page_size=1000&page=x",
            "en",
            {"page_size": "Enter a value of at most 100.", "page": "Enter a whole number."},
        ),
        (
            "/api/community/search?kind=offers",
            "en",
            {"kind": "Choose one of: 'members', 'clubs', 'events' or 'pages'."},
        ),
        (
            "/api/community/clubs/?colour=red",
            "en",
            {"colour": "This parameter does not exist."},
        ),
    ],
)
def test_a_refused_parameter_is_named_with_what_is_wrong(client, settings, url, language, errors):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert response.json()["message"]


@pytest.mark.django_db
def test_an_unknown_community_address_answers_in_json_even_with_a_line_break(client):
    response = client.post("/api/community/events/1/registrations/%0A/check-in")
    assert response.status_code == 404
    assert (
        response.json()["message"] == "Ce point d’accès n’existe pas dans l’API de la communauté."
    )
