// A front-end team's first program against pakn, written only with the client generated from
// api-spec/openapi.yaml: a citizen finds the ward's People's Committee and files a complaint about
// its decision, reads it back, the ward's officer accepts it, the ward's chairman resolves it, and
// the public status page shows the outcome. It type-checks under
// `strict` with no `any`, so a change to the contract that would break a generated client breaks
// this build; and it runs against a live pakn seeded with `pakn seed --demo`, so a server that
// answers differently from its contract fails it.
//
// Usage: PAKN_URL=http://127.0.0.1:8080 node build/src/walkthrough.js
import createClient from "openapi-fetch";
import type { components, paths } from "../generated/pakn.js";

type Petition = components["schemas"]["Petition"];
type PublicPetition = components["schemas"]["PublicPetition"];
type Problem = components["schemas"]["Problem"];

const baseUrl = process.env.PAKN_URL ?? "http://127.0.0.1:8080";
const demoPassword = "pakn demo password 2026";
const pakn = createClient<paths>({ baseUrl });

function fail(step: string, status: number, problem?: Problem): never {
  const detail = problem ? `${problem.code}: ${problem.detail ?? problem.title}` : "no problem document";
  throw new Error(`${step} answered ${status} (${detail})`);
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`expected ${what}`);
}

/** A petition's ETag, as the server sent it, to send back in If-Match. */
function etagOf(response: Response, step: string): string {
  const etag = response.headers.get("ETag");
  if (etag === null) throw new Error(`${step} sent no ETag`);
  return etag;
}

/** The full petition, which a signed-in citizen gets back; anonymous filers get the public view. */
function isFullPetition(filed: Petition | PublicPetition): filed is Petition {
  return "id" in filed;
}

async function signIn(account: string): Promise<string> {
  const { data, error, response } = await pakn.POST("/api/v1/auth/login", {
    body: { email: `${account}@demo.pakn.invalid`, password: demoPassword },
  });
  if (!data) fail(`signing in as ${account}`, response.status, error);
  return data.access_token;
}

/** A day some days back, as the API writes dates (decisions must not be in the future). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

async function main(): Promise<void> {
  const citizen = await signIn("congdan");
  const officer = await signIn("canbo.phuxuan");
  const head = await signIn("chutich.phuxuan");

  const agencies = await pakn.GET("/api/v1/agencies", { params: { query: { admin_unit: "19753" } } });
  if (!agencies.data) fail("finding the ward's agency", agencies.response.status, agencies.error);
  const ward = agencies.data.items.find((agency) => agency.code === "ubnd-phuong-phu-xuan");
  if (ward === undefined) throw new Error("the demo ward's People's Committee is not listed");

  const filing = await pakn.POST("/api/v1/petitions", {
    headers: { ...bearer(citizen), "Idempotency-Key": `client-proof-${Date.now()}` },
    body: {
      kind: "complaint",
      category: "compensation_resettlement",
      title: "Khiếu nại mức bồi thường đất ở thửa 45",
      description: "Mức bồi thường đất ở tại thửa 45 thấp hơn bảng giá đất của thành phố.",
      location: { admin_unit_code: "19753", address: "45 Lê Lợi" },
      decision_reference: { number: "Quyết định 2345/QĐ-UBND", date: daysAgo(45) },
      respondent_agency_id: ward.id,
    },
  });
  if (!filing.data) fail("filing", filing.response.status, filing.error);
  expect(filing.response.status === 201, "201 Created for a filing");
  const filed = filing.data;
  if (!isFullPetition(filed)) throw new Error("a signed-in citizen got the public view of their own petition");
  expect(filed.status === "received", `a new petition to be received, not ${filed.status}`);
  console.log(`filed ${filed.tracking_code}, with ${filed.assigned_agency?.name ?? "the triage queue"}`);

  const mine = await pakn.GET("/api/v1/petitions/{id}", {
    params: { path: { id: filed.id } },
    headers: bearer(citizen),
  });
  if (!mine.data) fail("reading it back", mine.response.status, mine.error);
  expect(mine.data.tracking_code === filed.tracking_code, "the same petition read back");

  const queued = await pakn.GET("/api/v1/petitions/{id}", {
    params: { path: { id: filed.id } },
    headers: bearer(officer),
  });
  if (!queued.data) fail("the officer reading it", queued.response.status, queued.error);
  expect(queued.data.allowed_actions.includes("accept"), "the officer to be allowed to accept it");

  const accepted = await pakn.POST("/api/v1/petitions/{id}/accept", {
    params: { path: { id: filed.id }, header: { "If-Match": etagOf(queued.response, "reading it") } },
    headers: bearer(officer),
    body: { complexity: "normal", remote_area: false },
  });
  if (!accepted.data) fail("accepting", accepted.response.status, accepted.error);
  expect(accepted.data.status === "accepted", `an accepted petition, not ${accepted.data.status}`);
  const due = accepted.data.deadlines.resolution?.due ?? "no deadline";
  console.log(`accepted; to be resolved by ${due}`);

  const resolved = await pakn.POST("/api/v1/petitions/{id}/resolve", {
    params: { path: { id: filed.id }, header: { "If-Match": etagOf(accepted.response, "accepting") } },
    headers: bearer(head),
    body: {
      outcome: "partly_upheld",
      answer: "Điều chỉnh đơn giá bồi thường đất ở thửa 45 theo bảng giá đất năm 2026.",
      decision_number: "3456/QĐ-UBND",
      decision_date: daysAgo(1),
    },
  });
  if (!resolved.data) fail("resolving", resolved.response.status, resolved.error);
  expect(resolved.data.status === "resolved", `a resolved petition, not ${resolved.data.status}`);

  const stale = await pakn.POST("/api/v1/petitions/{id}/resolve", {
    params: { path: { id: filed.id }, header: { "If-Match": etagOf(accepted.response, "accepting") } },
    headers: bearer(head),
    body: { outcome: "rejected", answer: "Một quyết định gửi lại với ETag cũ." },
  });
  expect(stale.response.status === 409 && stale.error?.code === "edit_conflict", "a stale ETag to be a 409 edit_conflict");

  const page = await pakn.GET("/api/v1/public/petitions/{tracking_code}", {
    params: { path: { tracking_code: filed.tracking_code } },
  });
  if (!page.data) fail("the public status page", page.response.status, page.error);
  expect(page.data.status === "resolved", "the public page to show it resolved");
  console.log(`public page: ${page.data.status}, ${page.data.outcome ?? "no outcome"}`);
}

main().catch((error: unknown) => {
  console.error(`client proof failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
