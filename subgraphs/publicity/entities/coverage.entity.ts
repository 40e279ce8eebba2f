import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Outlet } from "../vocabulary";

@Entity("coverage")
@Index("ix_coverage_story", ["storyId"])
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
  @Field()
  url: string;

  @Column({ type: "date" })
  @Field(() => DateScalar)
  publishedOn: string;
}
