// Transfers between branches (关系转接): the volunteer moves, and a Transfer row keeps the history.
import type { DataSource } from "typeorm";
import { transition, type Audit } from "../../shared/audit";
import { badInput, conflict, notFound } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { Branch } from "../entities/branch.entity";
import { Transfer } from "../entities/transfer.entity";
import { Volunteer } from "../entities/volunteer.entity";
import { VolunteerEvent } from "../entities/volunteer-event.entity";
import { VolunteerStatus } from "../../shared/vocabulary";
import { VolunteerAction } from "../vocabulary";
import { rowId } from "./ids";
import { findVolunteer, requireReason } from "./volunteer-lifecycle.service";
import { trackingVolunteers } from "./volunteer-counts";

export async function transferVolunteer(
  db: DataSource,
  audit: Audit,
  id: string,
  toBranchId: string,
  reason: string,
): Promise<Volunteer> {
  const why = requireReason(reason);
  const volunteer = await findVolunteer(db, id);
  const to = await db.getRepository(Branch).findOneBy({ id: rowId(toBranchId, "branch") });
  if (!to) throw notFound(`no branch with id "${toBranchId}"; the branches query lists them`);
  if (to.id === volunteer.branchId) {
    throw badInput(
      `volunteer ${volunteer.id} is already in branch ${to.id} (${to.name}); choose another toBranchId`,
    );
  }
  if (volunteer.status === VolunteerStatus.WITHDRAWN) {
    throw conflict(
      `volunteer ${volunteer.id} has WITHDRAWN from the corps and cannot be transferred`,
      {
        status: volunteer.status,
      },
    );
  }
  // The corps' counts follow the move (volunteer-counts.ts).
  return db.transaction((tx) =>
    trackingVolunteers(tx, [volunteer.id], async () => {
      // Conditional on the branch and status read: moved or withdrawn meanwhile, nothing is written.
      const moved = await transition(tx, Volunteer, {
        row: volunteer,
        subject: `volunteer ${volunteer.id}`,
        move: { action: VolunteerAction.TRANSFER },
        guard: ["status", "branchId"],
        set: { branchId: to.id },
        event: { entity: VolunteerEvent, values: { volunteerId: volunteer.id } },
        audit,
        comment: `moved from branch ${volunteer.branchId} to branch ${to.id}: ${why}`,
      });
      await tx.getRepository(Transfer).insert({
        volunteerId: volunteer.id,
        fromBranchId: volunteer.branchId,
        toBranchId: to.id,
        on: today(),
        reason: why,
        actor: audit.actor,
      });
      return { result: moved, created: [] };
    }),
  );
}
