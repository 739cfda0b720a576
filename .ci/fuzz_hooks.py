"""Schemathesis hooks for the workflow runs of .ci/fuzz: each step of the petition workflow is
taken with the token of the role that takes it, and filings are drawn from petitions the demo
ward's officer and chairman handle (complaints, or denunciations: PAKN_FUZZ_KIND), so that the
stateful phase, following the spec's links from a filing, reaches every step's success path.

What it changes is the data drawn, never what responses are held to: every narrowed schema
accepts a subset of what api-spec/openapi.yaml accepts, so the run draws valid data only
(`--mode positive`), and every response is still checked against the spec.
The environment gives the live server (PAKN_URL) and the tokens, taken before the run.
"""

import datetime
import json
import os
import urllib.request

import schemathesis

# PAKN_FUZZ_DEBUG=FILE: each 409 and 422 of a call on a petition, to see why a step is not reached.
if os.environ.get("PAKN_FUZZ_DEBUG"):
    @schemathesis.hook
    def after_call(context, case, response):
        if response.status_code in (409, 422) and "/petitions/" in case.path:
            with open(os.environ["PAKN_FUZZ_DEBUG"], "a") as log:
                log.write(f"{case.operation.label} {response.status_code} {response.text[:300]}\n")

BASE = os.environ["PAKN_URL"]

# Who takes each step (src/domain/workflow/mod.rs, `may_take`): the petitioner files, reads,
# writes, rates, appeals and withdraws; the ward's officer merges; its chairman, as head of the
# handling agency, takes every other step.
CITIZEN_OPERATIONS = [
    "filePetition", "getPetition", "listMessages", "postMessage", "listAttachments", "uploadAttachment",
    "ratePetition", "appealPetition", "withdrawPetition", "withdrawPartOfPetition",
]
OFFICER_OPERATIONS = ["mergePetition"]
HEAD_OPERATIONS = [
    "acceptPetition", "refusePetition", "transferPetition", "assignPetition", "requestInformation",
    "recordDialogue", "extendPetition", "resolvePetition", "reopenPetition", "extendIntake",
    "suspendPetition", "resumePetition",
]


def _bearer(variable):
    class Bearer:
        def get(self, case, context):
            return os.environ[variable]

        def set(self, case, data, context):
            case.headers = case.headers or {}
            case.headers["Authorization"] = f"Bearer {data}"

    Bearer.__name__ = f"Bearer_{variable}"
    return Bearer


schemathesis.auth(refresh_interval=None).apply_to(operation_id=CITIZEN_OPERATIONS)(_bearer("PAKN_CITIZEN_TOKEN"))
schemathesis.auth(refresh_interval=None).apply_to(operation_id=OFFICER_OPERATIONS)(_bearer("PAKN_OFFICER_TOKEN"))
schemathesis.auth(refresh_interval=None).apply_to(operation_id=HEAD_OPERATIONS)(_bearer("PAKN_HEAD_TOKEN"))


def _get(path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(BASE + path, headers=headers), timeout=10) as response:
        return json.load(response)


def _narrow(raw_schema, name, **properties):
    """Draws the named request's fields from the given schemas (each a subset of the spec's)."""
    schema = raw_schema["components"]["schemas"][name]
    schema["properties"] = {**schema["properties"], **properties}


