"""Shared fixtures: the parsed pipeline once per session, the seed article, temp stores.

Tests are offline and never read ../shared/data (evaluation data stays outside
the project); the seed article is the one outside text tests may use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEED = ROOT.parent / "shared" / "seed" / "seed_article.txt"
# The package ships a byte-identical copy (test_samples checks it), so seed tests never depend on ../shared.
BUNDLED_SEED = ROOT / "src" / "counterclaim" / "data" / "samples" / "seed_article.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SHARED_SEED if SHARED_SEED.exists() else BUNDLED_SEED


@pytest.fixture(scope="session")
def shared_seed_path() -> Path:
    if not SHARED_SEED.exists():
        pytest.skip("the seed article (../shared/seed/seed_article.txt) is not beside this checkout")
    return SHARED_SEED


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
