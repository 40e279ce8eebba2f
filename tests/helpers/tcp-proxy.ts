// A TCP proxy in front of a server, for fault tests: it passes connections through, holds them
// without an answer (a hung subgraph), or resets them at once (a subgraph that is down), and
// counts the connections it was asked for.
import net from "node:net";

export type ProxyMode = "pass" | "hang" | "reset";

export interface TcpProxy {
  url: string;
  readonly mode: ProxyMode;
  connections: number;
  /** Changes what new connections get, and cuts the open ones (pooled keep-alive sockets). */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function tcpProxy(target: URL, path = "/graphql"): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: TcpProxy = {
    url: "",
    mode: "pass",
    connections: 0,
    setMode(mode) {
      (proxy as { mode: ProxyMode }).mode = mode;
      sockets.forEach((s) => s.destroy());
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
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (proxy.mode === "reset") return client.resetAndDestroy();
    if (proxy.mode === "hang") return; // read nothing, answer nothing
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}${path}`;
  return proxy;
}
