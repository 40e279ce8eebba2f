import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { decimalTransformer } from "../../shared/db";
import { DateScalar } from "../../shared/scalars";

/**
 * A service certificate (志愿服务证明): a snapshot taken at issue time of the hours districts had
 * verified then. Later activities do not change an issued certificate.
 */
@Entity("certificate")
@Index("ix_certificate_volunteer", ["volunteerId"])
@ObjectType({
  description:
    "A numbered service certificate (志愿服务证明), a snapshot of verified hours at issue time.",
})
export class Certificate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 32, unique: true })
  @Field({ description: "The certificate number, SZZYFWZM-<year>-<6 digits>." })
  number: string;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "varchar", length: 60 })
  @Field({ description: "The volunteer's name as it was at issue time." })
  volunteerName: string;

  @Column({ type: "decimal", precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: "Verified service hours at issue time." })
  hours: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "How many activities those hours come from." })
  activityCount: number;

  @Column({ type: "simple-array" })
  @Field(() => [ServiceCategory], { description: "The service categories of those activities." })
  categories: ServiceCategory[];

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "A one-line summary of the service certified." })
  summary: string;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who issues the certificate." })
  issuer: string;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "The day it was issued (Shenzhen date)." })
  issuedOn: string;

  @Column({ type: "varchar", length: 100 })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
