"""`mbcprep export --all --format fhir` (issue 21, point 5): an HL7 FHIR R4 document Bundle laid out as
an International Patient Summary, every resource validated with the `fhir.resources` package (its R4B
models, which read R4)."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mbcprep.formats.fhir import render_bundle, stable_id
from mbcprep.model.care import Medicine, Treatment
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.visit import SymptomScore, Visit


@pytest.fixture(scope="module", autouse=True)
def fhir_resources() -> None:
    """The R4B models, imported when these tests run, not when each worker collects this file (with
    pydantic, a third of a second); missing, every test here is skipped."""
    pytest.importorskip("fhir.resources.R4B")


LOINC = "http://loinc.org"
SECTIONS = {  # IPS sections by LOINC code
    "10160-0": "medication",
    "48765-2": "allergies",
    "11450-4": "problems",
    "47519-4": "procedures",
    "30954-2": "results",
    "47420-5": "scores",
}


def validated(bundle: dict[str, Any]) -> dict[str, Any]:
    """Every resource, and the Bundle, read by the R4B models (which refuse what R4 does not allow)."""
    from fhir.resources.R4B import get_fhir_model_class

    get_fhir_model_class("Bundle").model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    return bundle


def by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def sections(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    (composition,) = by_type(bundle, "Composition")
    return {SECTIONS[s["code"]["coding"][0]["code"]]: s for s in composition["section"]}


def every_concept(value: Any) -> list[dict[str, Any]]:
    """Every CodeableConcept-like object (one with "coding" or "text" beside codes) in `value`."""
    found = []
    if isinstance(value, dict):
        if "coding" in value and "div" not in value:
            found.append(value)
        for inner in value.values():
            found += every_concept(inner)
    elif isinstance(value, list):
        for inner in value:
            found += every_concept(inner)
    return found


RECORDS: dict[str, list[Any]] = {
    "medicines": [
        Medicine("m-1", "Denosumab", "120 mg", "every 4 weeks", "bones", "2024-05"),
        Medicine("m-2", "Vitamin D <b>&</b>"),
    ],
    "treatments": [
        Treatment("t-1", "letrozole + palbociclib", "hormone", "2024-03", "2026-01", "stopped-working", "tired"),
        Treatment("t-2", "capecitabine", "chemotherapy", "2026-02"),
        Treatment("t-3", "radiation to the spine", "radiation", "2024-05", "2024-05", "finished"),
    ],
    "care_team": [],
    "diary": [
        DiaryEntry("d-1", "2026-11-01", "pain", "Pain", 4, "worse at night"),
        DiaryEntry("d-2", "2026-11-02", "tiredness", "Tiredness", 6),
        DiaryEntry("d-3", "2026-11-03", "tiredness", "Tiredness", None),
    ],
}
VISITS = [
    Visit(
        uuid="v-1",
        status="ready",
        visit_date="2026-11-20",
        symptoms=[SymptomScore("pain", "Pain", 5), SymptomScore("other", "Itchy skin", 2, "arms")],
    )
]


def test_the_bundle_is_an_ips_document_and_every_resource_is_valid_r4() -> None:
    bundle = validated(render_bundle(VISITS, RECORDS, "2026-12-07"))
    assert bundle["type"] == "document" and bundle["timestamp"] == "2026-12-07T00:00:00Z"
    first = bundle["entry"][0]["resource"]
    assert first["resourceType"] == "Composition"
    assert first["type"]["coding"] == [{"system": LOINC, "code": "60591-5", "display": "Patient summary Document"}]
    (patient,) = by_type(bundle, "Patient")
    assert first["subject"] == {"reference": f"urn:uuid:{patient['id']}"}
    assert set(sections(bundle)) == set(SECTIONS.values())
    # every reference points at an entry of the bundle
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = [r["reference"] for s in first["section"] for r in s.get("entry", [])]
    assert refs and set(refs) <= urls
    # every coded concept keeps its words
    concepts = every_concept(bundle)
    assert concepts and all(c.get("text", "").strip() for c in concepts), concepts


def test_medicines_and_lines_of_treatment_are_medication_statements_and_the_rest_procedures() -> None:
    bundle = validated(render_bundle(VISITS, RECORDS, "2026-12-07"))
    statements = {s["medicationCodeableConcept"]["text"]: s for s in by_type(bundle, "MedicationStatement")}
    assert set(statements) == {"Denosumab", "Vitamin D <b>&</b>", "letrozole + palbociclib", "capecitabine"}
    assert statements["Denosumab"]["dosage"] == [{"text": "120 mg, every 4 weeks"}]
    assert statements["Denosumab"]["reasonCode"][0]["text"] == "bones"
    line = statements["letrozole + palbociclib"]
    assert line["status"] == "stopped" and line["effectivePeriod"] == {"start": "2024-03", "end": "2026-01"}
    assert line["statusReason"][0]["text"] == "it stopped working"
    assert statements["capecitabine"]["status"] == "active"
    (procedure,) = by_type(bundle, "Procedure")
    assert procedure["code"]["text"] == "radiation to the spine" and procedure["status"] == "completed"
    assert procedure["category"]["coding"][0]["system"] == "http://snomed.info/sct"
    medication = sections(bundle)["medication"]
    assert "Vitamin D &lt;b&gt;&amp;&lt;/b&gt;" in medication["text"]["div"]  # typed text never becomes markup
    assert len(medication["entry"]) == 4


def test_diary_and_visit_scores_are_survey_observations_with_pain_coded_in_loinc() -> None:
    bundle = validated(render_bundle(VISITS, RECORDS, "2026-12-07"))
    observations = by_type(bundle, "Observation")
    got = sorted((o["effectiveDateTime"], o["code"]["text"], o["valueInteger"]) for o in observations)
    assert got == [
        ("2026-11-01", "Pain, 0-10 as the person rated it", 4),
        ("2026-11-02", "Tiredness, 0-10 as the person rated it", 6),
        ("2026-11-20", "Itchy skin, 0-10 as the person rated it", 2),
        ("2026-11-20", "Pain, 0-10 as the person rated it", 5),
    ]  # a diary day without a score is left out
    pain = [o for o in observations if o["code"]["text"].startswith("Pain")]
    assert all(o["code"]["coding"][0]["code"] == "72514-3" for o in pain)
    assert all(o["category"][0]["coding"][0]["code"] == "survey" for o in observations)
    assert {o["id"] for o in observations} >= {stable_id("score", "d-1"), stable_id("score", "v-1:pain")}


def test_sections_without_records_say_so_in_words() -> None:
    bundle = validated(render_bundle([], {}, "2026-12-07"))
    for name, section in sections(bundle).items():
        assert "entry" not in section, name
        assert section["emptyReason"]["text"].strip() and "<li>" in section["text"]["div"]
    assert by_type(bundle, "Patient")[0]["name"] == [{"text": "Name not given"}]


def test_the_same_records_make_the_same_file() -> None:
    one = json.dumps(render_bundle(VISITS, RECORDS, "2026-12-07"))
    assert one == json.dumps(render_bundle(VISITS, RECORDS, "2026-12-07"))
    ids = [e["resource"]["id"] for e in json.loads(one)["entry"]]
    assert len(ids) == len(set(ids))
    assert stable_id("medicine", "m-1") in ids and stable_id("treatment", "t-3") in ids


def test_odd_text_stays_valid_fhir() -> None:
    odd = Medicine("m-9", "Dr \x1b[31m\x7f\u202e pill\t")
    bundle = validated(render_bundle([], {"medicines": [odd]}, "2026-12-07"))
    (statement,) = by_type(bundle, "MedicationStatement")
    assert "\x1b" not in statement["medicationCodeableConcept"]["text"]


def test_export_all_as_fhir_writes_a_private_file_that_validates(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("meds", "add", "--no-input", "--name", "capecitabine", "--dose", "1500 mg"),
        ("treatments", "add", "--no-input", "--what", "letrozole", "--kind", "hormone"),
        ("diary", "--no-input", "--symptom", "pain=3"),
        ("new-visit", "--no-input", "--symptom", "tiredness=5"),
    ):
        assert cli(*args).code == 0
    path = tmp_path / "summary.json"  # a FHIR file ends in .json; --format says which
    ran = cli("export", "--all", "--format", "fhir", "-o", str(path))
    assert ran.code == 0, ran
    assert "FHIR" in ran.out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    bundle = validated(json.loads(path.read_text(encoding="utf-8")))
    assert len(by_type(bundle, "Observation")) == 2 and len(by_type(bundle, "MedicationStatement")) == 2
    again = cli("export", "--all", "--format", "fhir", "-o", "-").out
    assert json.loads(again) == bundle  # the same day, the same records: the same file
    assert bundle["timestamp"].startswith(date.today().isoformat())


def test_fhir_is_a_summary_of_everything_so_it_needs_all(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-visit", "--no-input").code == 0
    ran = cli("export", "latest", "--format", "fhir", "-o", "-")
    assert ran.code == 1 and "--all" in ran.err
    ran = cli("export", "--all", "--format", "fhir", "--for", "doctor", "-o", "-")
    assert ran.code == 1


def test_the_summary_speaks_spanish(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("diary", "--no-input", "--symptom", "pain=3").code == 0
    bundle = validated(json.loads(cli("--lang", "es", "export", "--all", "--format", "fhir", "-o", "-").out))
    found = sections(bundle)
    assert found["allergies"]["title"] == "Alergias"
    (observation,) = by_type(bundle, "Observation")
    assert observation["code"]["coding"][0]["code"] == "72514-3"  # codes stay as they are
    assert observation["code"]["text"] == "Pain, de 0 a 10 según lo calificó la persona"  # the name as kept


# --- the profile and results (issue 21, points 1 and 2) --------------------------------------------


def _profile_records() -> dict[str, list[Any]]:
    from mbcprep.model.profile import CancerSite, Profile, TumourResult
    from mbcprep.model.results import Result

    return {
        "profile": [
            Profile(
                "p-1",
                "Ana Ruiz",
                born="1968",
                sex="female",
                no_known_allergies=True,
                ecog="1",
                first_diagnosed="2019-05",
            )
        ],
        "tumour_results": [
            TumourResult(
                "r-1", "er", result="positive", detail="90%", origin="tissue", sample="liver", tested="2024-03"
            ),
            TumourResult("r-2", "her2", result="1+", origin="tissue", sample="liver biopsy", tested="2024-03"),
            TumourResult("r-3", "esr1", result="found", origin="blood", tested="2026-05"),
        ],
        "cancer_sites": [CancerSite("s-1", "bone", since="2024-03"), CancerSite("s-2", "brain", status="stable")],
        "results": [
            Result("x-1", "2026-09-01", "CA 15-3", "ca15-3", 48.0, "U/mL", None, 30.0, note="a little up"),
            Result("x-2", "2026-09-02", scan="ct", area="chest", finding="stable"),
        ],
    }


def test_the_profile_gives_the_patient_allergies_the_cancer_and_its_places() -> None:
    bundle = validated(render_bundle([], _profile_records(), "2026-12-07", {"ca15-3": "6875-9"}))
    (patient,) = by_type(bundle, "Patient")
    assert (patient["name"], patient["birthDate"], patient["gender"]) == ([{"text": "Ana Ruiz"}], "1968", "female")
    assert "_birthDate" not in patient
    (allergy,) = by_type(bundle, "AllergyIntolerance")
    assert allergy["code"]["coding"][0]["code"] == "716186003" and allergy["code"]["text"] == "No known allergies"
    cancer, *places = by_type(bundle, "Condition")
    assert cancer["code"]["coding"][0]["code"] == "254837009"
    assert cancer["code"]["text"].startswith("Metastatic breast cancer: ER+") and "HER2-low" in cancer["code"]["text"]
    assert cancer["stage"][0]["summary"]["text"] == "Stage IV (metastatic)" and cancer["onsetDateTime"] == "2019-05"
    assert [p["bodySite"][0]["coding"][0]["code"] for p in places] == ["272673000", "12738006"]
    assert places[1]["note"] == [{"text": "Spots: stable"}]
    assert len(sections(bundle)["problems"]["entry"]) == 3 and "emptyReason" not in sections(bundle)["allergies"]


def test_a_year_alone_is_a_valid_fhir_date() -> None:
    from dataclasses import replace

    records = _profile_records()
    records["profile"] = [replace(records["profile"][0], first_diagnosed="2015")]
    records["treatments"] = [Treatment("t-1", "tamoxifen", "hormone", "2015", "2019", "stopped-working")]
    bundle = validated(render_bundle([], records, "2026-12-07", {}))
    cancer = by_type(bundle, "Condition")[0]
    (tamoxifen,) = by_type(bundle, "MedicationStatement")
    assert cancer["onsetDateTime"] == "2015" and tamoxifen["effectivePeriod"] == {"start": "2015", "end": "2019"}


def test_biomarkers_labs_scans_and_ecog_are_observations_with_loinc_where_known() -> None:
    bundle = validated(render_bundle([], _profile_records(), "2026-12-07", {"ca15-3": "6875-9"}))
    found = {o["code"]["text"]: o for o in by_type(bundle, "Observation")}
    er = found["ER (estrogen receptor)"]
    assert er["code"]["coding"][0]["code"] == "16112-5" and er["effectiveDateTime"] == "2024-03"
    assert "coding" not in found["ESR1"]["code"]  # a blood test: the tissue code would be wrong
    assert found["HER2"]["valueCodeableConcept"]["text"] == "IHC 1+"
    lab = found["CA 15-3"]
    assert lab["code"]["coding"] == [{"system": "http://loinc.org", "code": "6875-9"}]
    assert lab["valueQuantity"] == {"value": 48, "unit": "U/mL"}
    assert lab["referenceRange"] == [{"high": {"value": 30, "unit": "U/mL"}}]
    scan = found["CT scan (chest)"]
    assert scan["category"][0]["coding"][0]["code"] == "imaging" and scan["valueCodeableConcept"]["text"] == "stable"
    ecog = found["ECOG performance status, the person's own estimate"]
    assert ecog["code"]["coding"][0]["code"] == "89247-1" and ecog["valueCodeableConcept"]["text"].startswith(
        "ECOG 1: "
    )
    assert len(sections(bundle)["results"]["entry"]) == 5


def test_a_name_kept_off_the_doctor_s_page_and_a_hidden_birth_stay_out() -> None:
    records = _profile_records()
    records["profile"][0].name_on = "family"
    records["profile"][0].born_shown = "none"
    (patient,) = by_type(validated(render_bundle([], records, "2026-12-07")), "Patient")
    assert patient["name"] == [{"text": "Name not given"}] and "birthDate" not in patient


def test_the_profile_and_results_from_the_command_line_reach_the_summary(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("profile", "set", "--no-input", "--name", "Ana Ruiz", "--born", "1968", "--er", "positive", "--site", "bone"),
        ("profile", "set", "--no-input", "--allergy", "penicillin"),
        ("results", "add", "--no-input", "--date", "2026-09-01", "--lab", "CA 15-3", "--value", "48", "--unit", "U/mL"),
    ):
        ran = cli(*args)
        assert ran.code == 0, ran
    bundle = validated(json.loads(cli("export", "--all", "--format", "fhir", "-o", "-").out))
    (allergy,) = by_type(bundle, "AllergyIntolerance")
    assert allergy["code"] == {"text": "penicillin"}
    lab = next(o for o in by_type(bundle, "Observation") if o["code"]["text"] == "CA 15-3")
    assert lab["code"]["coding"][0]["code"] == "6875-9"  # from the lab list's LOINC codes


def test_none_kept_as_an_allergy_before_it_was_read_so_is_no_known_allergies() -> None:
    from dataclasses import replace

    records = _profile_records()
    records["profile"] = [replace(records["profile"][0], no_known_allergies=False, allergies="none")]
    bundle = validated(render_bundle([], records, "2026-12-07", {"ca15-3": "6875-9"}))
    (allergy,) = by_type(bundle, "AllergyIntolerance")
    assert allergy["code"]["coding"][0]["code"] == "716186003" and allergy["code"]["text"] == "No known allergies"
