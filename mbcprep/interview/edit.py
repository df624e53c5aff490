"""`mbcprep edit`: change a saved visit, step by step, and save it in one go.

The saved visit is only changed by "Save and finish". Until then every change is kept aside, for
this window alone, so Ctrl-C or a closed terminal loses nothing and two windows never overwrite each
other: the next `edit` of the visit offers to pick up each window's changes.
"""

from __future__ import annotations

from mbcprep.errors import InterviewStopped
from mbcprep.i18n import _
from mbcprep.interview.interview import Interview, summary_lines
from mbcprep.interview.save import save_keeping_both
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.prompts.base import Option, Prompter
from mbcprep.signals import held_stop_signals
from mbcprep.storage.kept_edits import KeptEdit
from mbcprep.storage.store import Store


def edit_visit(prompter: Prompter, content: Content, store: Store, visit: Visit) -> Visit:
    assert visit.id is not None
    visit_id = visit.id
    kept_id: int | None = None
    visit, chosen = choose_between_computers(prompter, store, visit)
    kept_aside = store.kept_edits(visit_id)
    if kept_aside:
        if len(kept_aside) == 1:
            message = _("You have unsaved changes to this visit from last time. What would you like to do?")
        else:
            message = _("You have unsaved changes to this visit from {n} windows. What would you like to do?").format(
                n=len(kept_aside)
            )
        choice = prompter.choose(
            message,
            [
                *_pick_up_options(visit, kept_aside),
                Option(_("Start from the saved visit, and keep those changes aside"), "saved"),
                Option(_("Throw them away and start from the saved visit"), "discard"),
            ],
        )
        if choice == "discard":
            store.drop_kept_edits(visit_id)
        elif choice != "saved":
            picked = next(k for k in kept_aside if k.id == choice)
            visit, kept_id = picked.visit, picked.id
    interview = Interview(prompter, content, store, autosave=False)
    changed = kept_id is not None or bool(chosen)
    try:
        while True:
            for line in summary_lines(visit, content):
                prompter.say(line)
            action = prompter.choose(
                _("What would you like to change?"),
                [
                    Option(_("Add questions"), "add"),
                    Option(_("Remove questions"), "remove"),
                    Option(_("Move a question up or down the list"), "order"),
                    *(o for o in interview.change_options(visit) if o.value != "questions"),
                    Option(_("Save and finish"), "save"),
                    Option(_("Leave without saving"), "quit"),
                ],
            )
            if action == "save":
                break
            if action == "quit":
                if kept_id is not None:
                    store.drop_kept_edit(kept_id)
                raise InterviewStopped(visit_id, "unchanged")
            if action == "add":
                interview.ask_questions(visit)
            elif action == "remove":
                if not visit.questions:
                    prompter.say(_("There are no questions to remove."))
                    continue
                drop = set(
                    prompter.choose_many(
                        _("Tick the questions to remove:"), [Option(q.text, i) for i, q in enumerate(visit.questions)]
                    )
                )
                visit.questions = [q for i, q in enumerate(visit.questions) if i not in drop]
            elif action == "order":
                move_questions(prompter, visit)
            else:
                interview.change(action, visit)
            if action in ("add", "remove"):
                visit.renumber_first()
            kept_id = store.keep_edit(visit, kept_id)
            changed = True
    except (KeyboardInterrupt, EOFError):
        if changed or interview.touched:
            store.keep_edit(visit, kept_id)
            raise InterviewStopped(visit_id, "edit-draft") from None
        raise InterviewStopped(visit_id, "unchanged") from None
    with held_stop_signals() as arrived:
        saved = save_keeping_both(prompter, store, visit)
        if kept_id is not None:
            store.drop_kept_edit(kept_id)  # the changes now live in the saved visit
        if chosen:
            store.choose("visits", saved.uuid, chosen)
    if arrived:
        raise InterviewStopped(saved.id, "saved")
    return saved


