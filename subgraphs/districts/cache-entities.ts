// What anonymous answers may cache of this subgraph's entities, and which mutations report their
// writes (shared/cache-entities.ts). Public fields only: a station's contact is personal data, its
// history is for signed-in callers, `idle` changes with the date alone. Stations, activities and
// their fields change through the three publishes (reporting), through a review (reviewStation:
// the gateway invalidates everything) or through demand moves, which report the station whose
// openDemandCount and lastDemandAt they change (rollups.ts: trackingDemands). District rows do not
// change; their figures are not listed.
import type { CacheEntities } from "../shared/cache-entities";

export const districtsCacheEntities: CacheEntities = {
  public: {
    District: { key: "code", fields: ["code", "name", "kind"] },
    Station: {
      key: "id",
      fields: [
        "id",
        "externalId",
        "name",
        "hostType",
        "status",
        "categories",
        "address",
        "venue",
        "equipment",
        "recommended",
        "filedAt",
        "createdAt",
        "district",
        "openDemandCount",
        "lastDemandAt",
      ],
    },
    Activity: {
      key: "id",
      fields: [
        "id",
        "externalId",
        "type",
        "category",
        "title",
        "heldOn",
        "enterprisesServed",
        "online",
        "station",
        "district",
      ],
    },
    // Its service figures here are not listed.
    Volunteer: { key: "id", fields: ["id"] },
  },
  reporting: ["publishStations", "publishDemands", "publishActivities"],
};
