// The four subgraphs by name: what config sections are keyed by.
export const SUBGRAPHS = ["corps", "districts", "platforms", "publicity"] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
