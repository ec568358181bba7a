"""Schemathesis drives every API operation from the OpenAPI schema: no 5xx, and every response conforms.

The schema is loaded when this module is imported (schemathesis's lazy ``from_fixture`` loader does not
work with pytest 9), from the app over an empty store, since the schema does not depend on data; the
calls then go to the session's app over the demo store.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from storyline.web import create_app


class Switch:
    """An ASGI app that forwards to ``target``, which a fixture points at the session's app."""

    def __init__(self, target):
        self.target = target

    async def __call__(self, scope, receive, send):
        await self.target(scope, receive, send)


SCRATCH = tempfile.TemporaryDirectory(prefix="storyline-schema-")
APP = Switch(create_app(str(Path(SCRATCH.name) / "empty.db")))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True)
def _demo_store(web_app):
    APP.target = web_app


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_schema(case):
    case.call_and_validate()
