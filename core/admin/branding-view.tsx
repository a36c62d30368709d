import { Field, FormErrorSummary } from '../../views/components/field.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import type { BrandingValues } from './branding.ts';
import { brandingMessages } from './branding-messages.ts';

/** The site details form; errors beside their fields, input kept. */
export function BrandingPage({ values: v, errors: e }: { values: BrandingValues; errors: Partial<Record<keyof BrandingValues, string>> }) {
  const t = useMessages(brandingMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={path('/admin/branding')} class="stack">
        <Field name="logoText" label={t.logoText} value={v.logoText} error={e.logoText} hint={t.logoTextHint} required maxlength={12} />
        <Field name="primaryColor" type="color" label={t.primaryColor} value={v.primaryColor} error={e.primaryColor} required />
        <Field name="accentColor" type="color" label={t.accentColor} value={v.accentColor} error={e.accentColor} required />
        <Field name="footerZh" label={t.footerZh} value={v.footerZh} error={e.footerZh} required maxlength={100} />
        <Field name="footerEn" label={t.footerEn} value={v.footerEn} error={e.footerEn} required maxlength={200} />
        <p class="muted">{t.contactHint}</p>
        <Field name="phone" type="tel" inputmode="tel" label={t.phone} value={v.phone} error={e.phone} hint={t.phoneHint} autocomplete="tel" />
        <Field name="email" type="email" inputmode="email" label={t.email} value={v.email} error={e.email} autocomplete="email" />
        <p><button type="submit">{t.save}</button></p>
      </form>
    </section>
  );
}
