"""The CLI fixture of test_cli, for every CLI test module."""

from tests.corridor.cli.test_cli import cli  # noqa: F401 - a fixture, found by name
