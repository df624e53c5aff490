"""Everything kept, as an HL7 FHIR R4 document Bundle laid out as an International Patient Summary
(IPS), for a patient portal or a doctor's system: `mbcprep export --all --format fhir`.

The Bundle (type "document") starts with a Composition (the IPS summary, LOINC 60591-5) whose
sections point at the resources after it:

- Medication summary (LOINC 10160-0): each medicine taken now, and each line of drug treatment
  (hormone, targeted, chemotherapy, antibody-drug conjugate, immunotherapy) with its months and why
  it stopped, as MedicationStatements.
- Allergies (LOINC 48765-2): each allergy in the person's words, or "no known allergies" (SNOMED CT
  716186003, as IPS writes it); problems (LOINC 11450-4): the cancer (SNOMED CT 254837009) with its
  stage and the cancer in a line, and each place it has spread to with its body site. Both from the
  profile (`profile_parts`); without one, each section says in words that it has nothing.
- History of procedures (LOINC 47519-4): surgery, radiation and other treatments, as Procedures.
- Results (LOINC 30954-2): tumour test results (ER, PR with LOINC), lab values and markers (LOINC from
  the lab list, `data/labs.yaml`) and scans (`result_parts`).
- Functional status (LOINC 47420-5): the person's own 0-10 symptom scores, from the diary and from
  each visit, as Observations (category "survey"; pain as LOINC 72514-3, the 0-10 pain score). IPS
  puts assessment scales here; it has no section of its own for symptoms. The ECOG estimate (LOINC
  89247-1), the person's own, goes here too.

Every coded concept keeps its words in `text` (a code is added only where one is known), and every
section has a narrative. Ids are UUIDs made from each record's own uuid (`stable_id`), so the same
records give the same file: a portal that reads it twice updates, never doubles. The Bundle's
timestamp is the day it is made. Pure: the file is written 0600 by `mbcprep.files` like every export.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from mbcprep.i18n import _
from mbcprep.model.care import Medicine, Treatment, kind_words, kinds_of, stop_words
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.visit import Visit
from mbcprep.text import printable

if TYPE_CHECKING:
    from mbcprep.formats.registry import Job

# The namespace of the ids mbcprep gives FHIR resources (a UUID of its own, fixed for good).
NAMESPACE = uuid.UUID("6f1d3c2e-2b9a-5d7e-9c41-7a0e5b8f3d21")
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
XHTML = "http://www.w3.org/1999/xhtml"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
DRUG_KINDS = ("hormone", "targeted", "chemotherapy", "adc", "immunotherapy")  # a line of drug treatment
# The codes used, with their official displays (terminology, never translated; the words a person
# reads are each concept's `text`). SNOMED CT codes are from the IPS free set.
CODES = {
    "summary": (LOINC, "60591-5", "Patient summary Document"),
    "medication": (LOINC, "10160-0", "History of Medication use Narrative"),
    "allergies": (LOINC, "48765-2", "Allergies and adverse reactions Document"),
    "problems": (LOINC, "11450-4", "Problem list - Reported"),
    "procedures": (LOINC, "47519-4", "History of Procedures Document"),
    "results": (LOINC, "30954-2", "Relevant diagnostic tests/laboratory data Narrative"),
    "scores": (LOINC, "47420-5", "Functional status assessment note"),
    "pain": (LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
    "surgery": (SNOMED, "387713003", "Surgical procedure"),
    "radiation": (SNOMED, "108290001", "Radiation oncology AND/OR radiotherapy"),
    "survey": (OBSERVATION_CATEGORY, "survey", "Survey"),
    "laboratory": (OBSERVATION_CATEGORY, "laboratory", "Laboratory"),
    "imaging": (OBSERVATION_CATEGORY, "imaging", "Imaging"),
    "breast-cancer": (SNOMED, "254837009", "Malignant neoplasm of breast"),
    "no-allergy": (SNOMED, "716186003", "No known allergy"),
    "allergy-active": (ALLERGY_CLINICAL, "active", "Active"),
    "condition-active": (CONDITION_CLINICAL, "active", "Active"),
    "ecog": (LOINC, "89247-1", "ECOG Performance Status score"),
    "marker-er": (LOINC, "16112-5", "Estrogen receptor [Interpretation] in Tissue"),
    "marker-pr": (LOINC, "16113-3", "Progesterone receptor [Interpretation] in Tissue"),
    "site-bone": (SNOMED, "272673000", "Bone structure"),
    "site-liver": (SNOMED, "10200004", "Liver structure"),
    "site-lung": (SNOMED, "39607008", "Lung structure"),
    "site-brain": (SNOMED, "12738006", "Brain structure"),
    "site-lymph-nodes": (SNOMED, "59441001", "Structure of lymph node"),
    "site-skin": (SNOMED, "39937001", "Skin structure"),
    "unavailable": (EMPTY_REASON, "unavailable", "Unavailable"),
}


def stable_id(kind: str, key: str) -> str:
    """The id of a resource made from a record: the same record always gives the same id."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _text(value: str) -> str:
    """A FHIR string: what a person typed, with nothing a screen would act on, trimmed."""
    return printable(value).strip()


