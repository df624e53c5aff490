"""Commands for the content: questions, checklist, glossary, bank check."""

from typing import Annotated, Optional

import typer

from mbcprep.cli.app import app, bank_app, settings_of
from mbcprep.cli.output import out
from mbcprep.i18n import _

AS_JSON = _("Print the full records as JSON.")


@app.command("questions", help=_("Browse the question bank."))
def questions(
    ctx: typer.Context,
    topic: Annotated[Optional[str], typer.Option(help=_("Only this topic."))] = None,
    kind: Annotated[Optional[str], typer.Option(help=_("Only questions suggested for this kind of visit."))] = None,
    search: Annotated[
        Optional[str], typer.Option(metavar=_("WORDS"), help=_("Only questions with all these words."))
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option("--include-sensitive", help=_("Also show questions about prognosis and the end of life."))
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=AS_JSON)] = False,
    for_me: Annotated[
        bool,
        typer.Option(
            "--for-me",
            help=_(
                "The questions suggested to you, in the order a new visit offers them: chosen by your profile,"
                " treatments, latest results and the kind of visit (--kind)."
            ),
        ),
    ] = False,
) -> None:
    from mbcprep.cli import views
    from mbcprep.content.search import count_hidden, find_questions

    settings = settings_of(ctx)
    content = settings.content()
    if for_me:
        from mbcprep.actions.suggestions import for_me as suggested
        from mbcprep.errors import UsageError

        if topic or search:
            raise UsageError(_("--for-me goes with --kind only, not with --topic or --search."))
        chosen, found = suggested(settings, content, kind, include_sensitive=include_sensitive)
        if as_json:
            out(views.as_json([q.to_dict() for q in found]))
        else:
            label = content.kinds[chosen].label
            out(views.suggested_list(found, _("Suggested for a visit about: {kind}").format(kind=label)))
        return
    found = find_questions(content, topic=topic, kind=kind, words=search, include_sensitive=include_sensitive)
    if as_json:
        out(views.as_json([q.to_dict() for q in found]))
    else:
        hidden = 0 if include_sensitive else count_hidden(content, topic=topic, kind=kind, words=search)
        out(views.questions_list(found, content, hidden=hidden))


@app.command("checklist", help=_("Show the 'what matters to me' checklist."))
def checklist(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help=AS_JSON)] = False) -> None:
    from mbcprep.cli import views

    content = settings_of(ctx).content()
    if as_json:
        out(views.as_json([c.to_dict() for c in content.considerations.values()]))
    else:
        out(views.checklist(content))


@app.command("urgent", help=_("The signs that cannot wait for your visit, and whom to call."))
def urgent(ctx: typer.Context) -> None:
    from mbcprep.cli import views

    out(views.urgent(settings_of(ctx).content()))


@app.command("glossary", help=_("Explain medical words in plain language."))
def glossary(
    ctx: typer.Context,
    term: Annotated[
        Optional[list[str]], typer.Argument(metavar=_("WORDS"), help=_("A word (or words) to look up."))
    ] = None,
) -> None:
    from mbcprep.cli import views
    from mbcprep.content.search import lookup_term
    from mbcprep.errors import UsageError

    content = settings_of(ctx).content()
    if not term:
        out(views.glossary(content.glossary))
        return
    found = lookup_term(content, " ".join(term))
    if found is None:
        raise UsageError(_("That is not in the glossary yet. 'mbcprep glossary' lists every word."))
    out(views.glossary([found]))


@bank_app.command("check", help=_("Check a question bank file or folder and list every problem."))
def bank_check(
    path: Annotated[str, typer.Argument(metavar=_("PATH"), help=_("A YAML file or a folder of them."))],
) -> None:
    from mbcprep.cli import views
    from mbcprep.content.bank_check import check_bank

    report = check_bank(path)
    if report.problems:
        out(views.problems(report.problems), err=True)
        raise typer.Exit(1)
    out(views.bank_ok(path, report))
