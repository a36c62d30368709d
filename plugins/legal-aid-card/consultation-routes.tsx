import { Hono } from 'hono';
import { clientAddress, forbiddenPage, messagesFor, notFoundPage, type PluginEnv, requireUser, setFlash } from '../../core/plugin-api.ts';
import { can, canOnHours, MAY_ANSWER, MAY_COORDINATE, type Viewer } from './access.ts';
import { consultationMessages } from './consultation-messages.ts';
import { addToThread, askQuestion, queueFor, questionsOf, readQuestion, replyRight, type ResponseTargets } from './consultations.ts';
import { activeCardOf, cardGivesBenefits } from './cards.ts';
import { fieldErrors, QUESTION_FIELDS, questionForm, THREAD_FIELDS, threadForm, type FieldErrors, type FormValues } from './forms.ts';
import { errorMessages } from './messages.ts';
import { idFrom, page, readForm, redirectTo, userId, pluginContext, type C, work, districtsOf } from './route-kit.ts';
import { AskPage, QuestionsPage, QueuePage, ReplyFormPage, ThreadPage } from './views/consultation-pages.tsx';

const viewerOf = (c: C): Viewer => ({ id: userId(c), can: (permission) => pluginContext(c).can(permission) });
const targetsOf = (c: C) => pluginContext(c).settings as ResponseTargets;

function renderAsk(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors) {
  return page(c, status, <AskPage values={values} errors={errors} districts={districtsOf(c)} />, messagesFor(c, consultationMessages).askTitle);
}

/** Free consultation: holders ask and follow up, volunteer lawyers take questions from the queue and answer. */
export function consultationRoutes(app: Hono<PluginEnv>) {
  app.get('/consultations', requireUser, async (c) => {
    const questions = await work(c, (w) => questionsOf(w, userId(c)));
    return c.render(<QuestionsPage questions={questions} responseHours={targetsOf(c).responseHours} now={new Date()} />, { title: messagesFor(c, consultationMessages).title });
  });

  app.get('/consultations/new', requireUser, async (c) => {
    const held = await work(c, (w) => activeCardOf(w, userId(c)));
    if (!held || !cardGivesBenefits(held, new Date())) {
      setFlash(c, { kind: 'error', message: messagesFor(c, errorMessages).noUsableCard });
      return redirectTo(c, '/');
    }
    return renderAsk(c, 200, { category: 'family', preferred_contact: 'site', urgency: 'normal' }, {});
  });

  app.post('/consultations/new', requireUser, async (c) => {
    const values = await readForm(c, QUESTION_FIELDS);
    const e = messagesFor(c, errorMessages);
    const parsed = questionForm.safeParse(values);
    if (!parsed.success) return renderAsk(c, 400, values, fieldErrors(parsed.error, e));
    const f = parsed.data;
    if (f.district && !districtsOf(c).some((d) => d.zh === f.district)) return renderAsk(c, 400, values, { district: e.choose });
    const question = { category: f.category, description: f.description, preferredContact: f.preferred_contact, contactPhone: f.preferred_contact === 'phone' ? f.contact_phone : null, urgency: f.urgency, district: f.district || null };
    const result = await work(c, (w) => askQuestion(w, userId(c), question, targetsOf(c), new Date()));
    if (!result.ok) return renderAsk(c, 400, values, { description: e.noUsableCard });
    setFlash(c, { kind: 'success', message: messagesFor(c, consultationMessages).asked });
    return redirectTo(c, `/consultations/${result.id}`);
  });

  app.get('/consultations/:id', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const viewer = viewerOf(c);
    const found = await work(c, (w) => readQuestion(w, viewer, id, clientAddress(c)));
    if (found === 'not_found') return notFoundPage(c);
    if (found === 'forbidden') return forbiddenPage(c);
    const mayReply = can(viewer, 'answer', found.question) ? 'answer' : can(viewer, 'follow_up', found.question) ? 'follow_up' : null;
    // Nothing of a question may stay in a shared cache.
    c.header('Cache-Control', 'no-store');
    return c.render(<ThreadPage {...found} mayReply={mayReply} mayEnterHours={canOnHours(viewer, 'enter', found.question.lawyerUserId)} now={new Date()} values={{}} errors={{}} />, { title: messagesFor(c, consultationMessages).categories(found.question.category) });
  });

  app.post('/consultations/:id/thread', requireUser, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const viewer = viewerOf(c);
    const right = await work(c, (w) => replyRight(w, viewer, id));
    if (right === 'not_found') return notFoundPage(c);
    if (right === 'forbidden') return forbiddenPage(c);
    const values = await readForm(c, THREAD_FIELDS);
    const parsed = threadForm.safeParse(values);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, messagesFor(c, errorMessages));
      return page(c, 400, <ReplyFormPage id={id} kind={right} values={values} errors={errors} />, messagesFor(c, consultationMessages).thread);
    }
    const done = await work(c, (w) => addToThread(w, viewer, id, parsed.data.body, new Date()));
    if (done !== 'ok') return done === 'not_found' ? notFoundPage(c) : forbiddenPage(c);
    setFlash(c, { kind: 'success', message: messagesFor(c, consultationMessages).sent });
    return redirectTo(c, `/consultations/${id}`);
  });

  app.get('/queue', requireUser, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer.can(MAY_ANSWER) && !viewer.can(MAY_COORDINATE)) return forbiddenPage(c);
    const queue = await work(c, (w) => queueFor(w, viewer));
    return c.render(<QueuePage {...queue} districts={districtsOf(c)} now={new Date()} />, { title: messagesFor(c, consultationMessages).queueTitle });
  });
}
