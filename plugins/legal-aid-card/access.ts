import type { legalAidApplications, legalAidConsultations } from './schema.ts';

/**
 * Who may do what with the plugin's protected records, decided here and
 * nowhere else: routes and services ask `can(...)` and never check roles themselves.
 */

/** Record a donated batch, print its sheet once, suspend and resume it. */
export const MAY_MANAGE_BATCHES = 'legal-aid-card.batches.manage';
/** Volunteer lawyers: read the questions in the queue and answer them. */
export const MAY_ANSWER = 'legal-aid-card.answer';
/** Coordinators: see every question and the overdue ones. */
export const MAY_COORDINATE = 'legal-aid-card.coordinate';

/** Who acts and what they may do in this city (the plugin context's `can`). */
export type Viewer = { id: string; can(permission: string): boolean };
type Consultation = Pick<typeof legalAidConsultations.$inferSelect, 'holderUserId' | 'lawyerUserId' | 'status'>;

export type ConsultationAction = 'read' | 'answer' | 'follow_up';

/**
 * Need-to-know: the holder reads and follows up their own question; a lawyer reads
 * a question still in the queue (no lawyer yet) or one they took, and answers
 * those; coordinators read every question but answer none as coordinators.
 */
export function can(viewer: Viewer, action: ConsultationAction, record: Consultation): boolean {
  const holder = record.holderUserId === viewer.id;
  const lawyer = viewer.can(MAY_ANSWER) && !holder && (record.lawyerUserId === null || record.lawyerUserId === viewer.id);
  const open = record.status !== 'closed';
  switch (action) {
    case 'read': return holder || lawyer || viewer.can(MAY_COORDINATE);
    case 'answer': return lawyer && open;
    case 'follow_up': return holder && open && record.lawyerUserId !== null;
  }
}

type AidCase = Pick<typeof legalAidApplications.$inferSelect, 'applicantUserId' | 'lawyerUserId' | 'conflictClearedAt' | 'status'>;

/** `read_summary` shows a case without the parties or the matter: what a designated lawyer sees before clearing conflicts. */
export type CaseAction = 'read' | 'read_summary' | 'decide' | 'clear_conflict' | 'note' | 'close';

/**
 * Need-to-know on legal-aid cases: the applicant, the plugin's coordinators, and
 * the designated lawyer, who sees the details only after confirming no conflict.
 */
export function canOnCase(viewer: Viewer, action: CaseAction, record: AidCase): boolean {
  const applicant = record.applicantUserId === viewer.id;
  const coordinator = viewer.can(MAY_COORDINATE) && !applicant;
  const designated = viewer.can(MAY_ANSWER) && record.lawyerUserId === viewer.id && !applicant;
  const cleared = designated && record.conflictClearedAt !== null;
  const open = record.status === 'approved';
  switch (action) {
    case 'read': return applicant || coordinator || cleared;
    case 'read_summary': return applicant || coordinator || designated;
    case 'decide': return coordinator;
    case 'clear_conflict': return designated && !cleared && open;
    case 'note': return (coordinator || cleared) && open;
    case 'close': return (coordinator || cleared) && open && record.lawyerUserId !== null;
  }
}

/**
 * A lawyer's minutes on a consultation they answered or a case they were designated
 * to: entered by that lawyer or a coordinator; verified only by a coordinator who
 * is not the lawyer.
 */
export function canOnHours(viewer: Viewer, action: 'enter' | 'verify', lawyerUserId: string | null): boolean {
  if (lawyerUserId === null) return false;
  const coordinator = viewer.can(MAY_COORDINATE);
  if (action === 'verify') return coordinator && lawyerUserId !== viewer.id;
  return coordinator || (viewer.can(MAY_ANSWER) && lawyerUserId === viewer.id);
}
