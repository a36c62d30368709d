import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../../core/plugin-api.ts';

/**
 * The legal-aid card's domain: batches of cards a foundation donates to the city,
 * the cards (activation codes kept only as hashes), and who holds which.
 */

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A print run of cards donated by a sponsor, with consecutive serial numbers and one validity period. */
export const legalAidBatches = pgTable(
  'legal_aid_card_batches',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** The donating foundation, as printed on the cards. */
    sponsor: text('sponsor').notNull(),
    /**
     * The platform's foundation account that donated the batch (a global account, so no foreign key from a
     * city's table); its console report follows this, not the printed name. Null on batches recorded before.
     */
    foundationId: uuid('foundation_id'),
    firstSerial: bigint('first_serial', { mode: 'number' }).notNull(),
    cardCount: integer('card_count').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    status: text('status').$type<'active' | 'suspended'>().notNull().default('active'),
    /** The ledger transfer that issued the batch's cards (card-ledger.ts); null on batches made before cards were on the ledger. */
    issuedTransferId: uuid('issued_transfer_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('legal_aid_card_batches_count', sql`${t.cardCount} > 0`),
    check('legal_aid_card_batches_dates', sql`${t.validUntil} >= ${t.validFrom}`),
    tenantIsolation('legal_aid_card_batches'),
  ],
);

/** The last serial number the city gave a card: batches and replacement cards take the next ones. */
export const legalAidSerialCounters = pgTable(
  'legal_aid_card_serial_counters',
  { tenantId: tenantIdColumn(), lastSerial: bigint('last_serial', { mode: 'number' }).notNull() },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolation('legal_aid_card_serial_counters')],
);

/** One card. `issued` until a resident activates it; `lost` once replaced. */
export const legalAidCards = pgTable(
  'legal_aid_card_cards',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    batchId: uuid('batch_id').notNull(),
    /** The printed number: the serial and its check digit (see card-numbers.ts). */
    number: text('number').notNull(),
    /** SHA-256 of the card number and its activation code; null on a replacement card, which is bound to its holder when made. */
    codeHash: text('code_hash'),
    status: text('status').$type<'issued' | 'active' | 'lost'>().notNull().default('issued'),
    holderUserId: uuid('holder_user_id'),
    activatedAt: at('activated_at'),
    /** The lost card this one replaces. */
    replacesCardId: uuid('replaces_card_id'),
    /** A replacement card's own issuing transfer on the ledger (a batch's cards share the batch's). */
    issuedTransferId: uuid('issued_transfer_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.batchId], foreignColumns: [legalAidBatches.tenantId, legalAidBatches.id] }),
    uniqueIndex('legal_aid_card_cards_number').on(t.tenantId, t.number),
    // One active card per person.
    uniqueIndex('legal_aid_card_cards_one_active').on(t.tenantId, t.holderUserId).where(sql`${t.status} = 'active'`),
    index('legal_aid_card_cards_batch').on(t.tenantId, t.batchId, t.status),
    check('legal_aid_card_cards_holder', sql`${t.status} = 'issued' or ${t.holderUserId} is not null`),
    tenantIsolation('legal_aid_card_cards'),
  ],
);

/** Failed activations of one resident in a row, and until when they must wait (1, 2, 4 ... 300 s). */
export const legalAidActivationBackoff = pgTable(
  'legal_aid_card_activation_backoff',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    failures: integer('failures').notNull().default(0),
    blockedUntil: at('blocked_until'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantIsolation('legal_aid_card_activation_backoff')],
);

