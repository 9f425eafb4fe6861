"""The site's addresses and ``/_bench/bare/``: the fastest answer Django gives through the
same middleware, the ceiling ``benchmarks.bench_pages`` measures the pages against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("_bench/bare/", bare), *site_urlpatterns]
handler400 = "config.views.bad_request"  # as config.urls
