"""Who I am and what my cancer is, declared once (see `mbcprep.model.record`).

Three records:
- `Profile`: one per data folder. The name as it should appear on sheets (and which sheets show
  it), birth year or date, sex, pronouns, whether a pregnancy is possible, the diagnosis's dates,
  allergies and the person's own estimate of how active they are (the ECOG scale).
- `TumourResult`: one test result (ER, PR, HER2 or another biomarker) with its date and sample. Results
  change (a new biopsy can change HER2), so a new result never replaces an old one: the profile shows
  the latest of each, and the history is kept.
- `CancerSite`: a place the cancer has spread to, since when, and (for the brain) whether the spots
  were treated, are untreated or are stable.

Sources for what is recorded and how it is named:
- ER, PR and HER2 as the pathologist reports them: ASCO/College of American Pathologists, "Human
  Epidermal Growth Factor Receptor 2 Testing in Breast Cancer: ASCO-CAP Guideline Update" (2023) and
  "Estrogen and Progesterone Receptor Testing in Breast Cancer: ASCO/CAP Guideline Update" (2020: ER
  "low positive" is 1-10%); HER2-low (IHC 1+, or 2+ with a negative ISH test) and HER2-ultralow (IHC 0
  with faint staining in up to 10% of cells): National Cancer Institute, "HER2-low breast cancer" and
  FDA, "FDA approves fam-trastuzumab deruxtecan-nxki for ... HER2-low or HER2-ultralow breast cancer"
  (2025).
- The biomarkers listed (ESR1, PIK3CA, AKT1, PTEN, BRCA1/2, PALB2, PD-L1, MSI-H, TMB): NCCN Guidelines
  for Patients, "Metastatic Breast Cancer" (2024), the biomarker-testing chapter; Cancer.Net (ASCO),
  "Breast Cancer - Metastatic: Types of Treatment".
- The ECOG scale, in the wording of ECOG-ACRIN Cancer Research Group, "ECOG Performance Status Scale"
  (Oken MM et al., Am J Clin Oncol 1982;5:649-655), which ECOG-ACRIN publishes for anyone to use
  without permission. Grade 5 (dead) is left out: this is the person's own estimate. The person
  picks from the same grades said in plain first-person words of our own (`ECOG_IN_MY_WORDS`); the
  sheets keep the scale's own wording, which a clinic reads.
No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mbcprep.i18n import N_, _
from mbcprep.model.record import choice_field, month_field, spec, text_field

UNKNOWN = "unknown"  # "I don't know", wherever it is offered

SEXES = {"female": N_("female"), "male": N_("male"), "intersex": N_("intersex"), "other": N_("other")}
YES_NO = {"yes": N_("yes"), "no": N_("no")}
HOW_FOUND = {
    "de-novo": N_("metastatic from the start (de novo)"),
    "recurrence": N_("came back after earlier treatment (a recurrence)"),
}
HOW_FOUND_SHORT = {"de-novo": N_("de novo"), "recurrence": N_("a recurrence")}  # in a line


def means_no_allergy(text: str) -> bool:
    """Whether the words given as allergies say there are none ("none", "no known allergies", "nada"),
    in both languages."""
    return " ".join(text.casefold().strip(" .;").split()) in {
        *("none", "no", "nothing", "nil", "n/a", "no allergies", "no known allergies", "nka", "nkda"),
        *("no known drug allergies", "nada", "ninguna", "ninguno", "sin alergias", "ninguna conocida"),
        *("no tengo", "no tengo alergias", "sin alergias conocidas", "no hay"),
    }


BORN_SHOWN = {"age": N_("my age"), "date": N_("my date or year of birth"), "none": N_("neither")}
# The sheets a name may go on (`name_on`), by the ids `export --for` takes.
# (The family sheet is read at home, where the name is known: it never shows it.)
NAME_SHEETS = {"doctor": N_("the doctor's page"), "trial": N_("the trial page")}
NAME_ON_DEFAULT = "doctor,trial"  # the sheets handed to a clinic

# The ECOG scale (ECOG-ACRIN's wording; see the module's sources).
ECOG = {
    "0": N_("Fully active, able to carry on all pre-disease performance without restriction."),
    "1": N_(
        "Restricted in physically strenuous activity but ambulatory and able to carry out work of a light or"
        " sedentary nature, e.g., light house work, office work."
    ),
    "2": N_(
        "Ambulatory and capable of all selfcare but unable to carry out any work activities; up and about more"
        " than {percent} of waking hours."
    ),
    "3": N_("Capable of only limited selfcare; confined to bed or chair more than {percent} of waking hours."),
    "4": N_("Completely disabled; cannot carry on any selfcare; totally confined to bed or chair."),
}

# The same grades as a person picks them, in plain words of our own (ECOG's wording is under each).
ECOG_IN_MY_WORDS = {
    "0": N_("I do everything I did before the cancer, with no limits."),
    "1": N_("I can't do hard physical work, but I'm up and about and can do light work, like housework."),
    "2": N_("I look after myself and I'm up more than half the day, but I can't do any work."),
    "3": N_("I can only partly look after myself, and I'm in bed or a chair more than half the day."),
    "4": N_("I can't look after myself at all, and I'm in bed or a chair all the time."),
}


def ecog_words(grade: str) -> str:
    """A grade of the ECOG scale in its words, in the chosen language ("50%" kept out of the message,
    where it would read as a printf placeholder)."""
    return _(ECOG[grade]).format(percent="50%") if grade in ECOG else ""


# --- tumour results ------------------------------------------------------------------------------------

# The markers, by the ids `--marker` and a backup take, with what each is called (kept as a lab writes it).
RECEPTORS = ("er", "pr", "her2")
MARKERS = {
    "er": N_("ER (estrogen receptor)"),
    "pr": N_("PR (progesterone receptor)"),
    "her2": "HER2",
    "esr1": "ESR1",
    "pik3ca": "PIK3CA",
    "akt1": "AKT1",
    "pten": "PTEN",
    "brca1": "BRCA1",
    "brca2": "BRCA2",
    "palb2": "PALB2",
    "pd-l1": "PD-L1",
    "msi": "MSI-H / dMMR",
    "tmb": N_("TMB (tumor mutational burden)"),
    "other": N_("other"),
}
# ER and PR: positive (with its % when known), low positive (1-10%), negative, or not known.
HORMONE_RESULTS = {
    "positive": N_("positive"),
    "low": N_("low positive (1-10%)"),
    "negative": N_("negative"),
    UNKNOWN: N_("not known"),
}
# HER2 as the pathologist reports it: the IHC score, and for 2+ the ISH (FISH) test.
HER2_RESULTS = {
    "0": N_("IHC 0"),
    "ultralow": N_("IHC 0 with faint staining (ultralow)"),
    "1+": N_("IHC 1+"),
    "2+": N_("IHC 2+, ISH not done yet"),
    "2+ish-": N_("IHC 2+, ISH negative"),
    "2+ish+": N_("IHC 2+, ISH positive"),
    "3+": N_("IHC 3+"),
    UNKNOWN: N_("not known"),
}
# A gene or other biomarker: a change (mutation, variant) found, none found, or not known; PD-L1,
# MSI and TMB as positive or high / negative or low.
GENE_RESULTS = {"found": N_("change found"), "not-found": N_("no change found"), UNKNOWN: N_("not known")}
LEVEL_RESULTS = {"positive": N_("positive or high"), "negative": N_("negative or low"), UNKNOWN: N_("not known")}
ORIGINS = {
    "tissue": N_("tumor tissue (biopsy or surgery)"),
    "blood": N_("blood (liquid biopsy)"),
    "inherited": N_("inherited (blood or saliva test for genes you were born with)"),
}

ORIGIN_SHORT = {"tissue": N_("tissue"), "blood": N_("blood"), "inherited": N_("inherited")}  # in a line


def results_of(marker: str) -> dict[str, str]:
    """The results a marker can have, by id, with their words (marked for translation)."""
    if marker in ("er", "pr"):
        return HORMONE_RESULTS
    if marker == "her2":
        return HER2_RESULTS
    if marker in ("pd-l1", "msi", "tmb"):
        return LEVEL_RESULTS
    return GENE_RESULTS


def her2_group(result: str) -> str:
    """The group a HER2 result falls in: "positive" (3+, 2+ ISH positive), "low" (1+, 2+ ISH negative),
    "ultralow", "zero" (IHC 0), or "" when not known (2+ waiting for ISH too)."""
    return {"3+": "positive", "2+ish+": "positive", "1+": "low", "2+ish-": "low", "ultralow": "ultralow"}.get(
        result, "zero" if result == "0" else ""
    )


@dataclass
class TumourResult:
    """A test of the cancer (ER, PR, HER2, a gene...) and its result, with when it was tested."""

    uuid: str = field(metadata=spec("uuid", required=True))
    marker: str = choice_field(MARKERS, default="other", listed="head", sheet=N_("Test"))
    name: str = text_field()  # another biomarker's name (marker "other")
    result: str = text_field(listed="first", sheet=N_("Result"))  # an id of `results_of(marker)`, or words
    detail: str = text_field(listed="first")  # "90%", "CPS 10", "12 mut/Mb"
    origin: str = choice_field(ORIGINS, listed=N_("From: {origin}"))
    sample: str = text_field(listed=N_("Sample: {sample}"), sheet=N_("Sample"))  # "liver biopsy"
    tested: str = month_field(listed=N_("Tested: {month}"), sheet=N_("When"))
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    intact: bool = field(default=True, compare=False)

    @property
    def what(self) -> str:
        """What was tested, in words ("HER2", "ESR1", or the name given)."""
        if self.marker == "other" and self.name:
            return self.name
        return _(MARKERS[self.marker]) if self.marker in MARKERS else self.marker

    @property
    def known(self) -> bool:
        return bool(self.result) and self.result != UNKNOWN


# --- where the cancer has spread -------------------------------------------------------------------------

SITES = {
    "bone": N_("bone"),
    "liver": N_("liver"),
    "lung": N_("lung"),
    "brain": N_("brain"),
    "lymph-nodes": N_("lymph nodes"),
    "skin": N_("skin"),
    "other": N_("other"),
}
BRAIN_STATUS = {"treated": N_("treated"), "untreated": N_("untreated"), "stable": N_("stable")}


@dataclass
class CancerSite:
    """A place the cancer has spread to, and since when."""

    uuid: str = field(metadata=spec("uuid", required=True))
    site: str = choice_field(SITES, default="other", listed="head", sheet=N_("Where"))
    words: str = text_field(listed="first")  # what "other" is ("adrenal gland")
    since: str = month_field(listed=N_("Since {month}"), sheet=N_("Since"))
    # the brain's spots (the brain only)
    status: str = choice_field(BRAIN_STATUS, listed=N_("Spots: {status}"), sheet=N_("Status"))
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    intact: bool = field(default=True, compare=False)

    @property
    def where(self) -> str:
        if self.site == "other" and self.words:
            return self.words
        return _(SITES[self.site]) if self.site in SITES else self.site


# --- the profile ---------------------------------------------------------------------------------------------


@dataclass
class Profile:
    """Who the person is and what the cancer is: told once, shown where chosen."""

    uuid: str = field(metadata=spec("uuid", required=True))
    name: str = text_field(
        option="--name",
        help=N_("Your name as it should appear on the sheets."),
        prompt=N_("What name should go on your sheets?"),
        hint=N_("As your clinic knows you. Enter to skip."),
        listed="head",
    )
    name_on: str = field(  # the sheets (NAME_SHEETS ids) that show the name, joined by commas
        default=NAME_ON_DEFAULT,
        metadata=spec(
            "text",
            option="--name-on",
            metavar=N_("SHEETS"),
            help=N_("Which sheets show your name: doctor, trial, or both joined by a comma, or none."),
            prompt=N_("Which sheets should show your name?"),
        ),
    )
    born: str = field(  # 1968, or 1968-04-12
        default="",
        metadata=spec(
            "birth",
            option="--born",
            metavar=N_("YEAR"),
            help=N_("Your year of birth (1968) or date of birth (1968-04-12)."),
            prompt=N_("Your year of birth, or your date of birth? (Enter to skip)"),
            hint=N_("For example: 1968, or 1968-04-12"),
        ),
    )
    born_shown: str = choice_field(
        BORN_SHOWN,
        default="age",
        option="--show-born",
        metavar=N_("WHAT"),
        help=N_("What the sheets show: age, date (of birth) or none."),
        prompt=N_("What should the sheets show?"),
    )
    sex: str = choice_field(
        SEXES,
        option="--sex",
        metavar=N_("SEX"),
        help=N_("female, male, intersex or other."),
        prompt=N_("Your sex, as your medical records give it?"),
    )
    pronouns: str = text_field(
        option="--pronouns",
        help=N_('The pronouns you use, if you want them on the sheets ("she/her").'),
        prompt=N_("The pronouns you use, if you want them said? (Enter to skip)"),
    )
    pregnancy_possible: str = choice_field(
        YES_NO,
        option="--pregnancy-possible",
        metavar=N_("yes|no"),
        help=N_("Whether a pregnancy is possible for you: yes or no."),
        prompt=N_("Could you become pregnant?"),
        hint=N_("This keeps questions about birth control and fertility for those they fit."),
    )
    first_diagnosed: str = month_field(
        option="--diagnosed",
        help=N_("When breast cancer was first found: 2019-05, May 2019, or the year alone, 2019."),
        prompt=N_("When was breast cancer first found? (Enter to skip)"),
    )
    metastatic_since: str = month_field(
        option="--metastatic-since",
        help=N_("When it was found to have spread: 2024-03, or the year alone, 2024."),
        prompt=N_("When was it found to have spread? (Enter to skip)"),
    )
    how_found: str = choice_field(
        HOW_FOUND,
        option="--how-found",
        metavar=N_("HOW"),
        help=N_("de-novo (metastatic from the start) or recurrence (came back)."),
        prompt=N_("Was it metastatic from the start, or did it come back?"),
    )
    allergies: str = field(  # "penicillin; latex"
        default="",
        metadata=spec(
            "text",
            option="--allergy",
            metavar=N_("TEXT"),
            help=N_("An allergy (give it once for each); it replaces the list kept."),
            prompt=N_("Any allergies (medicines, foods, latex)? Separate them with ';'."),
            hint=N_("For example: penicillin; latex"),
            repeat=True,
        ),
    )
    no_known_allergies: bool = field(
        default=False,
        metadata=spec(
            "flag",
            option="--no-known-allergies",
            help=N_("Say you have no known allergies."),
        ),
    )
    ecog: str = choice_field(  # the person's own estimate, "" when not given
        ECOG,
        option="--ecog",
        metavar="0-4",
        help=N_("Your own estimate of how active you are, on the ECOG scale (0 to 4)."),
        prompt=N_("Which of these is most like you now? (your own estimate, on the ECOG scale)"),
    )
    ecog_on: str = field(default="", metadata=spec("date"))  # the day of the estimate
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    intact: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        self.no_known_allergies = bool(self.no_known_allergies)  # SQLite gives back 0 or 1

    def name_shown_on(self, sheet: str) -> bool:
        """Whether the name goes on `sheet` ("doctor" or "trial")."""
        return bool(self.name.strip()) and sheet in self.name_on.split(",")

    def problem(self) -> str:
        if self.allergies.strip() and self.no_known_allergies:
            return _("Give allergies or say there are none, not both.")
        from mbcprep.dates import ends_before

        if ends_before(self.metastatic_since, self.first_diagnosed):
            return _("The month it spread is before the month it was first found.")
        return ""