/** A holder's legal question, in the queue for volunteer lawyers until one answers. */
export const legalAidConsultations = pgTable(
  'legal_aid_card_consultations',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    cardId: uuid('card_id').notNull(),
    holderUserId: uuid('holder_user_id').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    preferredContact: text('preferred_contact').$type<'site' | 'phone'>().notNull(),
    /** Only when the holder asked to be called. */
    contactPhone: text('contact_phone'),
    urgency: text('urgency').$type<'normal' | 'urgent'>().notNull(),
    /** Where the holder lives, one of the city's legal-aid districts (its Chinese name), if they said. */
    district: text('district'),
    status: text('status').$type<'waiting' | 'answered' | 'closed'>().notNull().default('waiting'),
    /** The lawyer who answered first: from then on the question is theirs. */
    lawyerUserId: uuid('lawyer_user_id'),
    askedAt: at('asked_at').notNull(),
    /** When the city's response-time target runs out. */
    dueAt: at('due_at').notNull(),
    answeredAt: at('answered_at'),
    /** When the coordinators were alerted that it ran past `dueAt` unanswered. */
    overdueAlertedAt: at('overdue_alerted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.cardId], foreignColumns: [legalAidCards.tenantId, legalAidCards.id] }),
    index('legal_aid_card_consultations_queue').on(t.tenantId, t.status, t.dueAt),
    index('legal_aid_card_consultations_holder').on(t.tenantId, t.holderUserId),
    check('legal_aid_card_consultations_contact', sql`${t.preferredContact} <> 'phone' or ${t.contactPhone} is not null`),
    tenantIsolation('legal_aid_card_consultations'),
  ],
);

/** The thread of a consultation: the lawyer's answers and the holder's follow-ups. */
export const legalAidConsultationMessages = pgTable(
  'legal_aid_card_consultation_messages',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    consultationId: uuid('consultation_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    author: text('author').$type<'holder' | 'lawyer'>().notNull(),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.consultationId], foreignColumns: [legalAidConsultations.tenantId, legalAidConsultations.id] }),
    index('legal_aid_card_consultation_messages_thread').on(t.tenantId, t.consultationId, t.createdAt),
    tenantIsolation('legal_aid_card_consultation_messages'),
  ],
);

/** Legal education (普法): an article anyone reads, or a talk on a date whose attendance coordinators count. */
export const legalAidLessons = pgTable(
  'legal_aid_card_lessons',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<'article' | 'session'>().notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Sessions only: when and where. */
    startsAt: at('starts_at'),
    place: text('place'),
    /** Sessions only: how many came, counted at the door (many have no account). */
    attendance: integer('attendance'),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('legal_aid_card_lessons_category').on(t.tenantId, t.category, t.createdAt),
    check('legal_aid_card_lessons_session', sql`${t.kind} = 'article' or (${t.startsAt} is not null and ${t.place} is not null)`),
    check('legal_aid_card_lessons_attendance', sql`${t.attendance} is null or (${t.kind} = 'session' and ${t.attendance} >= 0)`),
    tenantIsolation('legal_aid_card_lessons'),
  ],
);

/**
 * A holder's application for legal aid, following the Legal Aid Law (2022): hardship
 * by declaration and commitment (Art. 41) or an exempt group (Art. 42), a decision
 * with written reasons and a designation within deadlines (Art. 43), emergency
 * service before approval (Art. 44).
 */
export const legalAidApplications = pgTable(
  'legal_aid_card_applications',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    cardId: uuid('card_id').notNull(),
    applicantUserId: uuid('applicant_user_id').notNull(),
    category: text('category').notNull(),
    matter: text('matter').notNull(),
    adverseParty: text('adverse_party').notNull(),
    /** Where the applicant lives, one of the city's legal-aid districts (its Chinese name), if they said. */
    district: text('district'),
    /** An Art. 42 group, or null when the applicant declared hardship. */
    exemptGroup: text('exempt_group'),
    hardshipStatement: text('hardship_statement'),
    /** The Art. 41 personal commitment that the declaration is true. */
    committedAt: at('committed_at'),
    /** The Art. 44 ground the applicant gave for urgency, if any. */
    emergencyGround: text('emergency_ground'),
    emergencyServiceAt: at('emergency_service_at'),
    status: text('status').$type<'submitted' | 'approved' | 'rejected' | 'closed'>().notNull().default('submitted'),
    submittedAt: at('submitted_at').notNull(),
    decisionDueAt: at('decision_due_at').notNull(),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by'),
    decisionReasons: text('decision_reasons'),
    designationDueAt: at('designation_due_at'),
    lawyerUserId: uuid('lawyer_user_id'),
    designatedAt: at('designated_at'),
    /** Offered to the lawyers whose areas match, instead of designating one; the first to take it is designated. */
    offeredAt: at('offered_at'),
    offeredBy: uuid('offered_by'),
    /** When the designated lawyer confirmed no conflict with the adverse party; details stay hidden until then. */
    conflictClearedAt: at('conflict_cleared_at'),
    closedAt: at('closed_at'),
    outcome: text('outcome'),
    /** Closed as `referred_out`: the service it was referred to (an agency). Cases closed before this was kept have none. */
    referredTo: text('referred_to'),
    decisionAlertedAt: at('decision_alerted_at'),
    designationAlertedAt: at('designation_alerted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.cardId], foreignColumns: [legalAidCards.tenantId, legalAidCards.id] }),
    index('legal_aid_card_applications_status').on(t.tenantId, t.status, t.decisionDueAt),
    index('legal_aid_card_applications_applicant').on(t.tenantId, t.applicantUserId),
    check('legal_aid_card_applications_basis', sql`${t.exemptGroup} is not null or (${t.hardshipStatement} is not null and ${t.committedAt} is not null)`),
    check('legal_aid_card_applications_reasons', sql`${t.status} <> 'rejected' or ${t.decisionReasons} is not null`),
    tenantIsolation('legal_aid_card_applications'),
  ],
);

