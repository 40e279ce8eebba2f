// A district publish that the gateway gave up on (OUTCOME_UNKNOWN) while the districts subgraph had
// not committed it yet: the gateway invalidates the anonymous answers when it answers, but the
// write lands after that, and an anonymous story page read in between is cached again with the old
// station name, and answered from the cache after the write. Reproduced with a proxy that holds
// back the mutation itself until after the gateway's limit.
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

/** Forwards to `target`; mutations are forwarded only once `release` is called. */
function holdingProxy(target: string) {
  const held: Array<() => Promise<void>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(target);
      const forward = () =>
        new Promise<void>((done) => {
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
              answer.on("end", () => {
                done();
                if (res.destroyed) return;
                res.writeHead(answer.statusCode ?? 500, answer.headers);
                res.end(Buffer.concat(out));
              });
            },
          );
          up.end(body);
        });
      if (body.toString().startsWith('{"query":"mutation')) held.push(forward);
      else void forward();
    });
  });
  return {
    server,
    /** Forwards the held mutations; resolves once the subgraph answered them. */
    release: () => Promise.all(held.splice(0).map((forward) => forward())),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`),
        ),
      ),
  };
}

describe("an anonymous story page after a publish with an unknown outcome that commits late", () => {
  let fed: Federation;
  let proxy: ReturnType<typeof holdingProxy>;
  let gateway: RunningServer;
  beforeAll(async () => {
    fed = await bootFederation();
    proxy = holdingProxy(fed.subgraphs.districts.url);
    const districtsUrl = await proxy.listen();
    const config = {
      ...fed.config,
      subgraphCalls: {
        ...fed.config.subgraphCalls,
        timeoutMs: { ...fed.config.subgraphCalls.timeoutMs, districts: 1000 },
      },
    };
    gateway = await startGateway(config, {
      port: 0,
      subgraphUrls: {
        corps: fed.subgraphs.corps.url,
        districts: districtsUrl,
        platforms: fed.subgraphs.platforms.url,
        publicity: fed.subgraphs.publicity.url,
      },
    });
  });
  afterAll(async () => {
    await proxy?.release();
    await gateway?.stop();
    proxy?.server.close();
    await fed?.stop();
  });

  it("shows the station's new name, not the answer cached before", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const list = await execute<{
      caseStories: { nodes: Array<{ id: string; stations: Array<{ id: string } | null> }> };
    }>(fed.gatewayUrl, { query: "{ caseStories(first: 20) { nodes { id stations { id } } } }" });
    const story = list.caseStories.nodes.find((n) => n.stations.some(Boolean))!.id;
    const page = () =>
      send<{ caseStory: { stations: Array<{ id: string; name: string } | null> } }>(gateway.url, {
        query: PAGE,
        variables: { id: story },
      });
    await page();
    expect((await page()).headers.get("age")).not.toBeNull();

    const sources = await execute<{
      caseStory: {
        stations: Array<Record<string, unknown> & { id: string; district: { code: string } }>;
      };
    }>(fed.gatewayUrl, { query: SOURCES, variables: { id: story }, token: admin });
    const { id, district, ...input } = sources.caseStory.stations[0];
    const name = `${String(input.name).slice(0, 40)} (更正)`;
    const operator = await fed.token("DISTRICT_OPERATOR", { district: district.code });
    const published = await send(gateway.url, {
      query: contractOperation("PublishStations"),
      variables: { districtCode: district.code, stations: [{ ...input, name }] },
      token: operator,
    });
    expect(published.errors?.[0]?.extensions?.code).toBe("OUTCOME_UNKNOWN");
    // Read after the gateway gave up, before the subgraph has the write: the old name, cached.
    const between = await page();
    expect(between.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(input.name);
    await proxy.release();
    // Written now: the federation's own gateway (no entry for this page) shows it.
    const fresh = await execute<{
      caseStory: { stations: Array<{ id: string; name: string } | null> };
    }>(fed.gatewayUrl, { query: PAGE, variables: { id: story } });
    expect(fresh.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
    const shown = await page();
    expect(shown.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
  });
});
