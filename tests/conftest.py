"""Shared fixtures: one spaCy pipeline per test session, temporary stores, dev-data paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.enrich import Enricher
from storyline.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def enricher() -> Enricher:
    return Enricher()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db=str(tmp_path / "test.db"))


@pytest.fixture
def store(settings):
    s = open_store(settings.db)
    yield s
    s.close()


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} absent (../shared is not beside the repo)")
    return path
