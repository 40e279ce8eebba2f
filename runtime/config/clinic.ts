// The online clinic (义诊专栏): how long a booking waits for the expert's branch, where the QR
// code of a printed service certificate sends its reader (by default the gateway's own
// verification page under PUBLIC_URL, like every other link the hub hands out), and the threads
// that print them.
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
  /** Worker threads that render certificate PDFs, off the gateway's event loop (PDF_WORKERS). */
  pdfWorkers: number;
  /** Prints that may wait for a free worker; more are answered 503 with Retry-After (PDF_QUEUE). */
  pdfQueue: number;
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
  return {
    bookingExpiryDays,
    certificateVerifyUrl,
    pdfWorkers: integer(env, problems, "PDF_WORKERS", 1, {
      min: 1,
      max: 16,
      what: "a number of threads from 1 to 16",
    }),
    pdfQueue: integer(env, problems, "PDF_QUEUE", 20, {
      min: 0,
      max: 1000,
      what: "a number of waiting prints from 0 to 1000",
    }),
  };
}
