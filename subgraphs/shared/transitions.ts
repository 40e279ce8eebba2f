// Transition tables (docs/domain.md rule 8): every lifecycle of the hub is a table of named moves,
// each with the statuses it applies from, the status it leads to and the action its audit event
// records. One check for all of them, so every illegal move is refused the same way. Pure.
import { conflict } from "../../runtime/errors";

export interface Move<S extends string, A extends string> {
  from: readonly S[];
  to: S;
  action: A;
}

export type TransitionTable<S extends string, A extends string> = Readonly<
  Record<string, Move<S, A>>
>;

/** The moves of `table` that apply to a record in `status`, in the table's order. */
export function legalMoves<S extends string>(
  table: TransitionTable<S, string>,
  status: S,
): string[] {
  return Object.keys(table).filter((name) => table[name].from.includes(status));
}

/**
 * The rule of `move` when it applies to a record in `status`; otherwise a CONFLICT naming the
 * status, where the move does apply (`needs` words it, when the table's status names are not
 * enough), and the moves that are legal now (`details.legalMoves`).
 */
export function checkMove<S extends string, A extends string, T extends TransitionTable<S, A>>(
  table: T,
  move: keyof T & string,
  subject: string,
  status: S,
  needs?: string,
): T[keyof T & string] {
  const rule = table[move];
  if (rule.from.includes(status)) return rule;
  const legal = legalMoves(table, status);
  throw conflict(
    `cannot ${move} ${subject}: it is ${status}, and ` +
      (needs ?? `${move} applies only to ${rule.from.join(" or ")}`) +
      (legal.length
        ? `; from ${status} you can ${legal.join(", ")}`
        : `; nothing moves it on from ${status}`),
    { currentStatus: status, legalMoves: legal },
  );
}
