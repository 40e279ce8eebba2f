import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { BranchKind } from "../vocabulary";

@Entity("branch")
@ObjectType({ description: "A branch team (支队) of the corps: regional or by industry." })
export class Branch {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 100, unique: true })
  @Field()
  name: string;

  @Column({ type: "varchar", length: 16 })
  @Field(() => BranchKind)
  kind: BranchKind;

  @Column({ type: "varchar", length: 6, nullable: true })
  districtCode: string | null;

  @Column({ type: "varchar", length: 60, nullable: true })
  @Field(() => String, { nullable: true, description: "The industry of an INDUSTRY branch." })
  industry: string | null;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
