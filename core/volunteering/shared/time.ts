/**
 * Date and time inputs are typed in China Standard Time (UTC+8, no daylight
 * saving), whatever the server's zone; rows store the instant (timestamptz).
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-05-01T09:30` typed in a datetime-local input → the instant, or null. */
export function parseLocalDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi) - OFFSET_MS);
  return toLocalDateTimeInput(date) === value ? date : null;
}

/** `2026-05-01` → midnight of that day in China, or null. */
export function parseLocalDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS);
  return toLocalDateInput(date) === value ? date : null;
}

export function toLocalDateTimeInput(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

export function toLocalDateInput(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
