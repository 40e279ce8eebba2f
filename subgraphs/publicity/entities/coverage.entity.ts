import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Outlet } from "../vocabulary";

@Entity("coverage")
@Index("ix_coverage_story", ["storyId"])
// The same link twice for one story is a duplicate; urlKey is the SHA-256 of the normalised URL,
// so the check is exact (case-sensitive paths) on every database and fits any index length.
@Unique("uq_coverage_story_url", ["storyId", "urlKey"])
@ObjectType({ description: "Media coverage of a story." })
export class Coverage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  storyId: number;

  @Column({ type: "varchar", length: 40 })
  @Field(() => Outlet)
  outlet: Outlet;

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "The article, broadcast or post: an http(s) link." })
  url: string;

  @Column({ type: "varchar", length: 64 })
  urlKey: string;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "When the outlet published it (Shenzhen date)." })
  publishedOn: string;
}
