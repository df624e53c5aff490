"""Who I am and my cancer (`mbcprep profile`): reading what a person gave, saving it, and the profile
as sheets and suggestions read it.

Plain functions: plain values in, records out, nothing printed. What is typed is read by the same
functions whether it came from options (`profile set --no-input`) or the form (`profile edit`), as
`mbcprep.actions.care` does for my care. A new test result never replaces an old one: it is added,
and the latest of each marker is what the profile shows. Sentences name the option, never repeat
what was typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from mbcprep.actions.care import option_name, read_value
from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.model.profile import (
    BRAIN_STATUS,
    MARKERS,
    NAME_SHEETS,
    ORIGINS,
    SITES,
    UNKNOWN,
    CancerSite,
    Profile,
    TumourResult,
    means_no_allergy,
    results_of,
)
from mbcprep.model.profile_summary import ProfileView, summary_line
from mbcprep.model.record import Declared, declared, to_record
from mbcprep.settings import Settings

# Words that mean "I don't know" (an answer always allowed), in both languages.
DONT_KNOW_WORDS = {
    *("unknown", "?", "don't know", "dont know", "i don't know", "not known"),
    *("i dont know", "do not know", "i do not know", "not sure", "i'm not sure"),
    *("no sé", "no se", "no lo sé", "no lo se", "desconocido", "no estoy segura", "no estoy seguro"),
}
# Short ways results are written on reports, and in the other language, for each kind of result.
RESULT_WORDS = {
    "positive": ("+", "pos", "positive", "positivo", "high", "alto"),
    "negative": ("-", "neg", "negative", "negativo", "low", "bajo"),
    "low": ("low positive", "low-positive", "er-low", "positivo bajo"),
    "found": (
        *("found", "mutation", "mutated", "mutation found", "mutation detected", "variant found", "change found"),
        *("pathogenic variant", "detected", "yes", "positive", "encontrado", "mutado", "mutación", "sí", "si"),
    ),
    "not-found": (
        *("not found", "none", "no", "not detected", "negative", "wild type", "wild-type", "no mutation"),
        *("no mutation found", "no change found", "no variant found", "no encontrado", "negativo", "sin mutación"),
    ),
}


def _by_when(results: Iterable[TumourResult]) -> list[TumourResult]:
    return sorted(results, key=lambda r: (r.tested[:7] if r.tested else "", r.id or 0))


def read_view(store: Any, *, checked: bool = False) -> ProfileView:
    """The profile as kept in an open store; with `checked`, each record held to its checksum (its
    `intact` False when it no longer matches)."""
    profiles, results, sites = (
        store.records(key).all(checked=checked) for key in ("profile", "tumour_results", "cancer_sites")
    )
    return ProfileView(profiles[0] if profiles else None, _by_when(results), sites)


def damaged_in(view: ProfileView) -> list[tuple[str, int]]:
    """(list, number) of each record of the profile that no longer matches its checksum."""
    found: list[tuple[str, Any]] = [("profile", view.profile)] if view.profile is not None else []
    found += [("tumour_results", r) for r in view.results] + [("cancer_sites", s) for s in view.sites]
    return [(key, r.id) for key, r in found if not r.intact and r.id is not None]


def load(settings: Settings) -> ProfileView:
    with settings.open_store() as store:
        return read_view(store)


# --- reading what a person gave ----------------------------------------------------------------------


def fields_given() -> tuple[Declared, ...]:
    """The profile's fields a person gives, in their order."""
    return tuple(d for d in declared(Profile) if d.spec.option or d.spec.prompt)


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def dont_know(text: str) -> bool:
    return _folded(text) in DONT_KNOW_WORDS


def read_profile_value(d: Declared, value: Any, today: date | None = None) -> Any:
    """One field of the profile from what was given (a list for an option given more than once):
    "I don't know" leaves a choice or a date empty."""
    s, option = d.spec, option_name(d)
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v).strip() for v in value if str(v).strip())
    text = str(value)
    if s.kind in ("choice", "month", "birth") and dont_know(text):
        return ""
    if d.name == "name_on":
        return read_sheets(text, option)
    if s.kind == "birth":
        return read_birth(text, option, today)
    return read_value(d, text, today)


