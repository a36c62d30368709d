import { CheckboxGroup, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import { caseMessages } from '../case-messages.ts';
import { consultationMessages } from '../consultation-messages.ts';
import { CATEGORIES } from '../consultations.ts';
import type { District } from '../districts.ts';
import type { FieldErrors } from '../forms.ts';
import { matchingMessages } from '../matching-messages.ts';
import type { OfferedCase } from '../offers.ts';
import { DistrictName } from './matching-parts.tsx';
import { PluginPage, PostForm } from './page-parts.tsx';
import { When } from './parts.tsx';

/** A lawyer's own practice areas and districts. */
export function ProfilePage(props: { areas: readonly string[]; districts: readonly string[]; cityDistricts: readonly District[]; errors: FieldErrors }) {
  const t = useMessages(matchingMessages);
  const c = useMessages(consultationMessages);
  const k = useMessages(caseMessages);
  const { locale } = usePage();
  return (
    <PluginPage back={{ path: '/cases', label: k.cases }}>
      <h1>{t.profileTitle}</h1>
      <p>{t.profileIntro}</p>
      <PostForm path="/profile" button={t.save} errors={props.errors}>
        <CheckboxGroup name="areas" label={t.areas} choices={CATEGORIES.map((k) => [k, c.categories(k)] as const)} values={props.areas} error={props.errors.areas} />
        {props.cityDistricts.length > 0 ? (
          <CheckboxGroup name="districts" label={t.districts} choices={props.cityDistricts.map((d) => [d.zh, locale === 'zh-CN' ? d.zh : d.en] as const)} values={props.districts} error={props.errors.districts} />
        ) : (
          <p class="muted">{t.noDistricts}</p>
        )}
      </PostForm>
    </PluginPage>
  );
}

/** The cases offered to this lawyer: category, district and deadline only, each with its take button. */
export function OffersPage({ offers, districts }: { offers: readonly OfferedCase[]; districts: readonly District[] }) {
  const t = useMessages(matchingMessages);
  const c = useMessages(consultationMessages);
  const k = useMessages(caseMessages);
  return (
    <PluginPage back={{ path: '/cases', label: k.cases }}>
      <h1>{t.offersTitle}</h1>
      <p>{t.offersIntro}</p>
      <Table
        columns={[c.category, t.district, t.designationDue, '']}
        rows={[...offers]}
        emptyText={t.noOffers}
        cells={(o) => [c.categories(o.category), <DistrictName districts={districts} zh={o.district} />, o.designationDueAt ? <When at={o.designationDueAt} /> : '', <PostForm path={`/offers/${o.id}/take`} button={t.take} />]}
      />
    </PluginPage>
  );
}