@schemathesis.hook
def before_load_schema(context, raw_schema):
    """Filings the demo ward handles, of the kinds every step applies to: complaints about a
    decision of the ward's People's Committee (only a complaint is appealed) and denunciations of
    one of its officials (only a denunciation's periods are extended); its chairman resolves
    both. In the ward, in a category in use, with free text long enough once trimmed."""
    ward = next(a for a in _get("/api/v1/agencies?admin_unit=19753")["items"] if a["code"] == "ubnd-phuong-phu-xuan")
    categories = [c["code"] for c in _get("/api/v1/categories")["items"]]
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()  # as pakn counts
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    _plain_text(raw_schema)
    filing = raw_schema["components"]["schemas"]["FilingRequest"]["properties"]
    common = {
        "category": {"enum": categories},
        "title": filing["title"],
        "description": filing["description"],
        "location": {
            "type": "object",
            "required": ["admin_unit_code"],
            "additionalProperties": False,
            "properties": {"admin_unit_code": {"const": "19753"}, "address": filing["location"]["properties"]["address"]},
        },
    }
    complaint = {
        "type": "object",
        "required": ["kind", "category", "title", "description", "location", "decision_reference", "respondent_agency_id"],
        "additionalProperties": False,
        "properties": {
            **common,
            "kind": {"const": "complaint"},
            "decision_reference": {
                "type": "object",
                "required": ["number", "date"],
                "additionalProperties": False,
                "properties": {"number": {"type": "string", "pattern": "^[0-9]{1,4}/QĐ-UBND$"}, "date": {"const": yesterday}},
            },
            "respondent_agency_id": {"const": ward["id"]},
        },
    }
    denunciation = {
        "type": "object",
        "required": ["kind", "category", "title", "description", "location", "denounced_agency_id", "denounced_position"],
        "additionalProperties": False,
        "properties": {
            **common,
            "kind": {"const": "denunciation"},
            "denounced_agency_id": {"const": ward["id"]},
            "denounced_position": {"const": "staff"},
        },
    }
    # One kind a run (PAKN_FUZZ_KIND), so that each run goes deep: a run files complaints and
    # another denunciations, rather than each spreading its time over both.
    kind = os.environ.get("PAKN_FUZZ_KIND", "complaint")
    raw_schema["components"]["schemas"]["FilingRequest"] = complaint if kind == "complaint" else denunciation

    # The steps, with values the demo data has: staff of the ward to assign, agencies to transfer
    # to, dates in the past, the outcomes a complaint or a denunciation is decided with.
    staff = [_get("/api/v1/me", os.environ[token])["id"] for token in ("PAKN_OFFICER_TOKEN", "PAKN_HEAD_TOKEN")]
    others = [a["id"] for a in _get("/api/v1/agencies?limit=100")["items"] if a["id"] != ward["id"]]
    _narrow(raw_schema, "AssignRequest", assignee_id={"enum": staff})
    _narrow(raw_schema, "TransferRequest", to_agency_id={"enum": others})
    _narrow(raw_schema, "RefuseRequest", competent_agency_id={"enum": others})
    _narrow(raw_schema, "RecordDialogueRequest", held_on={"const": today.isoformat()})
    _narrow(raw_schema, "ResolveRequest", outcome={"enum": ["upheld", "partly_upheld", "rejected"]}, decision_date={"const": yesterday})

    # Each step on the petition as it is now. A link's ETag is that of the response it follows,
    # and the state machine also follows links from older responses, whose ETag is stale: a 409
    # edit_conflict, which the role runs already exercise. If-Match is optional.
    for response in _responses_with_links(raw_schema):
        for link in response["links"].values():
            link.get("parameters", {}).pop("header.If-Match", None)
    # Depth before breadth: the steps that end the ward's part (withdraw, transfer, refuse, merge)
    # are followed from a read only, not straight after every step, so that most sequences go on
    # to the steps that need several before them (an appeal, a resumption, an extension).
    everything = raw_schema["paths"]["/api/v1/petitions/{id}"]["get"]["responses"]["200"]["links"]
    for response in _responses_with_links(raw_schema):
        if response["links"] is not everything:
            for ending in ("withdraw", "transfer", "refuse", "merge"):
                response["links"].pop(ending, None)
    for item in raw_schema["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "parameters" in operation:
                operation["parameters"] = [p for p in operation["parameters"] if p.get("$ref") != "#/components/parameters/IfMatch"]


def _plain_text(node):
    """Free text drawn from letters, spaces and stops, as long as the schema asks once trimmed:
    the spec's text patterns admit leading and trailing white space, which the server trims
    before it counts, so most drawn texts would be too short."""
    if isinstance(node, dict):
        if node.get("type") in ("string", ["string", "null"]) and node.get("pattern", "").startswith("^[\\t-\\r "):
            shortest = max(node.get("minLength", 0) - 2, 0)
            longest = max(shortest, min(node.get("maxLength", 200) - 2, shortest + 60))
            node["pattern"] = f"^[A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ,.]{{{shortest},{longest}}}[a-z.]$"
        for value in node.values():
            _plain_text(value)
    elif isinstance(node, list):
        for value in node:
            _plain_text(value)


def _responses_with_links(raw_schema):
    for item in raw_schema["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                yield from (r for r in operation.get("responses", {}).values() if "links" in r)
    yield from (r for r in raw_schema["components"]["responses"].values() if "links" in r)
