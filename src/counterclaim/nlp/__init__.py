"""The one spaCy parse every extractor shares."""

from .loader import MODEL_PACKAGE, load_nlp

__all__ = ["MODEL_PACKAGE", "load_nlp"]
