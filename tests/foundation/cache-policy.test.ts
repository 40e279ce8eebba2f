// The subgraphs' Cache-Control header without Apollo's per-field hook (subgraphs/shared/
// cache-policy.ts) is the header Apollo's cache-control plugin writes: each subgraph's schema is
// served twice on the demo data, once with Apollo's plugin and once with ours, and every read
// below gets the same header from both, for the public and for signed-in callers: hinted story
// pages, lists with nothing in them, a story that is not there, entity references with and without
// hints, aggregates, errors and fields that restrict nothing.
import { Writable } from "node:stream";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import type { Caller } from "../../runtime/auth";
import type { SubgraphName } from "../../runtime/config";
import { createLogger } from "../../runtime/log";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { auditOf } from "../../subgraphs/shared/audit";
import { cachePolicyPlugin, instrumentCacheHints } from "../../subgraphs/shared/cache-policy";
import { bootFederation, type Federation } from "../helpers/federation";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const STORY_PAGE = `query ($first: Int) { caseStories(first: $first) { totalCount pageInfo { hasNextPage endCursor }
  nodes { id title summary status publishedAt categories district { code } volunteers { id }
    stations { id } platforms { id } activities { id } coverage { outlet url publishedOn } } } }`;

const READS: Record<SubgraphName, Array<[string, Record<string, unknown>?]>> = {
  publicity: [
    [STORY_PAGE, { first: 50 }],
    [STORY_PAGE, { first: 0 }],
    [`{ caseStories(first: 3) { totalCount nodes { id title } } }`],
    [`{ caseStories(first: 3) { lastChangedAt nodes { id } } }`],
    [`{ caseStories(filter: { search: "zz-no-such-story" }) { nodes { id coverage { url } } } }`],
    [`{ caseStory(id: "999999") { id coverage { url } } }`],
    [`{ caseStory(id: "1") { id history { id } } }`],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { publishedStoryCount } } }`,
      { r: [{ __typename: "District", code: "440303" }] },
    ],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { stories(first: 2) { id title } } } }`,
      { r: [{ __typename: "Volunteer", id: "1" }] },
    ],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CaseStory { id title } } }`,
      { r: [{ __typename: "CaseStory", id: "1" }] },
    ],
    [
      `{ caseStories(filter: { publishedFrom: "2025-05-01", publishedTo: "2025-01-01" }) { totalCount } }`,
    ],
    [`{ __typename }`],
    [`{ caseStories(first: 1) { totalCount } _service { sdl } }`],
    [`{ caseStories(first: 1) { totalCount } __typename }`],
    [`{ _service { sdl } }`],
  ],
  corps: [
    [`{ corpsStats { volunteers appointed byStatus { status count } byExpertType { count } } }`],
    [`{ corpsStats { volunteers } }`],
    [`{ corpsStats { volunteers } volunteer(id: "1") { id } }`],
    [`{ volunteer(id: "1") { id name } }`],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id name expertType } } }`,
      {
        r: [
          { __typename: "Volunteer", id: "1" },
          { __typename: "Volunteer", id: "2" },
        ],
      },
    ],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { volunteerCount } } }`,
      { r: [{ __typename: "District", code: "440303" }] },
    ],
  ],
  districts: [
    [`{ districts { code name } }`],
    [`{ districts { code name } _service { sdl } }`],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { name } ... on Station { id name } } }`,
      {
        r: [
          { __typename: "District", code: "440303" },
          { __typename: "Station", id: "1" },
        ],
      },
    ],
  ],
  platforms: [
    [`{ platforms(first: 5) { nodes { id name kind } } }`],
    [
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Platform { id name kind } } }`,
      { r: [{ __typename: "Platform", id: "1" }] },
    ],
  ],
};

const CALLERS: Array<Caller | null> = [
  null,
  { sub: "admin", role: "CITY_ADMIN" },
  { sub: "viewer", role: "DASHBOARD_VIEWER" },
];

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

describe.each(Object.keys(READS) as SubgraphName[])("%s's Cache-Control", (name) => {
  it("is Apollo's cache-control plugin's, read for read and caller for caller", async () => {
    const definition = SUBGRAPH_DEFINITIONS[name];
    const apollo = new ApolloServer({
      schema: await definition.buildSchema(),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const ours = new ApolloServer({
      schema: instrumentCacheHints(await definition.buildSchema()),
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        cachePolicyPlugin(),
      ],
    });
    await Promise.all([apollo.start(), ours.start()]);
    try {
      const { db } = fed.subgraphs[name];
      const log = createLogger(name, fed.config.log, quiet);
      const seen = new Set<string>();
      for (const caller of CALLERS)
        for (const [query, variables] of READS[name]) {
          const headers = await Promise.all(
            [apollo, ours].map(async (server) => {
              const contextValue = {
                caller,
                audit: auditOf(caller, "rid-1", null),
                db,
                config: fed.config,
                loaders: definition.createLoaders(db),
                log,
                requestId: "rid-1",
                traceId: null,
              };
              const response = await server.executeOperation(
                { query, variables },
                { contextValue },
              );
              return response.http.headers.get("cache-control");
            }),
          );
          expect({ query, caller: caller?.role, header: headers[1] }).toEqual({
            query,
            caller: caller?.role,
            header: headers[0],
          });
          seen.add(String(headers[0]));
        }
      // Both kinds of answer were compared: cacheable ones and uncacheable ones.
      if (name === "publicity" || name === "corps") expect(seen.size).toBeGreaterThan(1);
    } finally {
      await Promise.all([apollo.stop(), ours.stop()]);
    }
  });
});
