import { FormErrorSummary } from '../../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { Organisation } from '../../organisations/service.ts';
import { sealMessages } from '../seal-messages.ts';
import { MAX_SEAL_BYTES } from '../seals.ts';

export type SealPageProps = { organisation: Organisation; uploadedAt: Date | null; error?: string };

/** The organisation's current seal and the form to upload a new one (a file field, so the form is multipart). */
export function SealPage({ organisation, uploadedAt, error }: SealPageProps) {
  const t = useMessages(sealMessages);
  const { path, locale } = usePage();
  const base = `/organisations/${organisation.id}/seal`;
  const kb = MAX_SEAL_BYTES / 1024;
  return (
    <>
      <p><a href={path(`/organisations/${organisation.id}`)}>{t.backToOrganisation}</a></p>
      <h1>{t.title(organisation.name)}</h1>
      <p class="muted">{t.intro}</p>
      <section class="card">
        <h2>{t.current}</h2>
        {uploadedAt ? (
          <p>
            <img class="seal" src={path(`${base}/image`)} alt={t.alt} width={120} height={120} /> <span class="muted">{formatDate(uploadedAt, locale)}</span>
          </p>
        ) : (
          <p class="muted">{t.none}</p>
        )}
      </section>
      <section class="card">
        <FormErrorSummary show={error !== undefined} />
        <form method="post" action={path(base)} enctype="multipart/form-data" class="stack">
          <div class={error ? 'field has-error' : 'field'}>
            <label for="f-seal">{t.field}</label>
            <input id="f-seal" name="seal" type="file" accept="image/png,image/jpeg,image/webp" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-seal-error f-seal-hint' : 'f-seal-hint'} />
            <small id="f-seal-hint" class="hint">{t.hint(kb)}</small>
            {error && <small id="f-seal-error" class="error">{error}</small>}
          </div>
          <div><button type="submit">{t.upload}</button></div>
        </form>
      </section>
    </>
  );
}