/**
 * A volunteer lawyer's declarations: their firm and the parties they or it act for or against
 * (the conflict check), their practice areas (the plugin's categories) and the districts they serve.
 */
export const legalAidLawyerConflicts = pgTable(
  'legal_aid_card_lawyer_conflicts',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    firm: text('firm').notNull().default(''),
    /** One party name a line. */
    parties: text('parties').notNull().default(''),
    /** Practice areas: categories of consultations.ts. */
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    /** Districts served, by the Chinese name of the city's setting. */
    districts: text('districts').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantIsolation('legal_aid_card_lawyer_conflicts')],
);

/** The designated lawyer's notes on a case. */
export const legalAidCaseNotes = pgTable(
  'legal_aid_card_case_notes',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    applicationId: uuid('application_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.applicationId], foreignColumns: [legalAidApplications.tenantId, legalAidApplications.id] }),
    index('legal_aid_card_case_notes_case').on(t.tenantId, t.applicationId, t.createdAt),
    tenantIsolation('legal_aid_card_case_notes'),
  ],
);

/**
 * Minutes a lawyer gave one answered consultation or one case, entered by the lawyer
 * or a coordinator; a coordinator's verification makes it a core service record.
 */
export const legalAidLawyerHours = pgTable(
  'legal_aid_card_lawyer_hours',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    source: text('source').$type<'consultation' | 'case'>().notNull(),
    /** The consultation's or the case's id. */
    sourceId: uuid('source_id').notNull(),
    lawyerUserId: uuid('lawyer_user_id').notNull(),
    minutes: integer('minutes').notNull(),
    enteredBy: uuid('entered_by').notNull(),
    enteredAt: at('entered_at').notNull(),
    verifiedBy: uuid('verified_by'),
    verifiedAt: at('verified_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('legal_aid_card_lawyer_hours_source').on(t.tenantId, t.source, t.sourceId),
    index('legal_aid_card_lawyer_hours_lawyer').on(t.tenantId, t.lawyerUserId),
    check('legal_aid_card_lawyer_hours_minutes', sql`${t.minutes} between 1 and 1440`),
    tenantIsolation('legal_aid_card_lawyer_hours'),
  ],
);

/** A dated step of a case: a hearing, a filing deadline or a task, added by the designated lawyer or a coordinator. */
export const legalAidCaseDeadlines = pgTable(
  'legal_aid_card_case_deadlines',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    applicationId: uuid('application_id').notNull(),
    kind: text('kind').$type<'hearing' | 'filing' | 'task'>().notNull(),
    dueAt: at('due_at').notNull(),
    /** Short; shown on the case only, never in a message. */
    title: text('title').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    doneAt: at('done_at'),
    doneBy: uuid('done_by'),
    /** When the warning that it is due soon went out, and when the one that it is overdue did: once each. */
    soonAlertedAt: at('soon_alerted_at'),
    overdueAlertedAt: at('overdue_alerted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.applicationId], foreignColumns: [legalAidApplications.tenantId, legalAidApplications.id] }),
    index('legal_aid_card_case_deadlines_case').on(t.tenantId, t.applicationId, t.dueAt),
    index('legal_aid_card_case_deadlines_open').on(t.tenantId, t.dueAt).where(sql`${t.doneAt} is null`),
    check('legal_aid_card_case_deadlines_done', sql`(${t.doneAt} is null) = (${t.doneBy} is null)`),
    tenantIsolation('legal_aid_card_case_deadlines'),
  ],
);
