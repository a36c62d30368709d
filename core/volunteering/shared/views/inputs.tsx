import { usePage } from '../../../../views/context.ts';
import type { LocalizedText } from '../../../db/schema/tenancy.ts';

/** Labels of stored keys, in the reader's language; an unknown key is shown as stored. */
export function Labels(props: { keys: readonly string[]; list: Record<string, LocalizedText> }) {
  const { locale } = usePage();
  return <>{props.keys.map((k) => props.list[k]?.[locale] ?? k).join(locale === 'zh-CN' ? '、' : ', ')}</>;
}

/** Form values as a string (for `<Field value>`) or a list (for checkboxes). */
export const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
export const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : []);
