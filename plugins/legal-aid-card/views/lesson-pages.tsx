import { Field, SelectField, useMessages } from '../../../core/plugin-api.ts';
import { consultationMessages } from '../consultation-messages.ts';
import { CATEGORIES } from '../consultations.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { lessonMessages } from '../lesson-messages.ts';
import type { Lesson } from '../lessons.ts';
import { CategoryField, PluginPage, PostForm } from './page-parts.tsx';
import { usePluginPath, When } from './parts.tsx';

export function LessonListPage({ lessons, category, mayPublish }: { lessons: Lesson[]; category: string | null; mayPublish: boolean }) {
  const t = useMessages(lessonMessages);
  const c = useMessages(consultationMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {mayPublish && <p><a class="button secondary" href={p('/learn/new')}>{t.publish}</a></p>}
      <p class="actions">
        <a href={p('/learn')} aria-current={category === null ? 'page' : undefined}>{t.all}</a>
        {CATEGORIES.map((k) => <a href={p(`/learn?category=${k}`)} aria-current={category === k ? 'page' : undefined}>{c.categories(k)}</a>)}
      </p>
      {lessons.length === 0 && <p class="muted">{t.none}</p>}
      {lessons.map((lesson) => (
        <article class="card">
          <h2><a href={p(`/learn/${lesson.id}`)}>{lesson.title}</a></h2>
          <p class="muted">
            {lesson.kind === 'article' ? t.kindArticle : t.kindSession} · {c.categories(lesson.category)}
            {lesson.startsAt && <> · <When at={lesson.startsAt} /> · {lesson.place}</>}
          </p>
        </article>
      ))}
    </PluginPage>
  );
}

export function LessonPage({ lesson, mayRecord, errors }: { lesson: Lesson; mayRecord: boolean; errors: FieldErrors }) {
  const t = useMessages(lessonMessages);
  const c = useMessages(consultationMessages);
  return (
    <PluginPage back={{ path: '/learn', label: t.back }}>
      <h1>{lesson.title}</h1>
      <p class="muted">{lesson.kind === 'article' ? t.kindArticle : t.kindSession} · {c.categories(lesson.category)}</p>
      {lesson.kind === 'session' && (
        <dl class="facts">
          <dt>{t.startsAt}</dt>
          <dd>{lesson.startsAt && <When at={lesson.startsAt} />}</dd>
          <dt>{t.place}</dt>
          <dd>{lesson.place}</dd>
          <dt>{t.attendance}</dt>
          <dd>{lesson.attendance ?? t.attendanceNotYet}</dd>
        </dl>
      )}
      <p class="pre-line">{lesson.body}</p>
      {lesson.kind === 'session' && mayRecord && (
        <PostForm path={`/learn/${lesson.id}/attendance`} button={t.recordAttendance} secondary errors={errors}>
          <Field name="attendance" label={t.attendance} type="number" min={0} max={999999} inputmode="numeric" value={lesson.attendance ?? ''} error={errors.attendance} required />
        </PostForm>
      )}
    </PluginPage>
  );
}

export function LessonFormPage({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const t = useMessages(lessonMessages);
  return (
    <PluginPage back={{ path: '/learn', label: t.back }}>
      <h1>{t.publish}</h1>
      <PostForm path="/learn/new" button={t.publish} errors={errors}>
        <SelectField name="kind" label={t.kind} choices={[['article', t.kindArticle], ['session', t.kindSession]]} value={values.kind} error={errors.kind} />
        <CategoryField label={t.category} value={values.category} error={errors.category} />
        <Field name="title" label={t.titleField} value={values.title} error={errors.title} required maxlength={100} />
        <Field name="body" label={t.body} type="textarea" value={values.body} error={errors.body} required maxlength={5000} />
        <Field name="starts_at" label={t.startsAt} hint={t.startsAtHint} type="datetime-local" value={values.starts_at} error={errors.starts_at} />
        <Field name="place" label={t.place} hint={t.startsAtHint} value={values.place} error={errors.place} maxlength={200} />
      </PostForm>
    </PluginPage>
  );
}
