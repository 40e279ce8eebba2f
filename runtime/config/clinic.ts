// The online clinic (义诊专栏): how long a booking waits for the expert's branch, and where the QR
// code of a printed service certificate sends its reader: by default the gateway's own verification
// page under PUBLIC_URL, like every other link the hub hands out.
import { integer, value, type Env, type Problems } from "./read";

export interface ClinicConfig {
  /**
   * Days the expert's branch has to answer a booking request (counted in Shenzhen dates from the
   * day it was made); a request still unanswered after the last of them is EXPIRED.
   */
  bookingExpiryDays: number;
  /**
   * The public verification page of a certificate, "{number}" standing for its number; by default
   * <PUBLIC_URL>/certificates/verify/{number} (gateway/routes/certificate-verify.ts).
   */
  certificateVerifyUrl: string;
}

/** publicUrl: servers.publicUrl, where the public reaches the gateway (no trailing slash). */
export function clinicSection(env: Env, problems: Problems, publicUrl: string): ClinicConfig {
  const bookingExpiryDays = integer(env, problems, "BOOKING_EXPIRY_DAYS", 7, {
    min: 1,
    max: 90,
    what: "a whole number of days from 1 to 90",
  });
  const certificateVerifyUrl =
    value(env, "CERTIFICATE_VERIFY_URL") ?? `${publicUrl}/certificates/verify/{number}`;
  if (
    !/^https?:\/\/[^\s]+$/.test(certificateVerifyUrl) ||
    !certificateVerifyUrl.includes("{number}")
  )
    problems.add(
      `CERTIFICATE_VERIFY_URL=${certificateVerifyUrl} must be an http(s) URL containing {number}, e.g. https://sme.sz.gov.cn/certificates/verify/{number}`,
    );
  return { bookingExpiryDays, certificateVerifyUrl };
}
