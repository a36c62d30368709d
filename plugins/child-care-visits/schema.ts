import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../core/plugin-api.ts';

/**
 * Children in difficulty and their visits. A child's minimum (name, category,
 * district, village, risk, assigned director) is in `children`; everything beyond
 * it is in `child_details`, whose foreign key to the guardian's consent means it
 * cannot exist before the consent is recorded. No photos or documents are kept.
 */

const at = (name: string) => timestamp(name, { withTimezone: true });

export const CATEGORIES = ['orphan', 'no_support', 'left_behind', 'other'] as const;
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export const VISIT_MODES = ['home', 'phone', 'video'] as const;
export type Category = (typeof CATEGORIES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type VisitMode = (typeof VISIT_MODES)[number];
export const CLOSE_REASONS = ['aged_out', 'family_restored', 'adopted', 'moved_away', 'no_longer_in_difficulty', 'died'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
/** `closed`: the case is over, the record kept for the retention period; `erased`: personal data gone, an anonymous stub kept for the counts. */
export type ChildStatus = 'active' | 'closed' | 'erased';

export const children = pgTable(
  'child_care_visits_children',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    category: text('category').$type<Category>().notNull(),
    district: text('district').notNull(),
    village: text('village').notNull(),
    riskLevel: text('risk_level').$type<RiskLevel>().notNull(),
    riskReasons: text('risk_reasons').notNull(),
    reviewOn: date('review_on', { mode: 'string' }).notNull(),
    /** The child director (儿童主任) who visits; only they see the child's contact details. */
    directorId: uuid('director_id').notNull(),
    status: text('status').$type<ChildStatus>().notNull().default('active'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** Closing a case (the child left care) starts the city's retention period. */
    closedOn: date('closed_on', { mode: 'string' }),
    closeReason: text('close_reason').$type<CloseReason>(),
    closedBy: uuid('closed_by'),
    /** When the retention job erased the personal data; what is left is counts' raw material. */
    erasedOn: date('erased_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('child_care_visits_children_director').on(t.tenantId, t.directorId, t.status),
    index('child_care_visits_children_district').on(t.tenantId, t.district, t.status),
    tenantIsolation('child_care_visits_children'),
  ],
);

/** The guardian's consent (监护人同意): who gave it, when, and for what. */
export const consents = pgTable(
  'child_care_visits_consents',
  {
    tenantId: tenantIdColumn(),
    childId: uuid('child_id').notNull(),
    givenBy: text('given_by').notNull(),
    relation: text('relation').notNull(),
    purposes: text('purposes').notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.childId] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete('cascade'),
    tenantIsolation('child_care_visits_consents'),
  ],
);

/** What is stored beyond the minimum: only with a consent row (the foreign key enforces it). */
export const childDetails = pgTable(
  'child_care_visits_child_details',
  {
    tenantId: tenantIdColumn(),
    childId: uuid('child_id').notNull(),
    guardianName: text('guardian_name').notNull(),
    guardianPhone: text('guardian_phone').notNull(),
    address: text('address').notNull(),
    school: text('school').notNull(),
    needs: text('needs').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.childId] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [consents.tenantId, consents.childId] }).onDelete('cascade'),
    tenantIsolation('child_care_visits_child_details'),
  ],
);

/** The districts a supervising social worker (督导社工) oversees. */
export const supervisorDistricts = pgTable(
  'child_care_visits_supervisor_districts',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    district: text('district').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.district] }), tenantIsolation('child_care_visits_supervisor_districts')],
);

export const visits = pgTable(
  'child_care_visits_visits',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    childId: uuid('child_id').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    mode: text('mode').$type<VisitMode>().notNull(),
    findings: text('findings').notNull(),
    needs: text('needs').notNull(),
    followUp: text('follow_up').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete('cascade'),
    index('child_care_visits_visits_child').on(t.tenantId, t.childId, t.visitedOn),
    tenantIsolation('child_care_visits_visits'),
  ],
);

/**
 * Who read or changed which child's record, and when: a hash chain per city
 * (each entry hashes the one before it), so an edited or deleted entry breaks
 * the check. It holds ids only, never a child's data.
 */
export const accessLog = pgTable(
  'child_care_visits_access_log',
  {
    tenantId: tenantIdColumn(),
    /**
     * Which of the city's chains the entry is in: 0 for every access but list views, which go to one of
     * chains 1..LIST_CHAINS (access-log.ts), so list views of a city need not take turns at one lock
     * held across each commit's WAL flush. Each chain is numbered and hashed from its own start.
     */
    chain: smallint('chain').notNull().default(0),
    seq: integer('seq').notNull(),
    actorId: uuid('actor_id').notNull(),
    // No foreign key: the log outlives a record deleted at the end of its retention.
    childId: uuid('child_id'),
    /** The children a list view showed, in its order: one entry a view, not one a child (then `child_id` is null). */
    childIds: uuid('child_ids').array(),
    action: text('action').notNull(),
    at: at('at').notNull(),
    /** The day a recorded visit took place (`visit_recorded` only): hashed, so the on-time rate can be checked against the chain. */
    visitedOn: date('visited_on', { mode: 'string' }),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.chain, t.seq] }),
    uniqueIndex('child_care_visits_access_log_hash').on(t.tenantId, t.hash),
    index('child_care_visits_access_log_child').on(t.tenantId, t.childId, t.seq),
    // "Who accessed this child" finds the list views that showed it too. Without GIN's pending list: it is
    // merged into the index by whichever insert fills it (4 MB, a list view's insert at that), a stall
    // of tens of milliseconds under the city's access lock that every list view of the city then waits out.
    index('child_care_visits_access_log_children').using('gin', t.childIds).with({ fastupdate: false }),
    check('child_care_visits_access_log_one_or_many', sql`(${t.childId} is null) <> (${t.childIds} is null)`),
    tenantIsolation('child_care_visits_access_log'),
  ],
);

