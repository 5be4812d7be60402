"""The OpenAPI schema and its documentation page, which must load nothing from elsewhere."""

import json
import re
from typing import Any

import pytest
from django.test import Client

from tests.conftest import client_for

EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_docs_page_loads_only_local_assets(net: Any) -> None:
    response = client_for(net.counsellor).get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert not EXTERNAL_URL.search(html)
    assert "cdn" not in html.lower()
    assets = re.findall(r"""(?:src|href)="([^"]+)\"""", html)
    assert assets
    for asset in assets:
        assert asset.startswith("/api/v1/docs/assets/")
        assert Client().get(asset).status_code == 200


def test_docs_page_runs_no_inline_script(net: Any) -> None:
    html = client_for(net.counsellor).get("/api/v1/docs").content.decode()

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    executable = [(attrs, body) for attrs, body in scripts if "application/json" not in attrs]
    assert executable
    assert all("src=" in attrs and not body.strip() for attrs, body in executable)


def test_docs_page_turns_off_the_online_validator(net: Any) -> None:
    html = client_for(net.counsellor).get("/api/v1/docs").content.decode()

    settings = re.search(r'id="swagger-settings"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert settings is not None
    assert json.loads(settings.group(1))["validatorUrl"] is None


def test_docs_page_keeps_the_content_security_policy(net: Any) -> None:
    response = client_for(net.counsellor).get("/api/v1/docs")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "http" not in policy


@pytest.mark.parametrize("name", ["../../__init__.py", "swagger-ui.css.map", "unknown.js"])
def test_docs_assets_serve_only_the_known_files(db: Any, name: str) -> None:
    assert Client().get(f"/api/v1/docs/assets/{name}").status_code == 404


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_openapi_schema_is_complete_and_consistent(net: Any) -> None:
    response = client_for(net.counsellor).get("/api/v1/openapi.json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"] == "3.1.0"
    participant_paths = {
        path: sorted(ops) for path, ops in schema["paths"].items() if "/participants" in path
    }
    expected = {
        "/api/v1/participants": ["get", "post"],
        "/api/v1/participants/{participant_id}": ["get"],
        "/api/v1/participants/{participant_id}/contacts": ["get", "post"],
    }
    assert {path: participant_paths.get(path) for path in expected} == expected
    assert sorted(schema["paths"]["/api/v1/occupations"]) == ["get"]
    assert sorted(schema["paths"]["/api/v1/work-permission/evaluate"]) == ["post"]
    components = schema["components"]["schemas"]
    for ref in _refs(schema):
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in components
    for path in expected:
        for operation in schema["paths"][path].values():
            assert operation["operationId"]
            assert "401" in operation["responses"]
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_openapi_documents_the_request_bodies(net: Any) -> None:
    schema = Client().get("/api/v1/openapi.json").json()

    components = schema["components"]["schemas"]
    assert {"first_names", "last_name", "gender", "nationality"} <= set(
        components["ParticipantIn"]["required"]
    )
    assert "submission_key" in components["ContactIn"]["required"]
    assert components["ContactIn"]["additionalProperties"] is False
