import { Hono } from 'hono';
import { messagesFor, notFoundPage, parseLocalDateTime, type PluginEnv, requirePermission, setFlash } from '../../core/plugin-api.ts';
import { MAY_COORDINATE } from './access.ts';
import { CATEGORIES } from './consultations.ts';
import { attendanceForm, fieldErrors, LESSON_FIELDS, lessonForm, type FieldErrors, type FormValues } from './forms.ts';
import { lessonMessages } from './lesson-messages.ts';
import { findLesson, listLessons, publishLesson, recordAttendance } from './lessons.ts';
import { errorMessages } from './messages.ts';
import { idFrom, page, readForm, redirectTo, userId, pluginContext, type C, work } from './route-kit.ts';
import { LessonFormPage, LessonListPage, LessonPage } from './views/lesson-pages.tsx';

function renderLessonForm(c: C, status: 200 | 400, values: FormValues, errors: FieldErrors) {
  return page(c, status, <LessonFormPage values={values} errors={errors} />, messagesFor(c, lessonMessages).publish);
}

/** Legal education: anyone reads; coordinators publish and count who came to a talk. */
export function lessonRoutes(app: Hono<PluginEnv>) {
  app.get('/learn', async (c) => {
    const asked = c.req.query('category') ?? '';
    const category = (CATEGORIES as readonly string[]).includes(asked) ? asked : null;
    const lessons = await work(c, (w) => listLessons(w, category));
    return c.render(<LessonListPage lessons={lessons} category={category} mayPublish={pluginContext(c).can(MAY_COORDINATE)} />, { title: messagesFor(c, lessonMessages).title });
  });

  app.get('/learn/new', requirePermission(MAY_COORDINATE), (c) => renderLessonForm(c, 200, { kind: 'article', category: 'family' }, {}));

  app.post('/learn/new', requirePermission(MAY_COORDINATE), async (c) => {
    const values = await readForm(c, LESSON_FIELDS);
    const parsed = lessonForm.safeParse(values);
    if (!parsed.success) return renderLessonForm(c, 400, values, fieldErrors(parsed.error, messagesFor(c, errorMessages)));
    const f = parsed.data;
    const session = f.kind === 'session';
    const input = { kind: f.kind, category: f.category, title: f.title, body: f.body, startsAt: session ? parseLocalDateTime(f.starts_at) : null, place: session ? f.place : null };
    const id = await work(c, (w) => publishLesson(w, userId(c), input));
    setFlash(c, { kind: 'success', message: messagesFor(c, lessonMessages).published });
    return redirectTo(c, `/learn/${id}`);
  });

  app.get('/learn/:id', async (c) => {
    const id = idFrom(c);
    const lesson = id ? await work(c, (w) => findLesson(w, id)) : null;
    if (!lesson) return notFoundPage(c);
    return c.render(<LessonPage lesson={lesson} mayRecord={pluginContext(c).can(MAY_COORDINATE)} errors={{}} />, { title: lesson.title });
  });

  app.post('/learn/:id/attendance', requirePermission(MAY_COORDINATE), async (c) => {
    const id = idFrom(c);
    const lesson = id ? await work(c, (w) => findLesson(w, id)) : null;
    if (!lesson || lesson.kind !== 'session') return notFoundPage(c);
    const parsed = attendanceForm.safeParse(await readForm(c, ['attendance']));
    if (!parsed.success) return page(c, 400, <LessonPage lesson={lesson} mayRecord errors={fieldErrors(parsed.error, messagesFor(c, errorMessages))} />, lesson.title);
    await work(c, (w) => recordAttendance(w, lesson.id, userId(c), parsed.data.attendance));
    setFlash(c, { kind: 'success', message: messagesFor(c, lessonMessages).attendanceRecorded });
    return redirectTo(c, `/learn/${lesson.id}`);
  });
}
