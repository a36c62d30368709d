/** Reading the pages a plugin test gets back, as a user sees them. */
export { fieldError, idCard, mainOf, origin } from '../../volunteering/fixtures.ts';

/** The value a form field was sent back with (a refused form keeps what was typed). */
export const fieldValue = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;

/** Text of the flash message a page shows after a redirect. */
export const flashOf = (html: string) => /class="flash flash-(?:success|error|info)"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;
