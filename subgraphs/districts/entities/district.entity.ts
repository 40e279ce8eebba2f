import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DistrictKind } from "../../shared/vocabulary";

@Entity("district")
@ObjectType({ description: "A district of the city (区), keyed by its administrative code." })
@Directive('@key(fields: "code")')
export class District {
  @PrimaryColumn({ type: "varchar", length: 6 })
  @Field(() => ID, { description: "Administrative division code, e.g. 440305." })
  code: string;

  @Column({ type: "varchar", length: 40 })
  @Field({ description: "Chinese name, e.g. 南山区." })
  name: string;

  @Column({ type: "varchar", length: 32 })
  @Field(() => DistrictKind)
  kind: DistrictKind;
}
