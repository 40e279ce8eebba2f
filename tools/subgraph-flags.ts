// Node's own flags for a subgraph's process: npm start (tools/start.ts) and the benchmark
// (bench/federation.ts) start every subgraph with them; whoever starts run-subgraph otherwise
// passes them too (node <flags> dist/tools/run-subgraph.js <name>, or NODE_OPTIONS).

/**
 * A young generation of up to 32 MB a semi-space (V8 grows it to 16 MB by default). A subgraph's
 * request keeps its objects (rows, the answer's tree) alive while it waits on the database, so a
 * small young generation copies them from scavenge to scavenge and promotes them: publicity's page
 * of stories spent a fifth of its CPU in garbage collection. At most 32 MB more memory a process.
 */
export const SUBGRAPH_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=32"];
