"""The one spaCy parse every extractor shares."""

from .cached import doc_entities, doc_text
from .loader import MODEL_PACKAGE, load_nlp

__all__ = ["MODEL_PACKAGE", "doc_entities", "doc_text", "load_nlp"]
