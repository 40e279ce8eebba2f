// What anonymous answers may cache of platforms' entities (shared/cache-entities.ts): a certified
// platform's public card, as the story pages show it. Every platforms mutation names no district,
// so the gateway invalidates everything after it: none needs to report.
import type { CacheEntities } from "../shared/cache-entities";

export const platformsCacheEntities: CacheEntities = {
  public: {
    Platform: {
      key: "id",
      fields: ["id", "name", "kind", "operatorName", "status", "level", "certifiedOn"],
    },
    District: { key: "code", fields: ["code"] },
    Volunteer: { key: "id", fields: ["id"] },
    Station: { key: "id", fields: ["id"] },
  },
  reporting: [],
};
