"""The ``counterclaim`` command line.

Commands live in their own modules and are imported only when used, so
``counterclaim --help`` stays fast and a command's heavy imports (spaCy,
FastAPI, Dask) cost nothing to the others. To add a command, add one line to
``COMMANDS``: ``name -> "module:attribute"`` of a ``click.Command``.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, str] = {
    # foundation
    "ingest": "counterclaim.cli.ingest_cmd:ingest",
    "articles": "counterclaim.cli.query_cmd:articles",
    "show": "counterclaim.cli.query_cmd:show",
    "search": "counterclaim.cli.query_cmd:search",
    "extract": "counterclaim.cli.extract_cmd:extract",
    "export": "counterclaim.cli.export_cmd:export",
    "demo": "counterclaim.cli.demo_cmd:demo",
    "eval": "counterclaim.eval.cli:eval_group",
    # linking
    "claims": "counterclaim.cli.ledger_cmd:claims",
    "story": "counterclaim.cli.ledger_cmd:story",
    "contradictions": "counterclaim.cli.ledger_cmd:contradictions",
    # live sources, API
    "watch": "counterclaim.cli.watch_cmd:watch",
    "serve": "counterclaim.cli.serve_cmd:serve",
}


class LazyGroup(click.Group):
    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module_name, attr = self.lazy[name].split(":")
            return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="counterclaim")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """counterclaim: a ledger of events and attributed claims from dated conflict news.

    \b
    Example:
      counterclaim demo                       # ingest the bundled sample corpus
      counterclaim extract seed_article.txt   # one article-result JSON per article
    """
    import logging

    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")
    # trafilatura and htmldate log their own extraction decisions as warnings ("discarding data: None");
    # every page we cannot use is already reported as a numbered rejection, so theirs show only with -v.
    for library in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(library).setLevel(level + 10 if verbose == 0 else level)