def choose_between_computers(prompter: Prompter, store: Store, visit: Visit) -> tuple[Visit, list[str]]:
    """Where the same part of the visit was changed on two computers at the same time, both were kept
    (`mbcprep share`): the person chooses one, part by part. Returns the visit with the choices and
    the parts chosen (written for every computer when the visit is saved)."""
    clashes = store.conflicts("visits", visit.uuid)
    if not clashes:
        return visit, []
    from mbcprep.formats.backup import visit_from_record
    from mbcprep.model.record import to_record

    prompter.say(_("This visit was changed on two computers at the same time. Both versions were kept."))
    data = to_record(visit)
    for key, values in clashes.items():
        picked = prompter.choose(
            _("Which do you keep?"),
            [
                Option(_("{value} (from {computer})").format(value=_in_words(value), computer=name), n)
                for n, (name, value) in enumerate(values)
            ],
        )
        data[key] = values[picked][1]
    chosen = visit_from_record(data, _("the visit"))
    chosen.id, chosen.revision = visit.id, visit.revision
    return chosen, list(clashes)


def _in_words(value: object) -> str:
    """A value written on another computer, in a line: text as it is, a list as its items' first words."""
    from mbcprep.text import one_line

    if isinstance(value, list):
        items = [
            next((v for v in item.values() if isinstance(v, str) and v), "") for item in value if isinstance(item, dict)
        ]
        value = "; ".join(i for i in items if i)
    text = one_line(str(value if value is not None else ""), 70)
    return text or _("(empty)")


def move_questions(prompter: Prompter, visit: Visit) -> None:
    """Move questions up or down the list, one at a time, until the person is done."""
    while True:
        if len(visit.questions) < 2:
            prompter.say(_("There is nothing to move: the list has fewer than two questions."))
            return
        picked = prompter.choose(
            _("Which question do you want to move?"),
            [Option(f"{n}. {q.text}", i) for n, (i, q) in enumerate(enumerate(visit.questions), 1)]
            + [Option(_("Done moving"), None)],
        )
        if picked is None:
            return
        where = prompter.choose(
            _("Move it where?"),
            [
                Option(_("To the top"), "top"),
                Option(_("Up one"), "up"),
                Option(_("Down one"), "down"),
                Option(_("To the end"), "end"),
            ],
        )
        question = visit.questions.pop(picked)
        last = len(visit.questions)
        to = {"top": 0, "up": max(0, picked - 1), "down": min(last, picked + 1), "end": last}[where]
        visit.questions.insert(to, question)


def _pick_up_options(saved: Visit, kept_aside: list[KeptEdit]) -> list[Option]:
    """One line for each window's kept-aside changes: when, and what they change, so two of them
    can be told apart."""
    labels = [
        _("Pick up my unsaved changes from {when} ({what})").format(
            when=_when(k.updated_at), what=_what_changed(saved, k.visit)
        )
        for k in kept_aside
    ]
    if len(set(labels)) < len(labels):
        labels = [_("{choice}, number {n}").format(choice=label, n=n) for n, label in enumerate(labels, 1)]
    return [Option(label, k.id) for label, k in zip(labels, kept_aside, strict=True)]


def _what_changed(saved: Visit, changed: Visit) -> str:
    parts = [
        (
            _("date, doctor or kind"),
            (saved.visit_date, saved.with_whom, saved.kind) != (changed.visit_date, changed.with_whom, changed.kind),
        ),
        (_("questions"), saved.questions != changed.questions),
        (_("how I feel"), saved.symptoms != changed.symptoms),
        (_("what matters"), saved.considerations != changed.considerations),
        (_("notes"), saved.notes != changed.notes),
    ]
    named = [name for name, differs in parts if differs]
    return ", ".join(named) if named else _("nothing yet")


def _when(stamp: str) -> str:
    """A kept-aside time as a person reads it: 'Monday 30 November at 14:05' in local time."""
    from mbcprep.i18n import moment_words

    return moment_words(stamp, _("an earlier session"))
