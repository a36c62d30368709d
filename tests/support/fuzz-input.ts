import fc from 'fast-check';
import type { SiteFields } from './page-fields.ts';

/** A form as the fuzz suites send it: a field may repeat. */
export type Form = Record<string, string | string[]>;

/** Numbers a parser must bound: too big for an int or a bigint, negative, not finite, not decimal. */
export const OUT_OF_RANGE = ['1e20', '-1', '0', '2147483648', '-2147483649', '9223372036854775808', '1e309', 'NaN', 'Infinity', '-Infinity', '0x10', '0b11', '1.5', '-0', '１２３', '١٢٣'];
/** Text that is long, right-to-left, invisible or outside the Basic Multilingual Plane. */
export const HOSTILE_TEXT = ['x'.repeat(100_000), '\u202Egnp.exe\u202C', 'שלום مرحبا', 'a\u200Bb\u200C\u200D\uFEFF', '𠀀𠀁𝒳😀👩‍👩‍👧', '\uD800', '\u0000', ' '];

/** One junk value: random text and numbers, ids, out-of-range numbers, hostile text, bad dates, injections, redirects. */
export const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.uuid(),
  fc.constantFrom(...OUT_OF_RANGE),
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constantFrom('2026-13-45', '9999-12-31T25:61', '1900-01-01', '2026-02', '99999-01', 'null', 'true', '<script>alert(1)</script>', "'; drop table users; --", '%00', '../../etc/passwd', '/\\evil.example', '//evil.example'),
);

/** Up to 8 fields, named as the site's pages name them or at random, each with junk or a list of junk. */
export const formOf = (fieldNames: string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 12 })), fc.oneof(junk, fc.array(junk, { maxLength: 3 })), { maxKeys: 8 });

/** The site's own fields with the values its pages send, one to three of them junk: past the checks of the others. */
export const nearlyValidFormOf = (plausible: Record<string, string>) =>
  fc
    .dictionary(fc.constantFrom(...Object.keys(plausible)), fc.oneof(junk, fc.array(junk, { maxLength: 3 })), { minKeys: 1, maxKeys: 3 })
    .map((bad): Form => ({ ...plausible, ...bad }));

/**
 * The site's own fields with the values its pages send, but every numeric one
 * out of range, or every field twice, or every text hostile: each parser of a
 * handler meets it in one request, past the checks of the other fields.
 */
export function hostileFormsOf({ plausible, numeric }: SiteFields): Form[] {
  const numbersAs = (value: string | string[]) => ({ ...plausible, ...Object.fromEntries([...numeric].map((name) => [name, value])) });
  const textAs = (value: string) => Object.fromEntries(Object.entries(plausible).map(([name, v]) => [name, numeric.has(name) ? v : value]));
  return [
    numbersAs('1e20'),
    numbersAs('2147483648'),
    // A list where one value is expected: the handler reads one of them, or refuses.
    Object.fromEntries(Object.entries(numbersAs('0x10')).map(([name, v]) => [name, [v as string, '-1']])),
    // Short enough that every field fits under the body limit; the random cases send the 100,000 characters.
    textAs(`\u202E𠀀\u200B${'長'.repeat(500)}`),
    textAs('甲\u0000乙'),
  ];
}

/**
 * Random cases per client and route in a fuzz suite: the suite's own number, or FUZZ_RUNS
 * (a whole number, at least 1) when set. CI sets FUZZ_RUNS=1 for the run on Citus, where the
 * same requests already ran on PGlite and PostgreSQL with the full number and each one costs
 * round trips to the workers; the hostile forms are sent whatever the number.
 */
export function fuzzRuns(ownNumber: number, env: string | undefined = process.env.FUZZ_RUNS): number {
  if (env === undefined || env === '') return ownNumber;
  if (!/^[1-9][0-9]{0,3}$/.test(env)) throw new Error(`FUZZ_RUNS must be a whole number from 1 to 9999, not ${JSON.stringify(env)}`);
  return Number(env);
}
