"""HTTP JSON API and server-rendered dashboard over a counterclaim store.

``create_app(db, token=None, tile_url=None)`` builds the FastAPI application;
``counterclaim serve`` runs it with uvicorn on loopback.
"""

from .app import create_app

__all__ = ["create_app"]
