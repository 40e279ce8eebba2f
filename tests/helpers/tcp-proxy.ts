// A TCP proxy in front of a server, for fault tests: it passes connections through, holds them
// without an answer (a hung subgraph), resets them at once (a subgraph that is down), or freezes
// (a server stopped with SIGSTOP, without stopping it: other tests share it). It counts the
// connections it was asked for.
//
// Frozen, the proxy keeps every connection open and accepts new ones, but passes nothing either
// way: what each side sends waits in the proxy, as it would in a stopped server's socket buffers.
// Thawed (setMode("pass")), everything held is delivered, including what a client sent before it
// closed its connection, followed by that close: a stopped server that wakes reads a COMMIT sent
// before the client gave up, and carries it out.
import net from "node:net";

export type ProxyMode = "pass" | "hang" | "reset" | "freeze";

export interface TcpProxy {
  url: string;
  readonly mode: ProxyMode;
  connections: number;
  /**
   * Changes what new connections get. Into or out of "freeze" open connections stay (held, then
   * delivered); any other change cuts them (pooled keep-alive sockets).
   */
  setMode(mode: ProxyMode): void;
  /**
   * Freezes the proxy the moment a client sends bytes that contain `text` (a statement's SQL, say),
   * before they pass: the server has not received them when the client gives up.
   */
  freezeOn(text: string): void;
  close(): Promise<void>;
}

/** One client connection and its way to the server, forwarded by hand so that it can freeze. */
class Link {
  private upstream: net.Socket | null = null;
  private toServer: Buffer[] = [];
  private toClient: Buffer[] = [];
  private clientEnded = false;

  constructor(
    readonly client: net.Socket,
    private readonly target: URL,
    private readonly frozen: (chunk?: Buffer) => boolean,
    private readonly sockets: Set<net.Socket>,
  ) {
    client.on("data", (chunk: Buffer) => this.send(chunk));
    client.on("end", () => this.endClient());
    client.on("close", () => this.endClient());
    if (!frozen()) this.open();
  }

  private open() {
    const upstream = net.connect(Number(this.target.port), this.target.hostname);
    this.upstream = upstream;
    this.sockets.add(upstream);
    upstream.on("close", () => {
      this.sockets.delete(upstream);
      this.client.destroy();
    });
    upstream.on("error", () => this.client.destroy());
    upstream.on("data", (chunk: Buffer) => {
      if (this.frozen()) this.toClient.push(chunk);
      else this.client.write(chunk);
    });
  }

  private send(chunk: Buffer) {
    if (this.frozen(chunk) || !this.upstream) this.toServer.push(chunk);
    else this.upstream.write(chunk);
  }

  private endClient() {
    if (this.clientEnded) return;
    this.clientEnded = true;
    if (!this.frozen()) this.upstream?.end();
  }

  /**
   * Delivers what was held, both ways, then the client's close if it came meanwhile; true when
   * the client is gone (the link is done).
   */
  thaw(): boolean {
    if (!this.upstream) {
      if (this.clientEnded && !this.toServer.length) return true;
      this.open();
    }
    for (const chunk of this.toServer.splice(0)) this.upstream!.write(chunk);
    if (!this.client.destroyed)
      for (const chunk of this.toClient.splice(0)) this.client.write(chunk);
    if (this.clientEnded) this.upstream!.end();
    return this.clientEnded;
  }
}

export async function tcpProxy(target: URL, path = "/graphql"): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const links = new Set<Link>();
  let trigger: Buffer | null = null;
  /** Frozen now, or from this chunk on (freezeOn). */
  const frozen = (chunk?: Buffer) => {
    if (chunk && trigger && chunk.includes(trigger)) {
      trigger = null;
      (proxy as { mode: ProxyMode }).mode = "freeze";
    }
    return proxy.mode === "freeze";
  };
  const proxy: TcpProxy = {
    url: "",
    mode: "pass",
    connections: 0,
    setMode(mode) {
      const before = proxy.mode;
      (proxy as { mode: ProxyMode }).mode = mode;
      if (mode === "freeze" || (before === "freeze" && mode === "pass")) {
        if (mode === "pass") for (const link of links) if (link.thaw()) links.delete(link);
        return;
      }
      sockets.forEach((s) => s.destroy());
    },
    freezeOn(text) {
      trigger = Buffer.from(text, "utf8");
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    proxy.connections += 1;
    sockets.add(client);
    client.on("error", () => undefined);
    if (proxy.mode === "reset") {
      sockets.delete(client);
      return client.resetAndDestroy();
    }
    if (proxy.mode === "hang") {
      client.on("close", () => sockets.delete(client));
      return; // read nothing, answer nothing
    }
    const link = new Link(client, target, frozen, sockets);
    links.add(link);
    // A link whose client closed while frozen stays until the thaw has delivered its close.
    client.on("close", () => {
      sockets.delete(client);
      if (!frozen()) links.delete(link);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${path}`;
  return proxy;
}
