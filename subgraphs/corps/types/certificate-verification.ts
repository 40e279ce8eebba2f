import { Field, Float, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";

/** What anyone may learn about a certificate from its number; the name stays masked. */
@ObjectType({
  description: "The public check of a service certificate: personal data stays masked.",
})
export class CertificateVerification {
  @Field({ description: "The certificate number." })
  number: string;

  @Field({
    description:
      "The volunteer's name, masked: the first character, then one * per further character.",
  })
  volunteerName: string;

  @Field(() => Float, { description: "The service hours certified." })
  hours: number;

  @Field(() => DateScalar, { description: "The day it was issued." })
  issuedOn: string;

  @Field({ description: "Who issued it." })
  issuer: string;
}
