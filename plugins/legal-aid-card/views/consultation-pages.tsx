import { raw } from 'hono/html';
import { escapeHtml, Field, formatDateTime, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import { consultationMessages } from '../consultation-messages.ts';
import type { Consultation, ConsultationMessage, ConsultationSummary, QueueRow } from '../consultations.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { CategoryField, PluginPage, PostForm, ThreadEntry } from './page-parts.tsx';
import { HoursForm } from './hours-pages.tsx';
import { usePluginPath, When } from './parts.tsx';
import { type District, districtLabel } from '../districts.ts';
import { matchingMessages } from '../matching-messages.ts';
import { DistrictField } from './matching-parts.tsx';

type StatusOf = Pick<QueueRow, 'status' | 'dueAt' | 'answeredAt'>;
type Messages = (typeof consultationMessages)['en'];

/** A question's status, and whether it is past its deadline unanswered, as HTML: the queue's rows use it as a string. */
function statusHtml(question: StatusOf, now: Date, t: Messages): string {
  const label = { waiting: t.statusWaiting, answered: t.statusAnswered, closed: t.statusClosed }[question.status];
  // getTime(): a Date compared as it is goes through its valueOf, a thousand instructions a comparison.
  const late = !question.answeredAt && question.dueAt.getTime() < now.getTime();
  return `<span class="${question.status === 'answered' ? 'badge' : 'badge off'}">${escapeHtml(label)}</span>${late ? ` <strong class="error">${escapeHtml(t.overdue)}</strong>` : ''}`;
}

function Status({ question, now }: { question: StatusOf; now: Date }) {
  return raw(statusHtml(question, now, useMessages(consultationMessages)));
}

export function QuestionsPage({ questions, responseHours, now }: { questions: ConsultationSummary[]; responseHours: number; now: Date }) {
  const t = useMessages(consultationMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p>{t.intro(responseHours)}</p>
      <p><a class="button" href={p('/consultations/new')}>{t.ask}</a></p>
      <h2>{t.mine}</h2>
      <Table
        columns={[t.category, t.askedAt, t.status, '']}
        rows={questions}
        emptyText={t.none}
        cells={(q) => [t.categories(q.category), <When at={q.askedAt} />, <Status question={q} now={now} />, <a href={p(`/consultations/${q.id}`)}>{t.open}</a>]}
      />
    </PluginPage>
  );
}

export function AskPage({ values, errors, districts = [] }: { values: FormValues; errors: FieldErrors; districts?: readonly District[] }) {
  const t = useMessages(consultationMessages);
  return (
    <PluginPage back={{ path: '/consultations', label: t.title }}>
      <h1>{t.askTitle}</h1>
      <PostForm path="/consultations/new" button={t.send} errors={errors}>
        <CategoryField label={t.category} value={values.category} error={errors.category} />
        <Field name="description" label={t.description} hint={t.descriptionHint} type="textarea" value={values.description} error={errors.description} required maxlength={2000} />
        <SelectField name="preferred_contact" label={t.preferredContact} choices={[['site', t.contactSite], ['phone', t.contactPhone]]} value={values.preferred_contact} error={errors.preferred_contact} />
        <Field name="contact_phone" label={t.phone} hint={t.phoneHint} type="tel" inputmode="tel" autocomplete="tel" value={values.contact_phone} error={errors.contact_phone} />
        <SelectField name="urgency" label={t.urgency} choices={[['normal', t.urgencyNormal], ['urgent', t.urgencyUrgent]]} value={values.urgency} error={errors.urgency} />
        <DistrictField districts={districts} value={values.district} error={errors.district} />
      </PostForm>
    </PluginPage>
  );
}

/** The answer or follow-up form: under the thread, and alone when a reply comes back refused. */
function ReplyForm({ id, kind, values, errors }: { id: string; kind: 'answer' | 'follow_up'; values: FormValues; errors: FieldErrors }) {
  const t = useMessages(consultationMessages);
  const label = kind === 'answer' ? t.answer : t.followUp;
  return (
    <PostForm path={`/consultations/${id}/thread`} button={label} errors={errors}>
      <Field name="body" label={label} type="textarea" value={values.body} error={errors.body} required maxlength={2000} />
    </PostForm>
  );
}

export type ThreadProps = { question: Consultation; thread: ConsultationMessage[]; mayReply: 'answer' | 'follow_up' | null; now: Date; values: FormValues; errors: FieldErrors };

export function ThreadPage({ question, thread, mayReply, mayEnterHours, now, values, errors }: ThreadProps & { mayEnterHours?: boolean }) {
  const t = useMessages(consultationMessages);
  return (
    <PluginPage back={{ path: '/consultations', label: t.title }}>
      <h1>{t.categories(question.category)}</h1>
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd><Status question={question} now={now} /></dd>
        <dt>{t.askedAt}</dt>
        <dd><When at={question.askedAt} /></dd>
        <dt>{t.dueAt}</dt>
        <dd><When at={question.dueAt} /></dd>
        <dt>{t.urgency}</dt>
        <dd>{question.urgency === 'urgent' ? t.urgencyUrgent : t.urgencyNormal}</dd>
        <dt>{t.contact}</dt>
        <dd>{question.preferredContact === 'phone' ? `${t.contactPhone} · ${question.contactPhone}` : t.contactSite}</dd>
      </dl>
      <p class="pre-line">{question.description}</p>
      <h2>{t.thread}</h2>
      {thread.length === 0 && <p class="muted">{t.noReplies}</p>}
      {thread.map((m) => <ThreadEntry by={m.author === 'lawyer' ? t.fromLawyer : t.fromHolder} at={m.createdAt} body={m.body} />)}
      {mayReply && <ReplyForm id={question.id} kind={mayReply} values={values} errors={errors} />}
      {mayEnterHours && <HoursForm path={`/consultations/${question.id}`} />}
    </PluginPage>
  );
}

export function QueuePage({ waiting, mine, now, areas = [], districts = [] }: { waiting: QueueRow[]; mine: QueueRow[]; now: Date; areas?: readonly string[]; districts?: readonly District[] }) {
  const t = useMessages(consultationMessages);
  const m = useMessages(matchingMessages);
  const { locale } = usePage();
  const p = usePluginPath();
  const columns = [t.category, m.district, t.urgency, t.dueAt, t.status, ''];
  // Text and finished HTML, not components, and what every row says made once: a lawyer reloads thirty rows and more
  // all day (bench/README.md, session 8). Anything from a row is escaped.
  const inAreas = ` <span class="badge">${escapeHtml(m.inMyAreas)}</span>`;
  const urgent = raw(`<strong>${escapeHtml(t.urgencyUrgent)}</strong>`);
  const alerted = ` · ${escapeHtml(t.alertedAt)}`;
  const open = escapeHtml(t.open);
  const cells = (q: QueueRow) => [
    areas.includes(q.category) ? raw(escapeHtml(t.categories(q.category)) + inAreas) : t.categories(q.category),
    q.district ? districtLabel(districts, q.district, locale) : '—',
    q.urgency === 'urgent' ? urgent : t.urgencyNormal,
    formatDateTime(q.dueAt, locale),
    raw(statusHtml(q, now, t) + (q.overdueAlertedAt ? alerted : '')),
    raw(`<a href="${escapeHtml(p(`/consultations/${q.id}`))}">${open}</a>`),
  ];
  return (
    <PluginPage>
      <h1>{t.queueTitle}</h1>
      <p class="muted">{t.queueIntro}</p>
      <h2>{t.waiting}</h2>
      <Table columns={columns} rows={waiting} cells={cells} />
      <h2>{t.myQuestions}</h2>
      <Table columns={columns} rows={mine} cells={cells} />
    </PluginPage>
  );
}

/** The reply form alone, back with its error: the question itself is shown only by an audited read. */
export function ReplyFormPage(props: { id: string; kind: 'answer' | 'follow_up'; values: FormValues; errors: FieldErrors }) {
  const t = useMessages(consultationMessages);
  return (
    <PluginPage back={{ path: `/consultations/${props.id}`, label: t.thread }}>
      <ReplyForm {...props} />
    </PluginPage>
  );
}
