import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { ServiceCategory, ServiceForm } from "../../shared/vocabulary";

/**
 * An entry of the service menu (服务菜单): what an enterprise can ask an expert of a category for.
 * Kept by the corps office; a retired entry stays for the bookings that name it.
 */
@Entity("service_menu_item")
@Index("ix_service_menu_category", ["category", "active"])
@Unique("uq_service_menu_title", ["category", "title"])
@ObjectType({
  description:
    "An entry of the service menu (服务菜单): a one-on-one service an enterprise can book in one category.",
})
@Directive('@key(fields: "id")')
export class ServiceMenuItem {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 32 })
  @Field(() => ServiceCategory, { description: "The category the service belongs to." })
  category: ServiceCategory;

  @Column({ type: "varchar", length: 60 })
  @Field({ description: "What the service is called, e.g. 融资路演辅导." })
  title: string;

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "What the enterprise gets, in a few sentences." })
  description: string;

  @Column({ type: "simple-array" })
  @Field(() => [ServiceForm], { description: "How it can be held." })
  forms: ServiceForm[];

  @Column({ type: "int" })
  @Field(() => Int, { description: "How long one session usually takes, in minutes." })
  durationMinutes: number;

  @Column({ type: "boolean", default: true })
  @Field({ description: "Offered now; retired entries are kept for the bookings that name them." })
  active: boolean;

  @Column({ type: "int", default: 1 })
  @Field(() => Int, { description: "Bumped by every change; pass it back as expectedVersion." })
  version: number;

  @Column({ type: "varchar", length: 100 })
  updatedBy: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