def _concept(words: str, coding: Sequence[tuple[str, str, str]] = ()) -> dict[str, Any]:
    """A CodeableConcept: the codes known (system, code, display) and always the words."""
    made: dict[str, Any] = {}
    if coding:
        made["coding"] = [{"system": s, "code": c, **({"display": d} if d else {})} for s, c, d in coding]
    made["text"] = _text(words) or _("not named")
    return made


def _narrative(lines: Iterable[str]) -> dict[str, Any]:
    items = "".join(f"<li>{escape(_text(line))}</li>" for line in lines if _text(line))
    body = f"<ul>{items}</ul>" if items else f"<p>{escape(_('Nothing recorded.'))}</p>"
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{body}</div>'}


def _period(start: str, end: str) -> dict[str, str]:
    """A Period from months or dates (FHIR dateTime takes YYYY-MM and YYYY-MM-DD as they are)."""
    return {k: v for k, v in (("start", start), ("end", end)) if v}


@dataclass
class Section:
    """One section of the summary: its title, LOINC code, the resources it points at and its words."""

    title: str
    code: str  # its key in CODES
    resources: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # what the narrative says, one item a line
    empty: str = ""  # what the narrative says when there is nothing

    def composition_part(self) -> dict[str, Any]:
        part: dict[str, Any] = {
            "title": self.title,
            "code": _concept(self.title, [CODES[self.code]]),
        }
        if self.resources:
            part["text"] = _narrative(self.lines)
            part["entry"] = [{"reference": f"urn:uuid:{r['id']}"} for r in self.resources]
        else:
            part["text"] = _narrative([self.empty or _("Nothing recorded.")])
            part["emptyReason"] = _concept(self.empty or _("Nothing recorded."), [CODES["unavailable"]])
        return part


@dataclass
class Summary:
    """What the bundle is made of, before it is laid out: the patient and the sections."""

    patient: dict[str, Any]
    sections: list[Section]

    @property
    def subject(self) -> dict[str, str]:
        return {"reference": f"urn:uuid:{self.patient['id']}"}


# --- the patient ------------------------------------------------------------------------------------


def patient_resource(records: dict[str, list[Any]], visits: Sequence[Visit]) -> dict[str, Any]:
    """The Patient. Its id comes from the oldest record kept (a visit, a medicine...), so it stays the
    same from one export to the next. Details (name, birth date, sex) come from the profile when one is
    kept: `profile_parts` fills them in."""
    keys = sorted(
        (getattr(r, "created_at", "") or "~", r.uuid) for r in (*visits, *(x for xs in records.values() for x in xs))
    )
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": stable_id("patient", keys[0][1] if keys else "nobody"),
        # The person's name is not kept without a profile: IPS asks for one, so it is said unknown.
        "name": [{"text": _("Name not given")}],
        "_birthDate": {
            "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason", "valueCode": "unknown"}]
        },
    }
    return patient


# --- medicines and lines of treatment ---------------------------------------------------------------


