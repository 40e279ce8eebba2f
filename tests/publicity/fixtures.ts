// What the publicity tests share: valid story inputs about demo rows, the workflow steps through
// the gateway, and direct counts of the publicity tables to prove that a refused request wrote
// nothing.
import type { Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

type Story = { id: string; status: string; publishedAt: string };

let serial = 0;

/** A valid story about real demo rows of one district; `marker` makes it findable by search. */
export function storyInput(fed: Federation, overrides: Record<string, unknown> = {}) {
  serial += 1;
  const activity = fed.demo.activities.find((a) => a.stationId !== null && a.participants.length)!;
  const platform = fed.demo.platforms.find((p) => p.districtCode === activity.districtCode);
  return {
    title: `测试案例${process.pid}-${serial}：专家志愿者助企纾困`,
    summary: "专家志愿者走进工作站，为企业解答融资问题。",
    body: "第一段。\n第二段：服务企业十家。",
    categories: ["FINANCING"],
    districtCode: activity.districtCode,
    volunteerIds: activity.participants.slice(0, 2).map((p) => String(p.volunteerId)),
    stationIds: [String(activity.stationId)],
    platformIds: platform ? [String(platform.id)] : [],
    activityIds: [String(activity.id)],
    ...overrides,
  };
}

export const HISTORY = /* GraphQL */ `
  query ($id: ID!) {
    caseStory(id: $id) {
      id
      status
      version
      history {
        actor
        action
        fromStatus
        toStatus
        comment
        at
      }
    }
  }
`;

export async function draft(
  fed: Federation,
  token: string,
  input: Record<string, unknown> = storyInput(fed),
): Promise<string> {
  const data = await execute<{ draftStory: { id: string } }>(fed.gatewayUrl, {
    query: contractOperation("DraftStory"),
    variables: { input },
    token,
  });
  return data.draftStory.id;
}

export async function submit(fed: Federation, token: string, id: string) {
  return (
    await execute<{ submitStory: Story }>(fed.gatewayUrl, {
      query: contractOperation("SubmitStory"),
      variables: { id },
      token,
    })
  ).submitStory;
}

export async function publish(fed: Federation, token: string, id: string) {
  return (
    await execute<{ publishStory: Story }>(fed.gatewayUrl, {
      query: contractOperation("PublishStory"),
      variables: { id },
      token,
    })
  ).publishStory;
}

/** Drafted by `author`, submitted, published by `publisher`: a PUBLISHED story's id. */
export async function publishedStory(
  fed: Federation,
  author: string,
  publisher: string,
  input: Record<string, unknown> = storyInput(fed),
): Promise<string> {
  const id = await draft(fed, author, input);
  await submit(fed, author, id);
  await publish(fed, publisher, id);
  return id;
}

/** Rows in every publicity table, to show that a refused request changed nothing. */
export async function publicityCounts(fed: Federation) {
  const db = fed.subgraphs.publicity.db;
  const counts: Record<string, number> = {};
  for (const table of ["case_story", "story_reference", "story_event", "coverage"]) {
    const [row] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}
