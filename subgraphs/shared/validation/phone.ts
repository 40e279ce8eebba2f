// Mainland mobile numbers: 11 digits starting 13-19.
export const MOBILE = /^1[3-9]\d{9}$/;

export function mobileProblem(phone: string): string | null {
  return MOBILE.test(phone)
    ? null
    : `contactPhone ${phone}: must be an 11-digit mainland mobile number, e.g. 13812345678`;
}

/** 138****5678 */
export const maskPhone = (phone: string) =>
  phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "*".repeat(phone.length);
