// The workstation a platform grows from (docs/domain.md "platforms"): it must exist, be FILED and be in
// the platform's district. Districts owns stations; this subgraph asks through the gateway (one
// request, a SERVICE token), never by reading districts' tables. When districts cannot answer,
// nothing is written.
import path from "node:path";
import type { Caller } from "../../../runtime/auth";
import type { HubConfig } from "../../../runtime/config";
import { badInput, conflict, forbidden } from "../../../runtime/errors";
import { readOperation } from "../../../runtime/operations";
import { rowId } from "../../shared/ids";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";

export interface StationStanding {
  id: string;
  name: string;
  status: string;
  district: { code: string };
}

const SOURCE_STATIONS = readOperation(path.join(__dirname, "..", "operations"), "source-stations");

/** The station as districts reports it, null when unknown; throws ServiceUnavailable. */
export async function fetchStation(config: HubConfig, id: string): Promise<StationStanding | null> {
  if (rowId(id) === null) return null;
  const data = await new ServiceClient(config, "platforms").query<{
    stationsByIds: Array<StationStanding | null>;
  }>(SOURCE_STATIONS, { ids: [id] });
  return data.stationsByIds[0] ?? null;
}

/**
 * Why the station cannot be the source of a platform in `districtCode`, or null when it can.
 * With `operator`, a station of another district is the caller's trespass (FORBIDDEN), not a typo.
 */
export function checkSourceStation(
  field: string,
  id: string,
  station: StationStanding | null,
  districtCode: string,
  operator?: Caller,
): StationStanding {
  if (!station) throw badInput(`${field} ${id}: there is no such workstation`);
  const label = `station ${id} (${station.name})`;
  if (station.district.code !== districtCode) {
    if (operator) {
      throw forbidden(
        `${label} is in district ${station.district.code}; you operate district ${operator.district} and can recommend only its stations`,
      );
    }
    throw badInput(
      `${label} is in district ${station.district.code}, the platform in ${districtCode}: a platform grows from a station of its own district`,
    );
  }
  if (station.status !== "FILED") {
    throw badInput(
      `${label} is ${station.status}: only a FILED (备案) workstation can grow into a platform`,
      { stationStatus: station.status },
    );
  }
  return station;
}

/** Asks districts, turning "cannot answer" into a refusal that changes nothing. */
export async function stationThroughGateway(config: HubConfig, id: string) {
  try {
    return await fetchStation(config, id);
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    throw conflict(
      `cannot check workstation ${id} right now (${error.message}); nothing was written, try again when the districts service answers`,
    );
  }
}