def medicine_statement(m: Medicine, subject: dict[str, str]) -> tuple[dict[str, Any], str]:
    dose = ", ".join(_text(x) for x in (m.dose, m.how_often) if _text(x))
    made: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": stable_id("medicine", m.uuid),
        "status": "active",
        "medicationCodeableConcept": _concept(m.name),
        "subject": subject,
    }
    if m.since:
        made["effectivePeriod"] = {"start": m.since}
    if _text(m.what_for):
        made["reasonCode"] = [_concept(m.what_for)]
    if dose:
        made["dosage"] = [{"text": dose}]
    line = _("{name}: {dose}").format(name=_text(m.name), dose=dose) if dose else _text(m.name)
    return made, line


def treatment_status(t: Treatment) -> str:
    if t.current:
        return "active"
    return "completed" if t.why_stopped == "finished" else "stopped"


def treatment_line(t: Treatment) -> str:
    from mbcprep.model.care import treatment_when

    parts = [_text(t.what), kind_words(t.kind), treatment_when(t), stop_words(t.why_stopped)]
    return "; ".join(p for p in parts if p)


def treatment_statement(t: Treatment, subject: dict[str, str]) -> dict[str, Any]:
    """A line of drug treatment as a MedicationStatement: what, its kind, its months, why it stopped."""
    made: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": stable_id("treatment", t.uuid),
        "status": treatment_status(t),
        "category": _concept(kind_words(t.kind)),
        "medicationCodeableConcept": _concept(t.what),
        "subject": subject,
    }
    if t.why_stopped:
        made["statusReason"] = [_concept(stop_words(t.why_stopped))]
    if t.started or t.stopped:
        made["effectivePeriod"] = _period(t.started, t.stopped)
    if _text(t.how_it_went):
        made["note"] = [{"text": _text(t.how_it_went)}]
    return made


def treatment_procedure(t: Treatment, subject: dict[str, str]) -> dict[str, Any]:
    """Surgery, radiation or another treatment as a Procedure."""
    known = next((CODES[k] for k in kinds_of(t) if k in ("surgery", "radiation")), None)
    made: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": stable_id("treatment", t.uuid),
        "status": "in-progress" if t.current else "completed",
        "category": _concept(kind_words(t.kind), [known] if known else ()),
        "code": _concept(t.what),
        "subject": subject,
    }
    if t.started or t.stopped:
        made["performedPeriod"] = _period(t.started, t.stopped)
    notes = [x for x in (stop_words(t.why_stopped), _text(t.how_it_went)) if x]
    if notes:
        made["note"] = [{"text": "; ".join(notes)}]
    return made


# --- the person's own scores -------------------------------------------------------------------------


def score_observation(
    key: str, symptom: str, name: str, score: int, day: str, note: str, subject: dict[str, str]
) -> dict[str, Any]:
    """A 0-10 score the person gave a symptom on a day (the diary, or when preparing a visit)."""
    coding = [CODES["pain"]] if symptom == "pain" else []
    # Translators: what a symptom score is, in a health summary; {symptom} is its name ("Pain").
    words = _("{symptom}, 0-10 as the person rated it").format(symptom=_text(name))
    made: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("score", key),
        "status": "final",
        "category": [_concept(_("Survey"), [CODES["survey"]])],
        "code": _concept(words, coding),
        "subject": subject,
        "effectiveDateTime": day,
        "valueInteger": score,
    }
    if _text(note):
        made["note"] = [{"text": _text(note)}]
    return made


def scores(visits: Sequence[Visit], diary: Sequence[DiaryEntry], subject: dict[str, str]) -> Section:
    section = Section(
        _("Symptom scores"),
        "scores",
        empty=_("No symptom scores recorded."),
    )
    for e in diary:
        if e.score is not None:
            section.resources.append(score_observation(e.uuid, e.symptom_id, e.name, e.score, e.day, e.note, subject))
            section.lines.append(_("{day}: {symptom} {score}/10").format(day=e.day, symptom=e.name, score=e.score))
    for v in visits:
        if not v.visit_date:
            continue
        for s in v.symptoms:
            if s.score is not None:
                key = f"{v.uuid}:{s.key}"
                section.resources.append(
                    score_observation(key, s.symptom_id, s.name, s.score, v.visit_date, s.note, subject)
                )
                section.lines.append(
                    _("{day}: {symptom} {score}/10").format(day=v.visit_date, symptom=s.name, score=s.score)
                )
    return section


