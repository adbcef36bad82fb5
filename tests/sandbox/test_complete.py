"""What Tab offers, and how readline's word is mapped onto the candidates."""

from __future__ import annotations

from bot.sandbox.complete import Focus, complete
from bot.sandbox.parse import Directory
from bot.sandbox.repl import relative_to_word
from bot.sandbox.schema import Schema


class FakeBot:
    """Stands in for the bot's autocomplete; remembers what it was asked."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.asked: list[Focus] = []

    def __call__(self, focus: Focus) -> list[str]:
        self.asked.append(focus)
        return self.answers


def candidates(line: str, schema: Schema, directory: Directory, **kwargs: object) -> list[str]:
    result = complete(line, schema, directory, **kwargs)  # type: ignore[arg-type]
    return [line[: result.start] + c for c in result.candidates]


def test_commands_and_sandbox_words(schema: Schema, directory: Directory) -> None:
    assert candidates("/qu", schema, directory) == ["/quote "]
    everything = candidates("", schema, directory, labels=["Next quote"])
    assert {"dm ", "as ", "tick ", "help", "quit", "Next quote", "/digest ", "/ask "} <= set(everything)
    assert candidates("Next q", schema, directory, labels=["Next quote"]) == ["Next quote"]
    assert candidates("as a", schema, directory) == ["as admin"]
    assert candidates("tick ", schema, directory) == ["tick 30m", "tick 2h", "tick 1d"]
    assert candidates("help /w", schema, directory) == ["help /who"]


def test_subcommands_then_their_options(schema: Schema, directory: Directory) -> None:
    assert candidates("/digest s", schema, directory) == ["/digest setup ", "/digest status ", "/digest send-now "]
    assert candidates("/digest setup ", schema, directory) == [
        "/digest setup channel:",
        "/digest setup time:",
        "/digest setup timezone:",
    ]
    assert candidates("/digest setup channel:#d", schema, directory) == ["/digest setup channel:#digest "]
    assert candidates("/digest setup channel:di", schema, directory) == ["/digest setup channel:#digest "]


def test_options_already_given_are_not_offered_again(schema: Schema, directory: Directory) -> None:
    assert candidates("/quote speaker:Hegseth ", schema, directory) == [
        "/quote speaker:Hegseth topic:",
        "/quote speaker:Hegseth article:",
        "/quote speaker:Hegseth private:",
    ]
    assert candidates("/quote speaker:Hegseth t", schema, directory) == ["/quote speaker:Hegseth topic:"]


def test_values_come_from_the_bots_autocomplete(schema: Schema, directory: Directory) -> None:
    bot = FakeBot(["pete-hegseth"])
    assert candidates("/quote topic:era speaker:Heg", schema, directory, lookup=bot) == [
        "/quote topic:era speaker:pete-hegseth "
    ]
    assert bot.asked == [Focus("quote", None, "speaker", "Heg", {"topic": "era"})]
    spaced = FakeBot(["Pete Hegseth"])
    assert candidates("/who person:pe", schema, directory, lookup=spaced) == ['/who person:"Pete Hegseth" ']
    zones = FakeBot(["Asia/Kolkata", "Asia/Karachi"])
    line = "/digest setup channel:#digest time:09:00 timezone:Asia/K"
    assert candidates(line, schema, directory, lookup=zones) == [
        "/digest setup channel:#digest time:09:00 timezone:Asia/Kolkata ",
        "/digest setup channel:#digest time:09:00 timezone:Asia/Karachi ",
    ]
    assert zones.asked[0].subcommand == "setup"
    assert zones.asked[0].options == {"channel": "#digest", "time": "09:00"}


def test_choices_and_booleans_come_from_the_schema(schema: Schema, directory: Directory) -> None:
    assert candidates("/summary length:d", schema, directory) == ["/summary length:detailed "]
    assert candidates("/summary length:", schema, directory) == ["/summary length:short ", "/summary length:detailed "]
    assert candidates("/quote private:t", schema, directory) == ["/quote private:true "]


def test_free_text_and_unknown_things_offer_nothing(schema: Schema, directory: Directory) -> None:
    assert candidates("/ask question:How lo", schema, directory) == []
    assert candidates("/ask How lo", schema, directory) == []
    assert candidates("/nope ", schema, directory) == []
    assert candidates("/quote nope:x", schema, directory) == []
    assert candidates("dm what", schema, directory) == []


def test_commands_in_a_dm_leave_out_server_only_ones(schema: Schema, directory: Directory) -> None:
    assert candidates("dm /ab", schema, directory) == ["dm /about "]
    assert candidates("dm /d", schema, directory) == []
    assert candidates("/d", schema, directory) == ["/digest "]


def test_commands_hidden_from_the_user_are_not_offered(schema: Schema, directory: Directory) -> None:
    assert candidates("/d", schema, directory, hidden={"digest"}) == []
    assert candidates("/digest s", schema, directory, hidden={"digest"}) == []
    assert candidates("/a", schema, directory, hidden={"digest"}) == ["/about ", "/ask "]


def test_readline_replaces_only_its_word() -> None:
    line = "/quote speaker:Heg"
    begin = line.index("speaker")
    assert relative_to_word(line, begin, begin, ["speaker:pete-hegseth "]) == ["speaker:pete-hegseth "]
    # A quoted value with a space spans two of readline's words.
    line = '/who person:"Pete He'
    begin = line.rindex(" ") + 1
    start = line.index("person")
    assert relative_to_word(line, begin, start, ['person:"Pete Hegseth" ']) == ['Hegseth" ']
    assert relative_to_word(line, begin, start, ['person:"Rajnath Singh" ']) == []
    # Button labels with spaces complete from the start of the line.
    assert relative_to_word("Next q", 5, 0, ["Next quote"]) == ["quote"]
    # Completion starting after readline's word keeps what lies between.
    assert relative_to_word("as ", 3, 3, ["admin"]) == ["admin"]
