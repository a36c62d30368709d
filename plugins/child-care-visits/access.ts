import type { children } from './schema.ts';

/**
 * Need-to-know on a child's record, decided here and nowhere else: routes and
 * services ask `can(...)` and never check roles themselves.
 */

/** Child directors (儿童主任): their assigned children, visits. */
export const MAY_VISIT = 'child-care-visits.visit';
/** Supervising social workers (督导社工): the children of their districts, registration, the access log. */
export const MAY_SUPERVISE = 'child-care-visits.supervise';
/** City admins: the rules and which supervisor oversees which district; never a child's record. */
export const MAY_CONFIGURE = 'child-care-visits.configure';

export type Viewer = { id: string; permissions: ReadonlySet<string>; districts: ReadonlySet<string> };
type Child = Pick<typeof children.$inferSelect, 'directorId' | 'district' | 'status'>;

/**
 * `read` shows the record with contact details and address masked; `read_contact`
 * shows them in full (the assigned director, who visits); `refer` escalates a case
 * (director or supervisor); `register` and
 * `list_access` are a supervisor's of their districts; `publish_wish` and
 * `confirm_wish` (a micro-wish delivered) are the assigned director's; `close`
 * (the child left care) and `export` (the roster, minimum fields) are a
 * supervisor's; `pair` (a vetted caring parent with an open case) is a
 * supervisor's and `confirm_contact` (a caring parent's contact took place) the
 * assigned director's. An erased record is nobody's.
 */
export type ChildAction = 'read' | 'read_contact' | 'record_visit' | 'refer' | 'register' | 'list_access' | 'publish_wish' | 'confirm_wish' | 'close' | 'export' | 'pair' | 'confirm_contact';

export function can(viewer: Viewer, action: ChildAction, child: Child): boolean {
  const director = viewer.permissions.has(MAY_VISIT) && child.directorId === viewer.id;
  const supervisor = viewer.permissions.has(MAY_SUPERVISE) && viewer.districts.has(child.district);
  const open = child.status === 'active';
  if (child.status === 'erased') return false;
  switch (action) {
    case 'read': return director || supervisor;
    case 'read_contact': return director;
    case 'record_visit': return director && open;
    case 'refer': return (director || supervisor) && open;
    case 'register': return supervisor;
    case 'list_access': return supervisor;
    case 'publish_wish': return director && open;
    case 'confirm_wish': return director;
    case 'close': return supervisor && open;
    case 'export': return supervisor;
    case 'pair': return supervisor && open;
    case 'confirm_contact': return director;
  }
}

/** Keeps the first and last character: enough to recognise, not enough to use. */
export function mask(text: string): string {
  const chars = [...text];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 6))}${chars[chars.length - 1]}`;
}