# --- the summary -------------------------------------------------------------------------------------


def summary_of(
    visits: Sequence[Visit], records: dict[str, list[Any]], lab_codes: Mapping[str, str] | None = None
) -> Summary:
    patient = patient_resource(records, visits)
    subject = {"reference": f"urn:uuid:{patient['id']}"}
    medication = Section(
        _("Medicines and treatments"),
        "medication",
        empty=_("No medicines or treatments recorded."),
    )
    for m in records.get("medicines", []):
        made, line = medicine_statement(m, subject)
        medication.resources.append(made)
        medication.lines.append(line)
    procedures = Section(
        _("Past treatments and procedures"),
        "procedures",
        empty=_("No surgery, radiation or other treatments recorded."),
    )
    for t in records.get("treatments", []):
        if any(k in DRUG_KINDS for k in kinds_of(t)):
            medication.resources.append(treatment_statement(t, subject))
            medication.lines.append(treatment_line(t))
        else:
            procedures.resources.append(treatment_procedure(t, subject))
            procedures.lines.append(treatment_line(t))
    allergies = Section(
        _("Allergies"),
        "allergies",
        empty=_("Allergies were not recorded in mbcprep."),
    )
    problems = Section(
        _("Health problems"),
        "problems",
        empty=_("The diagnosis was not recorded in mbcprep."),
    )
    results = Section(
        _("Results"),
        "results",
        empty=_("No test results recorded."),
    )
    symptoms = scores(visits, records.get("diary", []), subject)
    summary = Summary(patient, [medication, allergies, problems, procedures, results, symptoms])
    profile_parts(summary, records)
    result_parts(summary, records, lab_codes or {})
    return summary


# --- who the person is and their cancer (`mbcprep profile`) -------------------------------------------


def profile_parts(summary: Summary, records: dict[str, list[Any]]) -> None:
    """The patient's details, allergies (or "no known allergies"), the cancer with its stage and where
    it has spread, each tumour test result with its date and sample, and the ECOG estimate."""
    from mbcprep.model.profile_summary import ProfileView, result_words, summary_line

    profiles = records.get("profile", [])
    view = ProfileView(
        profiles[0] if profiles else None, records.get("tumour_results", []), records.get("cancer_sites", [])
    )
    if view.empty:
        return
    part = {s.code: s for s in summary.sections}
    if view.profile is not None:
        patient_details(summary.patient, view.profile)
        allergy_entries(part["allergies"], view.profile, summary.subject)
        ecog = ecog_observation(view.profile, summary.subject)
        if ecog is not None:
            part["scores"].resources.append(ecog)
            part["scores"].lines.append(ecog["valueCodeableConcept"]["text"])
    cancer_entries(part["problems"], view, summary_line(view), summary.subject)
    for r in view.results:
        made = biomarker_observation(r, result_words(r), summary.subject)
        part["results"].resources.append(made)
        part["results"].lines.append(f"{made['code']['text']}: {made['valueCodeableConcept']['text']}")


def patient_details(patient: dict[str, Any], profile: Any) -> None:
    """The name (when the person chose to show it on the doctor's page, the page a clinic files), the
    year or date of birth (unless they chose to show neither) and sex."""
    if profile.name_shown_on("doctor"):
        patient["name"] = [{"text": _text(profile.name)}]
    if profile.born and profile.born_shown != "none":
        patient["birthDate"] = profile.born
        patient.pop("_birthDate", None)
    if profile.sex:
        patient["gender"] = {"female": "female", "male": "male"}.get(profile.sex, "other")


def allergy_entries(section: Section, profile: Any, subject: dict[str, str]) -> None:
    """Each allergy as an AllergyIntolerance in the person's words, or IPS's "no known allergies"."""
    from mbcprep.model.profile import means_no_allergy

    given = [a for a in profile.allergies.split(";") if _text(a)]
    found = [a for a in given if not means_no_allergy(a)]
    if (profile.no_known_allergies or given) and not found:  # "none" typed (before it was read so): none known
        said = _("No known allergies")
        section.resources.append(
            _allergy(stable_id("allergy", profile.uuid), _concept(said, [CODES["no-allergy"]]), subject)
        )
        section.lines.append(said)
    for n, allergy in enumerate(found):
        section.resources.append(_allergy(stable_id("allergy", f"{profile.uuid}:{n}"), _concept(allergy), subject))
        section.lines.append(_text(allergy))


