import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The last number issued in one series of document numbers (a prefix and a year, such as
 * SZZYFW-2026): the next number is this value plus one, taken by updating the row in the
 * transaction that writes the document. The row lock makes concurrent writers wait for each other
 * instead of reading the same largest number, and a rolled-back write gives its number back, so
 * the numbers of a series have no gaps. Internal: not part of the GraphQL schema.
 */
@Entity("number_counter")
export class NumberCounter {
  @PrimaryColumn({ type: "varchar", length: 32 })
  series: string;

  @Column({ type: "int" })
  value: number;
}
