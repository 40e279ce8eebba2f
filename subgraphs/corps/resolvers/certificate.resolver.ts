// Service certificates: issued by the corps office, checked by anyone; rules in
// services/certificate.service.ts.
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { ownVolunteerId } from "../services/self-service.service";
import { Certificate } from "../entities/certificate.entity";
import { CertificateVerification } from "../types/certificate-verification";
import { Volunteer } from "../entities/volunteer.entity";
import type { CorpsLoaders } from "../loaders";
import { SERVICE_CATEGORY_NAMES } from "../../shared/vocabulary";
import {
  findCertificate,
  issueCertificate,
  serviceRecordsThroughGateway,
  verifyCertificate,
} from "../services/certificate.service";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => Certificate)
export class CertificateResolver {
  @Authorized("CITY_ADMIN")
  @Mutation(() => Certificate, {
    description:
      "Issues a numbered service certificate (志愿服务证明) for the hours districts has verified, read at issue time. " +
      "Refused (CONFLICT) when those hours cannot be read, and for volunteers never appointed; BAD_USER_INPUT with no hours.",
  })
  issueCertificate(@Arg("volunteerId", () => ID) volunteerId: string, @Ctx() ctx: Ctx) {
    return issueCertificate(
      ctx.db,
      ctx.audit,
      volunteerId,
      serviceRecordsThroughGateway(ctx.config),
    );
  }

  @Query(() => CertificateVerification, {
    nullable: true,
    description:
      "Public: checks a certificate by its number; null when no certificate has that number. The name is masked.",
  })
  verifyCertificate(
    @Arg("number", { description: "The certificate number, e.g. SZZYFWZM-2025-000001." })
    number: string,
    @Ctx() ctx: Ctx,
  ) {
    return verifyCertificate(ctx.db, number);
  }

  @Authorized("CITY_ADMIN", "SERVICE", "VOLUNTEER")
  @Query(() => Certificate, {
    nullable: true,
    description:
      "A stored certificate with every field of its snapshot, by number (what the printable PDF shows); null when unknown. For the corps office (CITY_ADMIN), the hub's own services, and the volunteer certified (VOLUNTEER: its own only, null for any other).",
  })
  async certificate(
    @Arg("number") number: string,
    @CurrentCaller({ allRoles: true }) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    const certificate = await findCertificate(ctx.db, number);
    if (caller.role !== "VOLUNTEER") return certificate;
    return certificate?.volunteerId === ownVolunteerId(caller) ? certificate : null;
  }

  @FieldResolver(() => [String], {
    description:
      "The service categories' Chinese names (政策, 融资, ...), in the order of categories.",
  })
  categoryNames(@Root() certificate: Certificate): string[] {
    return certificate.categories.map((c) => SERVICE_CATEGORY_NAMES[c] ?? c);
  }

  @FieldResolver(() => Volunteer, { nullable: true, description: "The volunteer certified." })
  volunteer(@Root() certificate: Certificate, @Ctx() ctx: Ctx) {
    return ctx.loaders.volunteer.load(certificate.volunteerId);
  }
}
