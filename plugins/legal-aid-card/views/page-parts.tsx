import type { Child } from 'hono/jsx';
import { FormErrorSummary, SelectField, useMessages } from '../../../core/plugin-api.ts';
import { consultationMessages } from '../consultation-messages.ts';
import { CATEGORIES } from '../consultations.ts';
import type { FieldErrors } from '../forms.ts';
import { PluginStyle, usePluginPath, When } from './parts.tsx';

/** Every page of the plugin: its large type, and a link back up (a path inside the plugin) where there is one. */
export function PluginPage(props: { back?: { path: string; label: string }; children?: Child }) {
  const p = usePluginPath();
  return (
    <div class="lac-page">
      <PluginStyle />
      {props.back && <p><a href={p(props.back.path)}>{props.back.label}</a></p>}
      {props.children}
    </div>
  );
}

/** A form posting to a path of the plugin, with its submit button; saying above it when its fields have errors. */
export function PostForm(props: { path: string; button: string; secondary?: boolean; errors?: FieldErrors; children?: Child }) {
  const p = usePluginPath();
  return (
    <>
      <FormErrorSummary show={Object.keys(props.errors ?? {}).length > 0} />
      <form method="post" action={p(props.path)} class="stack">
        {props.children}
        <button type="submit" class={props.secondary ? 'secondary' : undefined}>{props.button}</button>
      </form>
    </>
  );
}

/** The legal category of a question, an application or a lesson. */
export function CategoryField(props: { label: string; value?: string; error?: string }) {
  const t = useMessages(consultationMessages);
  return <SelectField name="category" label={props.label} choices={CATEGORIES.map((k) => [k, t.categories(k)] as const)} value={props.value} error={props.error} />;
}

/** One entry of a thread: a consultation's answers and follow-ups, a case's notes. */
export function ThreadEntry(props: { by: string; at: Date; body: string }) {
  return (
    <article class="card">
      <p class="muted">{props.by} · <When at={props.at} /></p>
      <p class="pre-line">{props.body}</p>
    </article>
  );
}
