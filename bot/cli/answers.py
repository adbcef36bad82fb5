"""Answer subcommands: summary, quote, background, facts, who, timeline, articles, ask, digest.

Each prints readable text, or one JSON object with `--json`; options mirror the slash commands.
Exit status: 0 with an answer (including "not covered"), 1 for content problems or a name that
matched nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from bot.answers import Answer, Answers
from bot.answers.summary import LENGTHS
from bot.cli.common import add_content_option, content_dir, load_or_report
from bot.render.json import render_json
from bot.render.text import render_text

Build = Callable[[Answers, argparse.Namespace], Answer]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summary = _command(sub, "summary", "the article's summary", _summary)
    _article_option(summary)
    summary.add_argument("--length", choices=LENGTHS, default="short")

    quote = _command(sub, "quote", "quotes, verbatim, by speaker or topic", _quote)
    quote.add_argument("--speaker", help="id, name or alias (case and accents ignored)")
    quote.add_argument("--topic", help="a quote topic, e.g. 'deterrence'")
    quote.add_argument("--all", action="store_true", help="every quote of every article")
    _article_option(quote)

    background = _command(sub, "background", "background on a topic, or the list of topics", _background)
    background.add_argument("--topic", help="id, title or alias (typos tolerated)")
    _article_option(background)

    _article_option(_command(sub, "facts", "the article's curated facts", _facts))

    who = _command(sub, "who", "who a person is, and what they said", _who)
    who.add_argument("person", metavar="PERSON")
    _article_option(who)

    _article_option(_command(sub, "timeline", "what happened, in order", _timeline))
    _command(sub, "articles", "every article, newest first", _articles)

    ask = _command(sub, "ask", "a free-text question, answered from the articles", _ask)
    ask.add_argument("question", nargs="+", metavar="QUESTION")

    digest = _command(sub, "digest", "the daily digest for a date", _digest)
    digest.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="the digest's date (default: today, UTC)")
    digest.add_argument("--previous", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="date of the previous digest: articles published since then lead")


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str, build: Build
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_content_option(parser)
    parser.set_defaults(handler=lambda args: run(args, build))
    return parser


def _article_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--article", help="article id (default: the newest)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run(args: argparse.Namespace, build: Build) -> int:
    """Load content, build the answer, print it; content problems are `path:line: message`."""
    library = load_or_report(content_dir(args))
    if library is None:
        return 1
    with Answers(library) as answers:
        answer = build(answers, args)
    print(render_json(answer) if args.json else render_text(answer), end="\n" if args.json else "")
    return 1 if answer.kind == "unknown" else 0


def _summary(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.summary(args.article, args.length)


def _quote(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.quotes(args.speaker, args.topic, args.article, everywhere=args.all)


def _background(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.background(args.topic, args.article)


def _facts(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.facts(args.article)


def _who(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.who(args.person, args.article)


def _timeline(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.timeline(args.article)


def _articles(answers: Answers, args: argparse.Namespace) -> Answer:
    del args
    return answers.articles()


def _ask(answers: Answers, args: argparse.Namespace) -> Answer:
    return answers.ask(" ".join(args.question))


def _digest(answers: Answers, args: argparse.Namespace) -> Answer:
    day: dt.date = args.date or dt.datetime.now(dt.UTC).date()
    return answers.digest(day, args.previous)
