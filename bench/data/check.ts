// Checks a generated data set the way the hub's rules read it, inside each subgraph's database and
// across them: every cross-subgraph id exists with its owner, crews were appointed (by the status
// history) under a valid agreement on the activity's day, demands and activities lie at stations
// filed by then, bookings agree with their demands and activities, published stories show only what
// the public may see, counters continue the numbers stored. Returns the problems found, none when
// the data set is consistent. Reads every volunteer and station id: fine for the large scale.
import type { DataSource } from "typeorm";
import { businessDate, calendarDateOf } from "../../runtime/dates";
import type { SubgraphName } from "../../runtime/config";

type Row = Record<string, unknown>;
const text = (v: unknown) => (v instanceof Date ? calendarDateOf(v) : String(v));

export async function checkBenchData(
  dbs: Record<SubgraphName, DataSource>,
  range: { from: string; to: string },
): Promise<string[]> {
  const problems: string[] = [];
  const rows = (name: SubgraphName, sql: string, params: unknown[] = []): Promise<Row[]> =>
    dbs[name].query(sql, params);
  /** Each query counts offending rows: a problem when there is any. */
  const none = async (name: SubgraphName, what: string, sql: string, params: unknown[] = []) => {
    const [row] = await rows(name, `SELECT COUNT(*) AS n FROM ${sql}`, params);
    const n = Number(row.n);
    if (n) problems.push(`${name}: ${n} ${what}`);
  };

  // Corps: who was appointed when (the status history, as districts reads it), under which
  // agreement; the status is the history's last word; the letter counters continue the letters.
  const volunteers = new Map<
    number,
    { status: string; from: string | null; to: string | null; appointed: Array<[string, string]> }
  >();
  for (const v of await rows(
    "corps",
    "SELECT id, status, agreementFrom, agreementTo FROM volunteer",
  )) {
    volunteers.set(Number(v.id), {
      status: String(v.status),
      from: v.agreementFrom === null ? null : text(v.agreementFrom),
      to: v.agreementTo === null ? null : text(v.agreementTo),
      appointed: [],
    });
  }
  const last = new Map<number, string>();
  const since = new Map<number, string>();
  for (const e of await rows(
    "corps",
    "SELECT volunteerId, toStatus, at FROM volunteer_event ORDER BY at, id",
  )) {
    const id = Number(e.volunteerId);
    const day = businessDate(e.at instanceof Date ? e.at : new Date(`${String(e.at).replace(" ", "T")}Z`));
    const status = String(e.toStatus);
    const v = volunteers.get(id);
    if (!v) {
      problems.push(`corps: an event of unknown volunteer ${id}`);
      continue;
    }
    if (status === "APPOINTED" && !since.has(id)) since.set(id, day);
    if (status !== "APPOINTED" && since.has(id)) {
      v.appointed.push([since.get(id)!, day]);
      since.delete(id);
    }
    last.set(id, status);
  }
  for (const [id, day] of since) volunteers.get(id)!.appointed.push([day, "9999-12-31"]);
  for (const [id, v] of volunteers) {
    if (last.get(id) !== v.status)
      problems.push(`corps: volunteer ${id} is ${v.status}, its history says ${last.get(id)}`);
  }
  const letters = await rows(
    "corps",
    "SELECT letterNumber FROM volunteer WHERE letterNumber IS NOT NULL",
  );
  const largest = new Map<string, number>();
  for (const { letterNumber } of letters) {
    const n = String(letterNumber);
    const series = n.slice(0, n.lastIndexOf("-"));
    largest.set(series, Math.max(largest.get(series) ?? 0, Number(n.slice(series.length + 1))));
  }
  const counters = new Map(
    (await rows("corps", "SELECT series, value FROM number_counter")).map((r) => [
      String(r.series),
      Number(r.value),
    ]),
  );
  for (const [series, n] of largest) {
    if (counters.get(series) !== n)
      problems.push(`corps: counter ${series} is ${counters.get(series)}, letters go to ${n}`);
  }
  const menu = new Set(
    (await rows("corps", "SELECT id FROM service_menu_item")).map((r) => Number(r.id)),
  );
  const serving = (id: number) => volunteers.get(id)?.status === "APPOINTED";

  // Districts on their own: stations filed before anything was collected or held there, the
  // review trail ending in the station's status, satisfaction only once resolved, no fees, dates
  // in the range, bookings that agree with their demands and the activities that served them.
  await none(
    "districts",
    "activities at an unknown, unfiled or other district's station, or before its filing",
    `activity a LEFT JOIN station s ON s.id = a.stationId WHERE a.stationId IS NOT NULL AND
     (s.id IS NULL OR s.status <> 'FILED' OR s.districtCode <> a.districtCode OR a.createdAt < s.filedAt)`,
  );
  await none(
    "districts",
    "demands at an unknown, unfiled or other district's station, or before its filing",
    `demand d LEFT JOIN station s ON s.id = d.stationId WHERE s.id IS NULL OR s.status <> 'FILED'
     OR s.districtCode <> d.districtCode OR d.collectedOn < DATE(s.filedAt)`,
  );
  await none(
    "districts",
    "stations whose review trail does not end in their status",
    `station s WHERE NOT EXISTS (SELECT 1 FROM station_event e WHERE e.stationId = s.id)
     OR s.status <> (SELECT e.toStatus FROM station_event e WHERE e.stationId = s.id
                     ORDER BY e.at DESC, e.id DESC LIMIT 1)`,
  );
  await none(
    "districts",
    "demands with a satisfaction but not RESOLVED, or RESOLVED without one",
    `demand WHERE (satisfaction IS NOT NULL AND status <> 'RESOLVED')
     OR (satisfaction IS NULL AND status = 'RESOLVED')`,
  );
  await none("districts", "activities that charged a fee", "activity WHERE feeCharged <> 0");
  await none(
    "districts",
    "activities or demands outside the date range",
    `(SELECT heldOn AS day FROM activity UNION ALL SELECT collectedOn FROM demand) x
     WHERE x.day < ? OR x.day > ?`,
    [range.from, range.to],
  );
  await none(
    "districts",
    "participations of an unknown activity",
    "participation p LEFT JOIN activity a ON a.id = p.activityId WHERE a.id IS NULL",
  );
  await none(
    "districts",
    "bookings whose demand is unknown, of another district or in a status the booking contradicts",
    `booking b LEFT JOIN demand d ON d.id = b.demandId WHERE d.id IS NULL
     OR b.districtCode <> d.districtCode
     OR (b.status = 'ACCEPTED' AND d.status <> 'MATCHED')
     OR (b.status = 'COMPLETED' AND d.status NOT IN ('IN_SERVICE', 'RESOLVED'))
     OR (b.status IN ('REQUESTED', 'DECLINED', 'EXPIRED', 'CANCELLED') AND d.status <> 'OPEN')`,
  );
  await none(
    "districts",
    "completed bookings not served by an activity of their district that their expert served at",
    `booking b LEFT JOIN activity a ON a.id = b.activityId
     LEFT JOIN participation p ON p.activityId = b.activityId AND p.volunteerId = b.volunteerId
     WHERE (b.status = 'COMPLETED') <> (b.activityId IS NOT NULL)
     OR (b.status = 'COMPLETED' AND (a.id IS NULL OR a.districtCode <> b.districtCode
         OR p.id IS NULL OR a.createdAt < b.requestedAt))`,
  );

  // Districts against corps: rule 3 for every volunteer's first and last day of service.
  for (const p of await rows(
    "districts",
    `SELECT p.volunteerId AS id, MIN(a.heldOn) AS first, MAX(a.heldOn) AS last
     FROM participation p JOIN activity a ON a.id = p.activityId
     WHERE p.verified = ? GROUP BY p.volunteerId`,
    [1],
  )) {
    const id = Number(p.id);
    const v = volunteers.get(id);
    const first = text(p.first);
    const lastDay = text(p.last);
    if (!v) problems.push(`districts: hours of volunteer ${id}, unknown to corps`);
    else if (!v.appointed.some(([a, b]) => a <= first && lastDay < b))
      problems.push(`districts: volunteer ${id} served ${first} to ${lastDay}, not APPOINTED all along`);
    else if (!v.from || !v.to || first < v.from || lastDay > v.to)
      problems.push(`districts: volunteer ${id} served ${first} to ${lastDay} outside the agreement`);
  }
  for (const b of await rows("districts", "SELECT id, volunteerId, menuItemId FROM booking")) {
    if (!serving(Number(b.volunteerId)))
      problems.push(`districts: booking ${text(b.id)} names volunteer ${text(b.volunteerId)}, not serving`);
    if (b.menuItemId !== null && !menu.has(Number(b.menuItemId)))
      problems.push(`districts: booking ${text(b.id)} names menu item ${text(b.menuItemId)}, unknown to corps`);
  }
  const stations = new Map(
    (await rows("districts", "SELECT id, status, districtCode, recommended FROM station")).map(
      (s) => [
        Number(s.id),
        {
          status: String(s.status),
          districtCode: String(s.districtCode),
          recommended: Boolean(Number(s.recommended)),
        },
      ],
    ),
  );

  // Platforms against districts and corps: grown from recommended stations once filed; mentors
  // are serving volunteers.
  const platforms = new Map<number, string>();
  for (const p of await rows(
    "platforms",
    "SELECT id, status, districtCode, sourceStationId FROM platform",
  )) {
    platforms.set(Number(p.id), String(p.status));
    if (p.sourceStationId === null) continue;
    const s = stations.get(Number(p.sourceStationId));
    if (
      !s ||
      !s.recommended ||
      s.districtCode !== p.districtCode ||
      !["FILED", "SUSPENDED", "REVOKED"].includes(s.status)
    )
      problems.push(`platforms: platform ${text(p.id)} grew from station ${text(p.sourceStationId)}, not one its district recommended`);
  }
  for (const m of await rows("platforms", "SELECT platformId, volunteerId FROM mentor")) {
    if (!platforms.has(Number(m.platformId)))
      problems.push(`platforms: a mentor of unknown platform ${text(m.platformId)}`);
    if (!serving(Number(m.volunteerId)))
      problems.push(`platforms: platform ${text(m.platformId)}'s mentor ${text(m.volunteerId)} is not serving`);
  }

  // Publicity against all three: every reference exists; a published story names only what the
  // public sees (serving volunteers, filed stations, certified platforms); coverage only once
  // published.
  const stories = new Map(
    (await rows("publicity", "SELECT id, status, districtCode FROM case_story")).map((s) => [
      Number(s.id),
      { status: String(s.status), districtCode: String(s.districtCode) },
    ]),
  );
  const references = await rows("publicity", "SELECT storyId, kind, refId FROM story_reference");
  const activityIds = [
    ...new Set(references.filter((r) => r.kind === "ACTIVITY").map((r) => Number(r.refId))),
  ];
  const activities = new Map<number, { districtCode: string; stationId: number | null }>();
  for (let i = 0; i < activityIds.length; i += 500) {
    const ids = activityIds.slice(i, i + 500);
    for (const a of await rows(
      "districts",
      `SELECT id, districtCode, stationId FROM activity WHERE id IN (${ids.map(() => "?").join(", ")})`,
      ids,
    )) {
      activities.set(Number(a.id), {
        districtCode: String(a.districtCode),
        stationId: a.stationId === null ? null : Number(a.stationId),
      });
    }
  }
  for (const r of references) {
    const story = stories.get(Number(r.storyId));
    const id = Number(r.refId);
    if (!story) {
      problems.push(`publicity: a reference of unknown story ${text(r.storyId)}`);
      continue;
    }
    const live = story.status === "PUBLISHED";
    const where = `publicity: story ${text(r.storyId)} (${text(story.status)}) names ${String(r.kind).toLowerCase()} ${id}`;
    if (r.kind === "VOLUNTEER") {
      if (!volunteers.has(id)) problems.push(`${where}, unknown to corps`);
      else if (live && !serving(id)) problems.push(`${where}, hidden from the public`);
    } else if (r.kind === "STATION") {
      if (!stations.has(id)) problems.push(`${where}, unknown to districts`);
      else if (live && stations.get(id)!.status !== "FILED")
        problems.push(`${where}, hidden from the public`);
    } else if (r.kind === "PLATFORM") {
      if (!platforms.has(id)) problems.push(`${where}, unknown to platforms`);
      else if (live && platforms.get(id) !== "CERTIFIED")
        problems.push(`${where}, hidden from the public`);
    } else if (r.kind === "ACTIVITY") {
      const a = activities.get(id);
      if (!a) problems.push(`${where}, unknown to districts`);
      else if (a.districtCode !== story.districtCode) problems.push(`${where} of another district`);
    }
  }
  await none(
    "publicity",
    "coverage of stories never published",
    `coverage c JOIN case_story s ON s.id = c.storyId WHERE s.status NOT IN ('PUBLISHED', 'RETRACTED')`,
  );
  await none(
    "publicity",
    "stories published or drafted after the range",
    `case_story WHERE publishedAt > ? OR createdAt > ?`,
    [`${range.to} 23:59:59`, `${range.to} 23:59:59`],
  );
  return problems;
}