def _allergy(ident: str, code: dict[str, Any], subject: dict[str, str]) -> dict[str, Any]:
    return {
        "resourceType": "AllergyIntolerance",
        "id": ident,
        "clinicalStatus": _concept(_("active"), [CODES["allergy-active"]]),
        "code": code,
        "patient": subject,
    }


def cancer_entries(section: Section, view: Any, line: str, subject: dict[str, str]) -> None:
    """The cancer as a Condition (breast cancer, SNOMED CT 254837009) with its stage (metastatic) and
    the cancer in a line; each place it has spread to as a Condition of its own, with its body site."""
    from mbcprep.model.profile import BRAIN_STATUS, HOW_FOUND

    profile = view.profile
    key = profile.uuid if profile is not None else next(r.uuid for r in (*view.sites, *view.results))
    words = _("Metastatic breast cancer: {line}").format(line=line) if line else _("Metastatic breast cancer")
    made: dict[str, Any] = {
        "resourceType": "Condition",
        "id": stable_id("cancer", key),
        "clinicalStatus": _concept(_("active"), [CODES["condition-active"]]),
        "code": _concept(words, [CODES["breast-cancer"]]),
        "subject": subject,
        "stage": [{"summary": _concept(_("Stage IV (metastatic)"))}],
    }
    if profile is not None and profile.first_diagnosed:
        made["onsetDateTime"] = profile.first_diagnosed
    if profile is not None and profile.how_found in HOW_FOUND:
        made["note"] = [{"text": _(HOW_FOUND[profile.how_found])}]
    section.resources.append(made)
    section.lines.append(words)
    for site in view.sites:
        where = _text(site.where)
        said = _("Cancer that has spread to: {where}").format(where=where)
        code = CODES.get(f"site-{site.site}")
        spread: dict[str, Any] = {
            "resourceType": "Condition",
            "id": stable_id("site", site.uuid),
            "clinicalStatus": _concept(_("active"), [CODES["condition-active"]]),
            "code": _concept(said),
            "bodySite": [_concept(where, [code] if code else ())],
            "subject": subject,
        }
        if site.since:
            spread["onsetDateTime"] = site.since
        if site.status in BRAIN_STATUS:
            spread["note"] = [{"text": _("Spots: {status}").format(status=_(BRAIN_STATUS[site.status]))}]
        section.resources.append(spread)
        section.lines.append(said)


def biomarker_observation(r: Any, result: str, subject: dict[str, str]) -> dict[str, Any]:
    """A tumour test result (ER, PR, HER2, a gene...): what was tested, the result, when, the sample.
    ER and PR carry their LOINC code when tested in tissue."""
    from mbcprep.model.profile import ORIGINS

    code = CODES.get(f"marker-{r.marker}") if r.origin in ("", "tissue") else None
    made: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("biomarker", r.uuid),
        "status": "final",
        "category": [_concept(_("Laboratory"), [CODES["laboratory"]])],
        "code": _concept(r.what, [code] if code else ()),
        "subject": subject,
        "valueCodeableConcept": _concept(result or _("not known")),
    }
    if r.tested:
        made["effectiveDateTime"] = r.tested
    sample = "; ".join(x for x in (_(ORIGINS[r.origin]) if r.origin in ORIGINS else "", _text(r.sample)) if x)
    if sample:
        made["note"] = [{"text": _("Sample: {sample}").format(sample=sample)}]
    return made


def ecog_observation(profile: Any, subject: dict[str, str]) -> dict[str, Any] | None:
    """The person's own estimate of how active they are, on the ECOG scale (LOINC 89247-1)."""
    from mbcprep.model.profile import ecog_words

    if not profile.ecog:
        return None
    made: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("ecog", profile.uuid),
        "status": "final",
        "category": [_concept(_("Survey"), [CODES["survey"]])],
        "code": _concept(_("ECOG performance status, the person's own estimate"), [CODES["ecog"]]),
        "subject": subject,
        "valueCodeableConcept": _concept(f"ECOG {profile.ecog}: {ecog_words(profile.ecog)}"),
    }
    if profile.ecog_on:
        made["effectiveDateTime"] = profile.ecog_on
    return made