def read_sheets(text: str, option: str = "--name-on") -> str:
    """The sheets a name goes on: ids of `NAME_SHEETS` (or their words) joined by commas; "none"."""
    picked = []
    for word in text.replace(";", ",").split(","):
        w = _folded(word)
        if not w or w in ("none", "ninguna", "ninguno", "nowhere"):
            continue
        found = [key for key, words in NAME_SHEETS.items() if w in (key, _folded(_(words)), _folded(words))]
        if not found:
            raise UsageError(
                _("{option} takes one or more of: {choices}, or none.").format(
                    option=option, choices=", ".join(NAME_SHEETS)
                )
            )
        if found[0] not in picked:
            picked.append(found[0])
    return ",".join(key for key in NAME_SHEETS if key in picked)


def read_birth(text: str, option: str = "--born", today: date | None = None) -> str:
    """A year of birth (1968) or a date of birth (1968-04-12, or as dates are typed) from 1900 to
    this year; "" for blank. Refused, the sentence names `option`, or none when it is "" (a form's
    question, where an option's name would mean nothing)."""
    from mbcprep.model.record import is_birth

    words = text.strip()
    if not words:
        return ""
    year = (today or date.today()).year
    if words.isascii() and is_birth(words) and "1900" <= words[:4] <= str(year):
        return words
    if not option:
        raise UsageError(_("Please type a year (1968) or a date (1968-04-12), from 1900 on."))
    raise UsageError(_("{option} takes a year (1968) or a date (1968-04-12).").format(option=option))


def read_result(marker: str, text: str, option: str) -> tuple[str, str]:
    """(result id, detail) for a marker from the words of a report: "positive 90%", "1+", "2+ ISH-",
    "mutation found", "negative"; "I don't know" is `unknown`. Another biomarker (`other`) keeps its
    words as they are."""
    words = _folded(text)
    if not words:
        raise UsageError(_("{option} needs a result.").format(option=option))
    if dont_know(words):
        return UNKNOWN, ""
    if marker == "her2":
        return _her2(words, option), ""
    table = results_of(marker)
    if marker == "other":
        return text.strip(), ""
    if marker in ("er", "pr"):
        percent = next((w for w in words.split() if w.rstrip("%").isdigit() and w.endswith("%")), "")
        rest = " ".join(w for w in words.split() if w != percent)
        if percent and not rest:
            value = int(percent.rstrip("%"))
            return ("negative" if value < 1 else "low" if value <= 10 else "positive"), percent
        if rest in RESULT_WORDS["low"]:
            return "low", percent
        for result in ("positive", "negative"):
            if rest in RESULT_WORDS[result] or rest in (_(table[result]).casefold(),):
                return result, percent
        raise UsageError(
            _("{option} takes positive (with its percent if known), low, negative or unknown.").format(option=option)
        )
    for result in table:
        if result == UNKNOWN:
            continue
        aliases = (*RESULT_WORDS.get(result, ()), result, _(table[result]).casefold(), table[result].casefold())
        for alias in sorted(aliases, key=len, reverse=True):
            if words == alias or words.startswith(alias + " "):
                return result, text.strip()[len(alias) :].strip()
    choices = ", ".join(r for r in table if r != UNKNOWN)
    raise UsageError(_("{option} takes {choices} or unknown.").format(option=option, choices=choices))


def _her2(words: str, option: str) -> str:
    """A HER2 result as the pathologist writes it: 0, ultralow, 1+, 2+ (with ISH- or ISH+), 3+."""
    bare = words.replace("ihc", "").replace("ihq", "").replace("fish", "ish").replace(" ", "").replace(",", "")
    bare = bare.replace("ishnegative", "ish-").replace("ishpositive", "ish+")
    bare = bare.replace("ishnegativo", "ish-").replace("ishpositivo", "ish+")
    if bare in ("0", "zero", "cero", "negative", "negativo"):
        return "0"
    if bare in ("ultralow", "0+", "ultrabajo", "0faint", "0ultralow"):
        return "ultralow"
    if bare in ("1+", "1", "low", "bajo"):
        return "1+"
    if bare in ("2+", "2", "2+ish-", "2+ish+", "3+", "3"):
        return {"2": "2+", "3": "3+"}.get(bare, bare)
    raise UsageError(_("{option} takes 0, ultralow, 1+, 2+ ISH-, 2+ ISH+, 3+ or unknown.").format(option=option))


