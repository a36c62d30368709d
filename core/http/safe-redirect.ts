/** Any ASCII control character or a backslash: browsers drop or reinterpret them, turning a path into another host. */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
const PROBE_ORIGIN = 'http://localhost';

/**
 * A redirect target from user input (`next`, `back`...), kept only when it is a
 * path on this site: one leading `/`, not `//host`, no scheme, no control
 * characters or backslashes. Anything else becomes `fallback`. The path comes
 * back normalised, so `/..//evil` cannot turn into `//evil` on the way out.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || UNSAFE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  if (url.origin !== PROBE_ORIGIN || !path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}