# --- results (`mbcprep results`) ----------------------------------------------------------------------


def result_parts(summary: Summary, records: dict[str, list[Any]], lab_codes: Mapping[str, str]) -> None:
    """Lab values and tumour markers (with the LOINC code of the lab list when known) and scans."""
    from mbcprep.model.results import result_title

    section = next(s for s in summary.sections if s.code == "results")
    for r in records.get("results", []):
        made = scan_observation(r, summary.subject) if r.is_scan else lab_observation(r, lab_codes, summary.subject)
        section.resources.append(made)
        section.lines.append(f"{r.day}: {result_title(r)}")


def lab_observation(r: Any, lab_codes: Mapping[str, str], subject: dict[str, str]) -> dict[str, Any]:
    loinc = lab_codes.get(r.lab_id, "")
    made: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("result", r.uuid),
        "status": "final",
        "category": [_concept(_("Laboratory"), [CODES["laboratory"]])],
        "code": _concept(r.lab, [(LOINC, loinc, "")] if loinc else ()),  # LOINC's own name is not kept
        "subject": subject,
        "effectiveDateTime": r.day,
        "valueQuantity": _quantity(r.value, r.unit),
    }
    ranges = {k: _quantity(v, r.unit) for k, v in (("low", r.low), ("high", r.high)) if v is not None}
    if ranges:
        made["referenceRange"] = [ranges]
    if _text(r.note):
        made["note"] = [{"text": _text(r.note)}]
    return made


def _quantity(value: float, unit: str) -> dict[str, Any]:
    made: dict[str, Any] = {"value": int(value) if float(value).is_integer() else value}
    if _text(unit):
        made["unit"] = _text(unit)
    return made


def scan_observation(r: Any, subject: dict[str, str]) -> dict[str, Any]:
    """A scan: its kind and what it looked at, and the report's words compared with the scan before."""
    from mbcprep.model.results import finding_words, scan_words

    what = scan_words(r.scan)
    if _text(r.area):
        what = _("{scan} ({area})").format(scan=what, area=_text(r.area))
    made: dict[str, Any] = {
        "resourceType": "Observation",
        "id": stable_id("result", r.uuid),
        "status": "final",
        "category": [_concept(_("Imaging"), [CODES["imaging"]])],
        "code": _concept(what),
        "subject": subject,
        "effectiveDateTime": r.day,
        "valueCodeableConcept": _concept(finding_words(r.finding) or _("not said")),
    }
    if _text(r.note):
        made["note"] = [{"text": _text(r.note)}]
    return made


def render_bundle(
    visits: Sequence[Visit],
    records: dict[str, list[Any]],
    made_on: str,
    lab_codes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The document Bundle of everything kept, as plain JSON values (`lab_codes`: the LOINC code of each
    lab in the list, by its id)."""
    summary = summary_of(visits, records, lab_codes)
    resources = [r for s in summary.sections for r in s.resources]
    ids = sorted(r["id"] for r in resources)
    composition_id = stable_id("composition", summary.patient["id"])
    composition: dict[str, Any] = {
        "resourceType": "Composition",
        "id": composition_id,
        "status": "final",
        "type": _concept(_("Patient summary"), [CODES["summary"]]),
        "subject": summary.subject,
        "date": made_on,
        "author": [summary.subject],  # the person's own record, kept by them
        "title": _("Patient summary, kept by the patient with mbcprep"),
        "section": [s.composition_part() for s in summary.sections],
    }
    entries = [composition, summary.patient, *resources]
    return {
        "resourceType": "Bundle",
        "id": stable_id("bundle", ":".join([summary.patient["id"], *ids])),
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{composition_id}"},
        "type": "document",
        "timestamp": f"{made_on}T00:00:00Z",
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in entries],
    }


def render_fhir(job: Job) -> str:
    """The "fhir" format: everything kept (`job.records`) and the visits' scores, as one document."""
    bundle = render_bundle(job.visits, job.records or {}, job.made_on.isoformat(), job.lab_codes)
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