def read_marker(text: str, option: str = "--marker") -> tuple[str, str, str]:
    """(marker id, name, words) from "ESR1=mutation found", "PD-L1=positive CPS 12", "NTRK=fusion"."""
    name, sep, words = text.partition("=")
    if not sep or not name.strip() or not words.strip():
        raise UsageError(_('{option} takes a name and a result, like "ESR1=mutation found".').format(option=option))
    key = name.strip().casefold().replace(" ", "")
    aliases = {m: m.replace("-", "") for m in MARKERS}
    found = next((m for m, bare in aliases.items() if key in (m, bare) and m != "other"), "")
    if key in ("msi-h", "msih", "dmmr", "mmr"):
        found = "msi"
    return (found, "", words) if found else ("other", name.strip(), words)


def read_site(text: str, today: date | None = None, option: str = "--site") -> tuple[str, str, str]:
    """(site id, words for another place, since) from "bone", "liver=2024-03", "adrenal gland"."""
    from mbcprep.inputs import parse_month

    where, _sep, since = text.partition("=")
    folded = _folded(where)
    if not folded:
        raise UsageError(_("{option} needs a place, like bone or liver.").format(option=option))
    found = next(
        (k for k, words in SITES.items() if folded in (k, k.replace("-", " "), _folded(words), _folded(_(words)))), ""
    )
    month = parse_month(since, today, what=_("The {option} given").format(option=option)) if since.strip() else ""
    if found and found != "other":
        return found, "", month
    return "other", where.strip(), month


@dataclass
class Given:
    """What `profile set` or the form gave. None: not given (what is kept stays)."""

    fields: dict[str, Any] = field(default_factory=dict)  # Profile attribute -> words
    results: list[tuple[str, str, str]] = field(default_factory=list)  # (marker, name, words) to add
    tested: str | None = None  # the month of the results given
    sample: str | None = None  # where the sample came from ("liver biopsy")
    origin: str | None = None  # tissue, blood or inherited
    sites: list[str] | None = None  # the places, each "bone" or "liver=2024-03"; replaces the list
    brain: str | None = None  # the brain's spots: treated, untreated, stable


def read_profile(old: Profile | None, given: Mapping[str, Any], today: date | None = None) -> Profile:
    """The profile changed by the words given for its fields (a field not given keeps its value),
    held to its own rule."""
    base = old or Profile(str(uuid.uuid4()))
    changed: dict[str, Any] = {}
    for d in fields_given():
        value = given.get(d.name)
        if value is not None:
            changed[d.name] = read_profile_value(d, value, today)
    if changed.get("allergies") and means_no_allergy(changed["allergies"]):
        changed["allergies"], changed["no_known_allergies"] = "", True  # "none" means no known allergies
    if changed.get("allergies"):
        changed.setdefault("no_known_allergies", False)
    if changed.get("no_known_allergies"):
        changed.setdefault("allergies", "")
    if "ecog" in changed and changed["ecog"] != base.ecog:
        changed["ecog_on"] = (today or date.today()).isoformat() if changed["ecog"] else ""
    made = replace(base, **changed)
    problem = made.problem()
    if problem:
        raise UsageError(problem)
    return made


def new_results(view: ProfileView, given: Given, today: date | None = None) -> list[TumourResult]:
    """The results given, each a new record, leaving out one that says what the latest already says."""
    from mbcprep.actions.care import _pick
    from mbcprep.inputs import clean_text, parse_month

    tested = parse_month(given.tested or "", today, what=_("The {option} given").format(option="--tested"))
    origin = _pick(given.origin or "", ORIGINS, "--from") if given.origin else ""
    sample = clean_text(given.sample or "")
    out: list[TumourResult] = []
    for marker, name, words in given.results:
        option = f"--{marker}" if marker in ("er", "pr", "her2") else "--marker"
        result, detail = read_result(marker, words, option)
        made = TumourResult(str(uuid.uuid4()), marker, name, result, detail, origin, sample, tested)
        last = view.latest(marker, name)
        if last is not None and _says_the_same(last, made):
            continue  # nothing new: the latest already says it
        out.append(made)
    return out


