"""Every response carries the security headers; the public site's policy allows no inline code."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from members.demo import LEADER_EMAIL
from tests.page_types import MEMBER_PAGES, VISITOR_PAGES

pytestmark = pytest.mark.django_db

# Beside the HTML page types: a standard page, a club, the feeds and the APIs.
OTHER_VISITOR_PAGES = [
    "/a-propos/",
    "/clubs/club-biotech/",
    "/feeds/news.xml",
    "/api/community/clubs/",
    "/api/community/openapi.json",
    "/api/v2/pages/",
]
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/member_profiles/"]


def directives(response, header="Content-Security-Policy"):
    return {
        name: values
        for name, *values in (
            part.split() for part in response.headers[header].split(";") if part.strip()
        )
    }


def assert_common_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def assert_site_policy(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_every_public_page_type_carries_the_strict_policy(client, demo_site):
    for path in [*VISITOR_PAGES, *OTHER_VISITOR_PAGES]:
        response = client.get(path)
        assert response.status_code == (404 if "n-existe-pas" in path else 200), path
        assert_common_headers(response)
        assert_site_policy(response)


def test_members_pages_carry_the_strict_policy(client, demo_site):
    leader = get_user_model().objects.get(email=LEADER_EMAIL)
    client.force_login(leader)
    for path in (path.format(profile=leader.profile.pk) for path in MEMBER_PAGES):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_common_headers(response)
        assert_site_policy(response)


def test_the_map_tiles_are_the_only_other_images_allowed(client, demo_site):
    policy = directives(client.get("/clubs/"))
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert policy["connect-src"] == ["'self'"]


def test_the_admin_runs_under_its_own_policy(client, demo_site):
    admin = get_user_model().objects.create_superuser(email="root@example.org", password="x")
    client.force_login(admin)
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_common_headers(response)
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        # Its previews are framed by the admin itself, and by nobody else.
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]


def test_the_policy_can_report_instead_of_blocking(client, demo_site, settings):
    policy = settings.CONTENT_SECURITY_POLICY
    with override_settings(
        CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy
    ):
        response = client.get("/clubs/")
    assert "Content-Security-Policy" not in response.headers
    assert directives(response, "Content-Security-Policy-Report-Only")["script-src"] == ["'self'"]


def test_a_page_preview_keeps_the_site_policy_and_lets_the_admin_frame_it(demo_site):
    response = demo_site.make_preview_request()
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
