import { v7 } from 'uuid';

/** Time-ordered uuid v7: index-friendly, and it never leaks a per-tenant count in a URL. */
export function newId(): string {
  return v7();
}
