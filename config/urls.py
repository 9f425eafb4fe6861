from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

import config.converters  # noqa: F401  (registers the "id" converter)
from config.api import community_api, community_not_found, content_api
from config.views import set_language, sitemap

urlpatterns = [
    # The admin signs in through the site's own sign-in, which asks for the second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v2/", content_api.urls),
    path("api/community/", community_api.urls),
    # Any rest of the address, line breaks included (a path converter stops at them).
    re_path(r"^api/community/(?P<path>(?s:.*))\Z", community_not_found),
    path("sitemap.xml", sitemap),
    path("feeds/", include("news.urls")),
    path("clubs/", include("clubs.urls")),
    path(
        "",
        include(
            (
                [
                    path("members/", include("members.urls.profiles")),
                    path("dashboard/", include("members.urls.dashboard")),
                    path("organisations/", include("members.urls.organisations")),
                ],
                "members",
            )
        ),
    ),
    path("search/", include("search.urls")),
    path("events/", include("events.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "config.views.bad_request"
