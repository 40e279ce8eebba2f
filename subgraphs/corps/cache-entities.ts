// What anonymous answers may cache of corps' entities (shared/cache-entities.ts): an appointed
// volunteer's public card, as the directory and the story pages show it. Anonymous callers see
// only appointed volunteers, and every corps mutation names no district, so the gateway
// invalidates everything after it: none needs to report.
import type { CacheEntities } from "../shared/cache-entities";

export const corpsCacheEntities: CacheEntities = {
  public: {
    Volunteer: { key: "id", fields: ["id", "name", "expertType", "categories"] },
    District: { key: "code", fields: ["code"] },
  },
  reporting: [],
};
