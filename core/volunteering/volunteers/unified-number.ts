/**
 * The unified volunteer number (志愿者统一编号) that MZ/T 061-2015 introduced so
 * records follow a volunteer across systems. The standard's text is not public,
 * so this structure is ours, modelled on the resident identity card (GB 11643):
 *
 *   350200 000000042 7
 *   │      │         └ check character, ISO 7064 MOD 11-2 over the first 15 (0–9 or X)
 *   │      └ sequence within the division, 9 digits, never reused
 *   └ administrative-division code (GB/T 2260) of the city that registered the volunteer; 000000 when it had none
 *
 * 16 characters, so it is never mistaken for an ID number (15 or 18).
 */
export const UNKNOWN_DIVISION = '000000';
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2, as the resident identity card computes its last character. */
function checkCharacter(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (2 ** (digits.length - i) % 11);
  return CHECK[sum % 11]!;
}

export function unifiedVolunteerNumber(divisionCode: string | null, sequence: number): string {
  const body = `${divisionCode ?? UNKNOWN_DIVISION}${String(sequence).padStart(9, '0')}`;
  return body + checkCharacter(body);
}

export function isUnifiedVolunteerNumber(value: string): boolean {
  return /^\d{15}[\dX]$/.test(value) && checkCharacter(value.slice(0, 15)) === value[15];
}
