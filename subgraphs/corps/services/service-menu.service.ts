// The service menu (服务菜单) per category, kept by the corps office: what an enterprise can book an
// expert for. Entries are changed optimistically (conditional on the version read) and retired
// rather than deleted, so that a booking naming one keeps its meaning.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { conflict, notFound } from "../../../runtime/errors";
import { isUniqueViolation } from "../../shared/unique-violation";
import type { ServiceCategory } from "../../shared/vocabulary";
import { ServiceMenuItem } from "../entities/service-menu-item.entity";
import type { ServiceMenuItemInput } from "../inputs/clinic.input";

export async function findMenuItem(db: DataSource, id: string): Promise<ServiceMenuItem> {
  const item = /^\d{1,9}$/.test(id)
    ? await db.getRepository(ServiceMenuItem).findOneBy({ id: Number(id) })
    : null;
  if (!item) throw notFound(`no service menu entry with id "${id}"`);
  return item;
}

export function serviceMenu(db: DataSource, category: ServiceCategory | null, all: boolean) {
  const query = db.getRepository(ServiceMenuItem).createQueryBuilder("m");
  if (category) query.andWhere("m.category = :category", { category });
  if (!all) query.andWhere("m.active = :active", { active: true });
  return query.orderBy("m.category", "ASC").addOrderBy("m.id", "ASC").getMany();
}

const values = (input: ServiceMenuItemInput) => ({
  category: input.category,
  title: input.title,
  description: input.description,
  forms: [...input.forms].sort(),
  durationMinutes: input.durationMinutes,
});

const duplicate = (input: ServiceMenuItemInput) =>
  conflict(`the ${input.category} menu already has an entry called "${input.title}"`);

/** Creates an entry (no id) or replaces one's content; a title is used once per category. */
export async function saveMenuItem(
  db: DataSource,
  caller: Caller,
  input: ServiceMenuItemInput,
  id: string | null | undefined,
  expectedVersion: number | null | undefined,
): Promise<ServiceMenuItem> {
  const repo = db.getRepository(ServiceMenuItem);
  try {
    if (id == null) {
      const { identifiers } = await repo.insert({
        ...values(input),
        active: true,
        version: 1,
        updatedBy: caller.sub,
      });
      return repo.findOneByOrFail({ id: Number(identifiers[0].id) });
    }
    const item = await findMenuItem(db, id);
    return await update(db, item, expectedVersion, { ...values(input), updatedBy: caller.sub });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input);
    throw error;
  }
}

/** Takes an entry off the menu; bookings that name it keep it. */
export async function retireMenuItem(
  db: DataSource,
  caller: Caller,
  id: string,
  expectedVersion: number | null | undefined,
) {
  const item = await findMenuItem(db, id);
  if (!item.active) throw conflict(`service menu entry ${item.id} is already retired`);
  return update(db, item, expectedVersion, { active: false, updatedBy: caller.sub });
}

async function update(
  db: DataSource,
  item: ServiceMenuItem,
  expectedVersion: number | null | undefined,
  columns: Partial<ServiceMenuItem>,
) {
  // Optional GraphQL arguments arrive as undefined when left out.
  const version = expectedVersion ?? item.version;
  const result = await db
    .createQueryBuilder()
    .update(ServiceMenuItem)
    .set({ ...columns, version: () => "version + 1" })
    .where("id = :id AND version = :version", { id: item.id, version })
    .execute();
  if (result.affected !== 1)
    throw conflict(
      `service menu entry ${item.id} is at version ${item.version}` +
        (expectedVersion != null && expectedVersion !== item.version
          ? `, not ${expectedVersion}`
          : "") +
        ": someone changed it since you read it; read it again",
      { currentVersion: item.version },
    );
  return db.getRepository(ServiceMenuItem).findOneByOrFail({ id: item.id });
}
