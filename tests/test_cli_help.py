"""Every command documents itself: ``--help`` works and shows an example (datasette-style docs test)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from counterclaim.cli import COMMANDS, main
from counterclaim.eval.cli import TASKS, eval_group


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`counterclaim {name} --help` shows no example"


@pytest.mark.parametrize("task", sorted(TASKS))
def test_every_eval_task_has_help(task: str) -> None:
    result = CliRunner().invoke(eval_group, [task, "--help"])
    assert result.exit_code == 0, result.output
    assert "--data" in result.output


def test_readme_lists_every_command() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"counterclaim {name}" not in readme]
    assert not missing, f"README does not mention: {missing}"
