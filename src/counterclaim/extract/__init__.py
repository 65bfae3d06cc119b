"""Extraction stages, one module each, registered in ``registry``."""

from .registry import DEFAULT_STAGES, Stage, available_stages, get_stage, stage

__all__ = ["DEFAULT_STAGES", "Stage", "available_stages", "get_stage", "stage"]
