"""The community API's documentation as a page of the site, read from its OpenAPI document.

django-ninja's Swagger UI is a script application outside the site: no ``lang``,
contrast failures, controls nested in controls, no way back to the site. This page
is plain HTML in the site's layout, built from the same document that
``/api/community/openapi.json`` serves, so it cannot say something else: every
operation by tag with its parameters, body and answers, then every schema with its
fields. The document's own words (summaries, descriptions) are English; the page
marks them so when it is served in another language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


def type_of(schema: dict[str, Any]) -> str:
    """A JSON schema as a reader says it: ``string``, ``integer | null``, ``list of Club``."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for combination in ("anyOf", "oneOf"):
        if combination in schema:
            return " | ".join(type_of(option) for option in schema[combination])
    if "allOf" in schema:
        return " & ".join(type_of(part) for part in schema["allOf"])
    if "enum" in schema:
        return " | ".join(repr(value) if value != "" else '""' for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_of(schema.get('items', {}))}"
    if isinstance(kind, list):
        return " | ".join(kind)
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def limits_of(schema: dict[str, Any]) -> str:
    """The bounds a value must hold: ``1–100``, ``at most 200 characters``."""
    parts = [limits_of(option) for option in schema.get("anyOf", ())]
    if "minimum" in schema or "maximum" in schema:
        parts.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    if "maxLength" in schema:
        parts.append(f"≤ {schema['maxLength']} chars")
    if "default" in schema and schema["default"] not in ("", None):
        parts.append(f"default {schema['default']}")
    return "; ".join(part for part in parts if part)


@dataclass
class Field:
    name: str
    type: str
    required: bool
    limits: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Field] = field(default_factory=list)
    body: str = ""
    responses: list[tuple[str, str, str]] = field(default_factory=list)


def _fields(properties: dict[str, Any], required: list[str]) -> list[Field]:
    return [
        Field(
            name=name,
            type=type_of(schema),
            required=name in required,
            limits=limits_of(schema),
            description=schema.get("description", ""),
        )
        for name, schema in properties.items()
    ]


def _operation(path: str, method: str, spec: dict[str, Any]) -> Operation:
    body = spec.get("requestBody", {}).get("content", {}).get("application/json", {})
    return Operation(
        method=method.upper(),
        path=path,
        anchor=spec.get("operationId", f"{method}-{path}"),
        summary=spec.get("summary", ""),
        description=spec.get("description", ""),
        parameters=[
            Field(
                name=f"{parameter['name']} ({parameter['in']})",
                type=type_of(parameter.get("schema", {})),
                required=parameter.get("required", False),
                limits=limits_of(parameter.get("schema", {})),
                description=parameter.get("description", ""),
            )
            for parameter in spec.get("parameters", ())
        ],
        body=type_of(body["schema"]) if body else "",
        responses=[
            (
                str(status),
                answer.get("description", ""),
                type_of(answer["content"]["application/json"]["schema"])
                if "application/json" in answer.get("content", {})
                else "",
            )
            for status, answer in sorted(spec.get("responses", {}).items(), key=lambda i: str(i[0]))
        ],
    )


def document_sections(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document as the page shows it: operations by tag, then schemas."""
    tags: dict[str, list[Operation]] = {}
    for path, operations in schema["paths"].items():
        for method in METHODS:
            if method in operations:
                spec = operations[method]
                tag = (spec.get("tags") or ["other"])[0]
                tags.setdefault(tag, []).append(_operation(path, method, spec))
    components = schema.get("components", {}).get("schemas", {})
    return {
        "info": schema["info"],
        "tags": sorted(tags.items()),
        "schemas": [
            (
                name,
                spec.get("description", ""),
                _fields(spec.get("properties", {}), spec.get("required", [])),
            )
            for name, spec in sorted(components.items())
        ],
    }


class SiteDocs(DocsBase):
    """The documentation page, in the site's layout (``templates/api/docs.html``)."""

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            **document_sections(schema),
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return render(request, "api/docs.html", context)