def _says_the_same(last: TumourResult, new: TumourResult) -> bool:
    """A result given again: the same words, and no other date or sample given."""
    if (last.result, last.detail) != (new.result, new.detail):
        return False
    return (not new.tested or new.tested == last.tested) and (not new.sample or new.sample == last.sample)


def new_sites(view: ProfileView, given: Given, today: date | None = None) -> list[CancerSite] | None:
    """The places after what was given (None: unchanged). A place kept keeps its record (and since)."""
    from mbcprep.actions.care import _pick

    if given.sites is None and given.brain is None:
        return None
    wanted: list[CancerSite] = []
    for text in given.sites if given.sites is not None else []:
        site, words, since = read_site(text, today)
        old = next((s for s in view.sites if s.site == site and _folded(s.words) == _folded(words)), None)
        made = replace(old, since=since or old.since) if old else CancerSite(str(uuid.uuid4()), site, words, since)
        if all(w.uuid != made.uuid and (w.site, _folded(w.words)) != (site, _folded(words)) for w in wanted):
            wanted.append(made)
    if given.sites is None:
        wanted = list(view.sites)
    if given.brain is not None:
        status = "" if dont_know(given.brain) else _pick(given.brain, BRAIN_STATUS, "--brain")
        brain = next((s for s in wanted if s.site == "brain"), None)
        if brain is None:
            brain = view.site("brain") or CancerSite(str(uuid.uuid4()), "brain")
            wanted.append(brain)
        wanted[wanted.index(brain)] = replace(brain, status=status)
    return wanted


def find_result(settings: Settings, number: str) -> TumourResult:
    """The test result numbered `number` (the number `mbcprep profile` shows beside it)."""
    with settings.open_store() as store:
        results = read_view(store).results
    found = next((r for r in results if number.strip().isdigit() and r.id == int(number.strip())), None)
    if found is None:
        raise UsageError(_("There is no test result with that number. 'mbcprep profile' shows their numbers."))
    return found


def remove_result(settings: Settings, result: TumourResult) -> None:
    """Remove a test result typed by mistake, through the store's own delete (as `treatments remove`)."""
    with settings.open_store() as store:
        if result.id is not None:
            store.records("tumour_results").delete(result.id)


def save_given(settings: Settings, given: Given, today: date | None = None) -> ProfileView:
    """Save what was given, all at once (one transaction): the profile's fields, the new results, the
    places. Everything is read and checked before anything is written."""
    with settings.open_store() as store:
        view = read_view(store)
        profile = read_profile(view.profile, given.fields, today) if given.fields or view.profile is None else None
        results = new_results(view, given, today)
        sites = new_sites(view, given, today)
        profiles, kept_results, places = (store.records(k) for k in ("profile", "tumour_results", "cancer_sites"))
        with store.transaction() as db:
            if profile is not None:
                profiles.save_in(db, profile)
            for r in results:
                kept_results.save_in(db, r)
            if sites is not None:
                keep = {s.uuid for s in sites}
                for old in view.sites:
                    if old.uuid not in keep:
                        db.execute("DELETE FROM cancer_sites WHERE uuid = ?", (old.uuid,))
                for s in sites:
                    places.save_in(db, s)
        return read_view(store)


def as_json(view: ProfileView) -> dict[str, Any]:
    """What `profile --json` prints: the profile as a backup holds it, the latest result of each
    marker, every result (the history) and the places."""
    return {
        "profile": to_record(view.profile) if view.profile else None,
        "summary": summary_line(view),
        "latest": [to_record(r) for r in view.latest_each()],
        "history": [to_record(r) for r in view.results],
        "sites": [to_record(s) for s in view.sites],
    }
