"""The OpenAPI page without any CDN: Swagger UI's files come from the django-ninja package
itself, served under /api/v1/docs/assets/, and the page runs no inline script."""

import functools
import mimetypes
from pathlib import Path
from typing import Any

import ninja
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"})
SWAGGER_SETTINGS = {
    "layout": "BaseLayout",
    "deepLinking": True,
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    "validatorUrl": None,
}


class LocalSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "api/docs.html",
            {
                "api": api,
                "swagger_settings": {**SWAGGER_SETTINGS, "url": self.get_openapi_url(api, kwargs)},
            },
        )


def docs_asset(request: HttpRequest, name: str) -> HttpResponse:
    if name not in ASSETS:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse(_asset(name), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@functools.cache
def _asset(name: str) -> bytes:
    return (ASSET_DIR / name).read_bytes()
