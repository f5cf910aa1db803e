import re

import pytest

from sendco import cli
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role


def test_token_prints_a_working_key(cast, capsys, client):
    assert cli.main(["token", "--user", cast.user(Role.SENCO).username]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("sco_") and ApiToken.authenticate(key) == cast.user(Role.SENCO)
    assert client.get("/api/v1/pupils/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_token_for_unknown_user_fails(db, capsys):
    assert cli.main(["token", "--user", "nobody"]) == 2
    assert "No active user" in capsys.readouterr().err


def test_manage_passes_through(db, capsys):
    cli.main(["manage", "check"])
    assert "no issues" in capsys.readouterr().out


def test_parser_knows_the_commands():
    parser = cli.build_parser()
    args = parser.parse_args(["demo", "--no-serve", "--size", "small", "--port", "9000"])
    assert (args.no_serve, args.size, args.port) == (True, "small", 9000)
    with pytest.raises(SystemExit):
        parser.parse_args(["demo", "--size", "huge"])


def test_demo_builds_once_and_prints_logins(db, capsys):
    assert cli.main(["demo", "--no-serve", "--size", "small"]) == 0
    first = capsys.readouterr().out
    assert "Building the 'small' demo dataset" in first
    for username in (
        "senco",
        "assistant-senco",
        "head",
        "teacher",
        "ta",
        "exams",
        "governor",
        "parent",
        "professional",
        "trust",
        "admin",
    ):
        assert f"\n{username} " in first
    assert cli.main(["demo", "--no-serve", "--size", "small"]) == 0
    second = capsys.readouterr().out
    assert "reusing it" in second and "senco" in second


def test_every_apps_cli_commands_are_in_help(capsys):
    """Apps contribute subcommands in `<app>/cli.py` (`register(subparsers)`); `sendco` finds
    them through app_modules("cli"), so `sendco --help` lists each one."""
    import argparse

    from sendco.apps_registry import app_modules

    contributed = set()
    for module in app_modules("cli"):
        sub = argparse.ArgumentParser().add_subparsers()
        module.register(sub)
        assert sub.choices, f"{module.__name__}.register adds no command"
        contributed |= set(sub.choices)
    assert {"import", "reminders", "bench", "retention"} <= contributed
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    listed = set(re.search(r"\{([^}]*)\}", capsys.readouterr().out).group(1).split(","))
    assert contributed | {"demo", "serve", "token", "manage"} <= listed