export const REFERRAL_KINDS = ['psychological', 'assistance', 'police'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** An escalation: a case raised to a social worker with where it was referred (心理支持, 救助, 公安). */
export const referrals = pgTable(
  'child_care_visits_referrals',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    childId: uuid('child_id').notNull(),
    kind: text('kind').$type<ReferralKind>().notNull(),
    reason: text('reason').notNull(),
    raisedBy: uuid('raised_by').notNull(),
    raisedAt: at('raised_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete('cascade'),
    index('child_care_visits_referrals_child').on(t.tenantId, t.childId, t.raisedAt),
    tenantIsolation('child_care_visits_referrals'),
  ],
);

export const AGE_BANDS = ['0-5', '6-11', '12-14', '15-17'] as const;
export const WISH_STATUSES = ['open', 'claimed', 'fulfilled'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type WishStatus = (typeof WISH_STATUSES)[number];

/**
 * A child's micro-wish (微心愿), published with no identifying detail: an alias,
 * an age band and the township at most. Donors and volunteers see only these
 * columns; which child it is stays with the child's director.
 */
export const wishes = pgTable(
  'child_care_visits_wishes',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    childId: uuid('child_id').notNull(),
    alias: text('alias').notNull(),
    ageBand: text('age_band').$type<AgeBand>().notNull(),
    district: text('district').notNull(),
    wish: text('wish').notNull(),
    status: text('status').$type<WishStatus>().notNull().default('open'),
    publishedBy: uuid('published_by').notNull(),
    publishedAt: at('published_at').notNull(),
    claimedBy: uuid('claimed_by'),
    claimedAt: at('claimed_at'),
    /** The director confirms the gift reached the child: only then is the wish fulfilled. */
    confirmedBy: uuid('confirmed_by'),
    fulfilledAt: at('fulfilled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete('cascade'),
    index('child_care_visits_wishes_status').on(t.tenantId, t.status, t.publishedAt),
    index('child_care_visits_wishes_child').on(t.tenantId, t.childId),
    tenantIsolation('child_care_visits_wishes'),
  ],
);

export const CARING_STATUSES = ['applied', 'approved', 'rejected'] as const;
export type CaringStatus = (typeof CARING_STATUSES)[number];

/**
 * A volunteer's application to be a caring parent (爱心家长): their declaration of
 * no criminal record, then the supervisor's record check (who checked, when, and
 * the reference of the certificate seen), as the law asks for people in close
 * contact with minors.
 */
export const caringParents = pgTable(
  'child_care_visits_caring_parents',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    declaredNoRecord: boolean('declared_no_record').notNull(),
    motivation: text('motivation').notNull(),
    status: text('status').$type<CaringStatus>().notNull().default('applied'),
    appliedAt: at('applied_at').notNull(),
    /** The reference of the no-criminal-record certificate the supervisor saw. */
    checkReference: text('check_reference'),
    checkedBy: uuid('checked_by'),
    checkedAt: at('checked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('child_care_visits_caring_parents_user').on(t.tenantId, t.userId),
    tenantIsolation('child_care_visits_caring_parents'),
  ],
);

/**
 * A caring parent paired with one child by the supervisor, under an approved
 * organisation their service hours are recorded with. The caring parent sees
 * the alias here and the next contact due, nothing of the child's record.
 */
export const pairings = pgTable(
  'child_care_visits_pairings',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    childId: uuid('child_id').notNull(),
    caringParentId: uuid('caring_parent_id').notNull(),
    alias: text('alias').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    pairedBy: uuid('paired_by').notNull(),
    pairedOn: date('paired_on', { mode: 'string' }).notNull(),
    /** The case closed or the supervisor ended it: no more contacts. */
    endedOn: date('ended_on', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.caringParentId], foreignColumns: [caringParents.tenantId, caringParents.id] }),
    index('child_care_visits_pairings_child').on(t.tenantId, t.childId),
    index('child_care_visits_pairings_parent').on(t.tenantId, t.caringParentId),
    tenantIsolation('child_care_visits_pairings'),
  ],
);

/** A caring parent's contact with their child; the child's director confirms it, which records the verified service hours. */
export const contacts = pgTable(
  'child_care_visits_contacts',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    pairingId: uuid('pairing_id').notNull(),
    contactedOn: date('contacted_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    mode: text('mode').$type<VisitMode>().notNull(),
    note: text('note').notNull(),
    recordedAt: at('recorded_at').notNull(),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.pairingId], foreignColumns: [pairings.tenantId, pairings.id] }).onDelete('cascade'),
    index('child_care_visits_contacts_pairing').on(t.tenantId, t.pairingId, t.contactedOn),
    tenantIsolation('child_care_visits_contacts'),
  ],
);
