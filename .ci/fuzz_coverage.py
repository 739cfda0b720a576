"""After the workflow run of .ci/fuzz: which steps of the petition workflow the fuzzer took to
success, read back from the petitions' timelines as an administrator sees them. Fails when a
step the spec's links lead to was never reached, so that the stateful phase cannot quietly stop
exploring the workflow.

Usage: fuzz_coverage.py BASE_URL ADMIN_TOKEN
"""

import collections
import json
import sys
import urllib.parse
import urllib.request

# The timeline entry of each step's success. Merging is left out: it joins two petitions, and a
# link carries values from one response only.
STEPS = {
    "accept": "petition.accepted", "refuse": "petition.refused", "transfer": "petition.transferred",
    "assign": "petition.assigned", "request-information": "petition.information_requested",
    "record-dialogue": "petition.dialogue_recorded", "extend": "petition.extended",
    "resolve": "petition.resolved", "rate": "petition.rated", "appeal": "petition.appealed",
    "reopen": "petition.reopened", "withdraw": "petition.withdrawn",
    "withdraw-part": "petition.partly_withdrawn", "extend-intake": "petition.intake_extended",
    "suspend": "petition.suspended", "resume": "petition.resumed",
}

base, token = sys.argv[1], sys.argv[2]


def get(path):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


seen = collections.Counter()
petitions, cursor = 0, None
while True:
    query = {"limit": "100", **({"cursor": cursor} if cursor else {})}
    page = get("/api/v1/petitions?" + urllib.parse.urlencode(query))
    for item in page["items"]:
        petitions += 1
        seen.update({entry["kind"] for entry in get(f"/api/v1/petitions/{item['id']}")["timeline"]})
    cursor = page.get("next_cursor")
    if not cursor:
        break

print(f"   workflow steps taken to success, over {petitions} petitions:")
print("   " + ", ".join(f"{step} {seen[kind]}" for step, kind in STEPS.items()))
missing = [step for step, kind in STEPS.items() if seen[kind] == 0]
if missing:
    sys.exit(f"fuzz: the workflow run never took these steps to success: {', '.join(missing)}")
