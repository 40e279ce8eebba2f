// A district publish the gateway gave up on (OUTCOME_UNKNOWN: no answer within its time limit)
// may still have changed what the anonymous story pages show, whether the districts subgraph
// committed it before the gateway answered or only after: the response cache must not keep (or
// start) answering them from entries with the old data. Reproduced with a gateway whose districts
// calls go through a proxy that holds back mutations (the answer, or the request itself) until
// after that gateway's limit.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startGateway } from "../../gateway";
import type { RunningServer } from "../../runtime/http/server";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send } from "../helpers/graphql";

const PAGE = `query StoryPage($id: ID!) {
  caseStory(id: $id) { id stations { id name } }
}`;
const SOURCES = `query StorySources($id: ID!) {
  caseStory(id: $id) {
    stations {
      id externalId name hostType address categories contactName contactPhone venue equipment
      district { code }
    }
  }
}`;

type Stories = { caseStory: { stations: Array<{ id: string; name: string } | null> } };

/**
 * Forwards to `target`; a mutation's `answer` is sent back, or its `request` sent on, only once
 * `release` is called (resolves when the held work is done).
 */
function holdingProxy(target: string, hold: "answer" | "request") {
  const held: Array<() => Promise<void>> = [];
  const url = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const mutation = body.toString().startsWith('{"query":"mutation');
      const forward = () =>
        new Promise<() => void>((answered) => {
          const up = http.request(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: req.method,
              headers: req.headers,
            },
            (answer) => {
              const out: Buffer[] = [];
              answer.on("data", (c: Buffer) => out.push(c));
              answer.on("end", () =>
                answered(() => {
                  if (res.destroyed) return;
                  res.writeHead(answer.statusCode ?? 500, answer.headers);
                  res.end(Buffer.concat(out));
                }),
              );
            },
          );
          up.end(body);
        });
      if (mutation && hold === "request") held.push(() => forward().then((reply) => reply()));
      else
        void forward().then((reply) => {
          if (mutation) held.push(async () => reply());
          else reply();
        });
    });
  });
  return {
    server,
    release: () => Promise.all(held.splice(0).map((work) => work())),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`),
        ),
      ),
  };
}

describe("an anonymous story page after a publish with an unknown outcome", () => {
  let fed: Federation;
  const proxies: Array<ReturnType<typeof holdingProxy>> = [];
  const gateways: RunningServer[] = [];
  beforeAll(async () => {
    fed = await bootFederation();
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.release();
    for (const gateway of gateways) await gateway.stop();
    for (const proxy of proxies) proxy.server.close();
    await fed?.stop();
  });

  /** A gateway whose districts calls go through a holding proxy, with a 1 s limit on them. */
  async function gatewayHolding(hold: "answer" | "request") {
    const proxy = holdingProxy(fed.subgraphs.districts.url, hold);
    proxies.push(proxy);
    const districtsUrl = await proxy.listen();
    const config = {
      ...fed.config,
      subgraphCalls: {
        ...fed.config.subgraphCalls,
        timeoutMs: { ...fed.config.subgraphCalls.timeoutMs, districts: 1000 },
      },
    };
    const gateway = await startGateway(config, {
      port: 0,
      subgraphUrls: {
        corps: fed.subgraphs.corps.url,
        districts: districtsUrl,
        platforms: fed.subgraphs.platforms.url,
        publicity: fed.subgraphs.publicity.url,
      },
    });
    gateways.push(gateway);
    return { proxy, gateway };
  }

  /** A story page cached on `gateway`, and the publish that renames its first station there. */
  async function cachedPageAndRename(gateway: RunningServer, suffix: string) {
    const list = await execute<{
      caseStories: { nodes: Array<{ id: string; stations: Array<{ id: string } | null> }> };
    }>(fed.gatewayUrl, { query: "{ caseStories(first: 20) { nodes { id stations { id } } } }" });
    const story = list.caseStories.nodes.find((n) => n.stations.some(Boolean))!.id;
    const page = () => send<Stories>(gateway.url, { query: PAGE, variables: { id: story } });
    await page();
    expect((await page()).headers.get("age")).not.toBeNull();
    const sources = await execute<{
      caseStory: {
        stations: Array<Record<string, unknown> & { id: string; district: { code: string } }>;
      };
    }>(fed.gatewayUrl, {
      query: SOURCES,
      variables: { id: story },
      token: await fed.token("CITY_ADMIN"),
    });
    const { id, district, ...input } = sources.caseStory.stations[0];
    const oldName = String(input.name);
    const name = `${oldName.slice(0, 40)} (${suffix})`;
    const published = await send(gateway.url, {
      query: contractOperation("PublishStations"),
      variables: { districtCode: district.code, stations: [{ ...input, name }] },
      token: await fed.token("DISTRICT_OPERATOR", { district: district.code }),
    });
    expect(published.errors?.[0]?.extensions?.code).toBe("OUTCOME_UNKNOWN");
    // Signed in, past every cache (its reads of other subgraphs' entities are never cached).
    const nameOn = async (url: string) =>
      (
        await execute<Stories>(url, {
          query: PAGE,
          variables: { id: story },
          token: await fed.token("CITY_ADMIN"),
        })
      ).caseStory.stations.find((s) => s?.id === id)!.name;
    return { page, id, name, oldName, nameOn };
  }

  it("shows the station's new name when the subgraph wrote before the gateway answered", async () => {
    const { proxy, gateway } = await gatewayHolding("answer");
    const { page, id, name, nameOn } = await cachedPageAndRename(gateway, "更正");
    await proxy.release();
    // It was written: the federation's own gateway shows it.
    expect(await nameOn(fed.gatewayUrl)).toBe(name);
    const shown = await page();
    expect(shown.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
  });

  it("shows it when the subgraph writes only after the gateway answered", async () => {
    const { proxy, gateway } = await gatewayHolding("request");
    const { page, id, name, oldName, nameOn } = await cachedPageAndRename(gateway, "再更正");
    // Read after the gateway gave up, before the subgraph has the write: the old name.
    const between = await page();
    expect(between.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(oldName);
    await proxy.release();
    // Written now: the federation's own gateway shows it.
    expect(await nameOn(fed.gatewayUrl)).toBe(name);
    const shown = await page();
    expect(shown.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
  });
});
