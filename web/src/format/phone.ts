/**
 * A phone number with its middle digits hidden, as Chinese service desks show them:
 * the first three and the last four digits kept (13812345678 → 138****5678); a short
 * number is hidden whole.
 */
export function maskPhone(phone: string): string {
  return phone.length > 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
}
