"""The search page (``/search/?q=``) and the completions behind the header's search box."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode

from search import services
from search.params import query_from_params
from search.query import FACETS, KINDS, InvalidSearch


def search_page(request):
    error = None
    results = None
    query = None
    try:
        query = query_from_params(request.GET)
    except InvalidSearch as invalid:
        error = invalid.message
    if query is not None and (query.text or query.kinds or query.filters or query.geo):
        try:
            results = services.search(viewer=request.user, query=query)
        except InvalidSearch as invalid:
            error = invalid.message
    kind = query.kinds[0] if query is not None and len(query.kinds) == 1 else ""
    text = query.text if query is not None else request.GET.get("q", "")
    params = request.GET.copy()
    params.pop("page", None)
    tab_params = {"q": text} if text else {}
    tabs = [
        {
            "kind": "",
            "label": None,
            "url": "?" + urlencode(tab_params),
            "count": sum(results.kind_counts.values()) if results else None,
            "current": not kind,
        }
    ] + [
        {
            "kind": name,
            "label": label,
            "url": "?" + urlencode({**tab_params, "kind": name}),
            "count": results.kind_counts.get(name, 0) if results else None,
            "current": name == kind,
        }
        for name, label in KINDS.items()
    ]
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "text": text,
            "kind": kind,
            "results": results,
            "error": error,
            "tabs": tabs,
            "facet_names": FACETS.get(kind, ()),
            "querystring": urlencode(params, doseq=True),
        },
        status=400 if error else 200,
    )


def autocomplete(request):
    try:
        suggestions, degraded = services.autocomplete(
            viewer=request.user,
            prefix=request.GET.get("q", "").strip(),
            kinds=tuple(kind for kind in request.GET.getlist("kind") if kind),
        )
    except InvalidSearch as invalid:
        return JsonResponse(invalid.as_json(), status=invalid.status)
    return JsonResponse(
        {
            "suggestions": [
                {"kind": s.kind, "kind_label": str(KINDS[s.kind]), "label": s.label, "url": s.url}
                for s in suggestions
            ],
            "degraded": degraded,
        }
    )
