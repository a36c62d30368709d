/** What a page benchmark needs from the city's data: sessions of its benchmark volunteer and admin, a certificate code. */
export type PageFixtures = { volunteerSession: string; adminSession: string; code: string | undefined };

export type BenchPage = {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Asked by a visitor who is not signed in: the page cache may answer it. */
  anonymous: boolean;
};

/** The pages the benchmark loads and counts round trips for, in the order of the table. */
export function benchPages(f: PageFixtures): BenchPage[] {
  const pages: BenchPage[] = [
    { name: 'home page', path: '/', headers: {}, anonymous: true },
    { name: 'project list', path: '/projects', headers: {}, anonymous: true },
    { name: "volunteer's hours", path: '/volunteer/hours', headers: { cookie: `session=${f.volunteerSession}` }, anonymous: false },
  ];
  if (f.code) pages.push({ name: 'certificate verify', path: `/verify/${f.code}`, headers: {}, anonymous: true });
  pages.push(
    { name: 'project filter (htmx partial)', path: '/projects?category=elder_care', headers: { 'hx-request': 'true' }, anonymous: true },
    { name: 'members search (htmx partial)', path: `/admin/members?q=${encodeURIComponent('王')}`, headers: { cookie: `session=${f.adminSession}`, 'hx-request': 'true' }, anonymous: false },
  );
  return pages;
}
