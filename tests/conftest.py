"""Shared fixtures: the parsed pipeline once per session, the seed article, temp stores.

Tests are offline and never read ../shared/data (evaluation data stays outside
the project); the seed article is the one outside text tests may use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT.parent / "shared" / "seed" / "seed_article.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED_PATH.exists():
        pytest.skip("the seed article (../shared/seed/seed_article.txt) is not beside this checkout")
    return SEED_PATH


@pytest.fixture(scope="session")
def seed_raw(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    from counterclaim.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp
