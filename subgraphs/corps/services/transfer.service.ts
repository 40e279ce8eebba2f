// Transfers between branches (关系转接): the volunteer moves, and a Transfer row keeps the history.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { badInput, conflict, notFound } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { Branch } from "../entities/branch.entity";
import { Transfer } from "../entities/transfer.entity";
import { Volunteer } from "../entities/volunteer.entity";
import { VolunteerStatus } from "../../shared/vocabulary";
import { rowId } from "./ids";
import { findVolunteer, requireReason } from "./volunteer-lifecycle.service";

export async function transferVolunteer(
  db: DataSource,
  caller: Caller,
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
  return db.transaction(async (tx) => {
    const result = await tx
      .createQueryBuilder()
      .update(Volunteer)
      .set({ branchId: to.id })
      .where("id = :id AND branchId = :from", { id: volunteer.id, from: volunteer.branchId })
      .execute();
    if (result.affected !== 1) {
      throw conflict(
        `volunteer ${volunteer.id} was moved by someone else meanwhile; read it again and retry`,
      );
    }
    await tx.getRepository(Transfer).insert({
      volunteerId: volunteer.id,
      fromBranchId: volunteer.branchId,
      toBranchId: to.id,
      on: today(),
      reason: why,
      actor: caller.sub,
    });
    return tx.getRepository(Volunteer).findOneByOrFail({ id: volunteer.id });
  });
}
