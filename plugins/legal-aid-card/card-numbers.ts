/**
 * Card numbers: a 10-digit serial and one Luhn check digit (ISO/IEC 7812-1, the
 * scheme of bank cards), 11 digits printed as `0000 0001 236`. The check digit
 * catches every single mistyped digit and most swaps of neighbours, so a typo is
 * told apart from a wrong card before any activation attempt is counted.
 */
export const SERIAL_DIGITS = 10;
export const NUMBER_DIGITS = SERIAL_DIGITS + 1;
export const MAX_SERIAL = 10 ** SERIAL_DIGITS - 1;

/** The Luhn check digit of a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  // From the right, every second digit of the payload (starting with the last) is doubled.
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function cardNumberOf(serial: number): string {
  const payload = String(serial).padStart(SERIAL_DIGITS, '0');
  return `${payload}${luhnDigit(payload)}`;
}

/** A number as typed (spaces and dashes allowed): the 11 digits, 'malformed' or 'check_digit' when the last digit does not fit. */
export function readCardNumber(text: string): string | 'malformed' | 'check_digit' {
  const digits = text.replace(/[\s-]/g, '');
  if (!new RegExp(`^\\d{${NUMBER_DIGITS}}$`).test(digits)) return 'malformed';
  return luhnDigit(digits.slice(0, SERIAL_DIGITS)) === Number(digits[SERIAL_DIGITS]) ? digits : 'check_digit';
}

/** `00000001236` → `0000 0001 236`, as printed. */
export function printedNumber(number: string): string {
  return number.match(/.{1,4}/g)?.join(' ') ?? number;
}
