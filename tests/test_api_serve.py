"""``counterclaim serve``: options, loopback by default, token handling (no server is started)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.cli.serve_cmd import is_loopback


@pytest.mark.parametrize("host,expected", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.5.0.1", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False),
])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_serve_help_shows_defaults():
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in out and "--token-env" in out and "--tile-url" in out


def test_serve_refuses_a_short_or_missing_token(monkeypatch):
    monkeypatch.setenv("CC_TEST_TOKEN", "short")
    result = CliRunner().invoke(main, ["serve", "--token-env", "CC_TEST_TOKEN"])
    assert result.exit_code != 0 and "E702" in result.output


def test_serve_reports_a_bad_tile_url(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--tile-url", "ftp://x/{z}"])
    assert result.exit_code != 0 and "E702" in result.output
