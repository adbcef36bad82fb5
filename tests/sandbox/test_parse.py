"""Typed lines -> actions, checked against the registered schema as Discord's client would."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.sandbox.parse import (
    DirectMessage,
    Directory,
    Help,
    ParseError,
    Quit,
    Slash,
    SwitchUser,
    Tick,
    Words,
    parse_duration,
    parse_line,
)
from bot.sandbox.schema import Schema


def parse(line: str, schema: Schema, directory: Directory) -> object:
    return parse_line(line, schema, directory)


def error(line: str, schema: Schema, directory: Directory) -> str:
    with pytest.raises(ParseError) as caught:
        parse_line(line, schema, directory)
    return str(caught.value)


def test_a_simple_option(schema: Schema, directory: Directory) -> None:
    assert parse("/quote speaker:Hegseth", schema, directory) == Slash("quote", None, {"speaker": "Hegseth"})


def test_quoted_values_keep_their_spaces(schema: Schema, directory: Directory) -> None:
    action = parse('/quote speaker:Hegseth topic:"new era"', schema, directory)
    assert action == Slash("quote", None, {"speaker": "Hegseth", "topic": "new era"})
    assert parse("/quote topic:'new era'", schema, directory) == Slash("quote", None, {"topic": "new era"})
    assert parse('/quote topic:"say \\"hi\\""', schema, directory) == Slash("quote", None, {"topic": 'say "hi"'})


def test_an_unquoted_value_runs_to_the_next_option(schema: Schema, directory: Directory) -> None:
    action = parse("/ask question:How long is the framework? private:true", schema, directory)
    assert action == Slash("ask", None, {"question": "How long is the framework?", "private": True})
    action = parse("/quote speaker:Pete Hegseth topic:new era", schema, directory)
    assert action == Slash("quote", None, {"speaker": "Pete Hegseth", "topic": "new era"})


def test_leading_text_fills_the_first_required_option(schema: Schema, directory: Directory) -> None:
    assert parse("/ask How long is it?", schema, directory) == Slash("ask", None, {"question": "How long is it?"})
    assert parse("/who Rajnath Singh", schema, directory) == Slash("who", None, {"person": "Rajnath Singh"})


def test_leading_text_without_a_required_option_is_explained(schema: Schema, directory: Directory) -> None:
    message = error("/quote Hegseth", schema, directory)
    assert "speaker:" in message
    assert "topic:" in message
    assert "takes no options" in error("/about now", schema, directory)


def test_values_with_colons_and_addresses_stay_whole(schema: Schema, directory: Directory) -> None:
    action = parse("/ask question:What does https://example.com say at 09:30? Note: be brief", schema, directory)
    assert action == Slash("ask", None, {"question": "What does https://example.com say at 09:30? Note: be brief"})


def test_unknown_option_lists_the_valid_ones(schema: Schema, directory: Directory) -> None:
    message = error("/quote topc:era", schema, directory)
    assert "'topc'" in message
    assert "Did you mean topic:?" in message
    for name in ("speaker:", "topic:", "article:", "private:"):
        assert name in message
    assert "quotes" in error('/ask question:what is note:this', schema, directory)


def test_unknown_command_suggests_the_closest(schema: Schema, directory: Directory) -> None:
    message = error("/qoute speaker:x", schema, directory)
    assert "Unknown command /qoute" in message
    assert "Did you mean /quote?" in message
    assert "Quote this" not in message  # context-menu commands have no slash form


def test_subcommands(schema: Schema, directory: Directory) -> None:
    digest = directory.channels["digest"]
    action = parse("/digest setup channel:#digest time:09:00 timezone:Asia/Kolkata", schema, directory)
    assert action == Slash("digest", "setup", {"channel": digest, "time": "09:00", "timezone": "Asia/Kolkata"})
    assert parse("/digest status", schema, directory) == Slash("digest", "status", {})
    assert parse("/DIGEST Send-Now", schema, directory) == Slash("digest", "send-now", {})
    assert "needs a subcommand: setup, off, status, send-now" in error("/digest", schema, directory)
    assert "Did you mean setup?" in error("/digest stup", schema, directory)


def test_channels_resolve_by_name_mention_or_id(schema: Schema, directory: Directory) -> None:
    digest = directory.channels["digest"]
    for typed in ("#digest", "digest", "#Digest", f"<#{digest}>", str(digest)):
        line = f"/digest setup channel:{typed} time:09:00 timezone:UTC"
        action = parse(line, schema, directory)
        assert isinstance(action, Slash)
        assert action.options["channel"] == digest
    message = error("/digest setup channel:#news time:09:00 timezone:UTC", schema, directory)
    assert "#general" in message
    assert "#digest" in message


def test_missing_required_options_are_named_with_an_example(schema: Schema, directory: Directory) -> None:
    message = error("/digest setup channel:#digest", schema, directory)
    assert "needs time:, timezone:" in message
    assert "e.g. /digest setup channel:<channel> time:<text> timezone:<text>" in message
    assert "needs question:" in error("/ask", schema, directory)


def test_booleans_numbers_users_and_roles(schema: Schema, directory: Directory) -> None:
    for typed, expected in (("true", True), ("yes", True), ("FALSE", False), ("off", False)):
        assert parse(f"/ask question:x private:{typed}", schema, directory) == Slash(
            "ask", None, {"question": "x", "private": expected}
        )
    assert "true or false" in error("/ask question:x private:maybe", schema, directory)
    action = parse("/roll count:3 weight:2.5 user:@admin role:@Admin", schema, directory)
    assert action == Slash(
        "roll", None, {"count": 3, "weight": 2.5, "user": directory.users["admin"], "role": directory.roles["Admin"]}
    )
    assert "whole number" in error("/roll count:three", schema, directory)
    assert "a number" in error("/roll weight:heavy", schema, directory)


def test_choices_match_without_case_and_list_themselves(schema: Schema, directory: Directory) -> None:
    assert parse("/summary length:Detailed", schema, directory) == Slash("summary", None, {"length": "detailed"})
    assert "short, detailed" in error("/summary length:long", schema, directory)


def test_malformed_values(schema: Schema, directory: Directory) -> None:
    assert "given twice" in error("/quote speaker:a speaker:b", schema, directory)
    assert "not closed" in error('/quote topic:"new era', schema, directory)
    assert "needs a value" in error("/quote speaker:", schema, directory)
    assert "after the quoted value" in error('/quote topic:"new" era', schema, directory)


def test_sandbox_words(schema: Schema, directory: Directory) -> None:
    assert parse("   ", schema, directory) is None
    assert parse("dm what did Singh say?", schema, directory) == DirectMessage("what did Singh say?")
    assert parse("dm /about", schema, directory) == Slash("about", None, {}, in_dm=True)
    assert parse("as admin", schema, directory) == SwitchUser("admin")
    assert parse("AS @Member", schema, directory) == SwitchUser("member")
    assert parse("help", schema, directory) == Help()
    assert parse("help /quote", schema, directory) == Help("/quote")
    assert parse("quit", schema, directory) == Quit()
    assert parse("exit", schema, directory) == Quit()
    assert parse("tick 1d", schema, directory) == Tick(dt.timedelta(days=1))
    assert parse("Next quote", schema, directory) == Words("Next quote")
    assert "No user 'nobody' here; try as member or as admin" in error("as nobody", schema, directory)
    assert "dm needs something" in error("dm", schema, directory)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1d", dt.timedelta(days=1)),
        ("2h", dt.timedelta(hours=2)),
        ("30m", dt.timedelta(minutes=30)),
        ("1h30m", dt.timedelta(hours=1, minutes=30)),
        ("1d 2h", dt.timedelta(days=1, hours=2)),
        ("90M", dt.timedelta(minutes=90)),
    ],
)
def test_durations(typed: str, expected: dt.timedelta) -> None:
    assert parse_duration(typed) == expected


@pytest.mark.parametrize("typed", ["", "soon", "5s", "0m", "400d", "1x", "-1h"])
def test_bad_durations_say_what_to_type(typed: str) -> None:
    with pytest.raises(ParseError):
        parse_duration(typed)
