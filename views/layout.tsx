import type { Child } from 'hono/jsx';
import type { Branding } from '../core/db/schema/tenancy.ts';
import type { CurrentUser, Flash, NavEntry } from '../core/http/env.ts';
import { parseRequestUrl } from '../core/http/request-url.ts';
import type { Tenant } from '../core/tenancy/tenant.ts';
import { FlashMessage } from './components/flash.tsx';
import { useMessages, usePage } from './context.ts';
import { viewMessages } from './messages.ts';
import { HTMX_PATH, THEME_PATH } from './static.ts';

const platformBranding: Branding = {
  primaryColor: '#1f5f8b',
  accentColor: '#e07a1f',
  logoText: '志愿共同体',
  footer: { 'zh-CN': '志愿共同体 · 城市志愿服务平台', en: 'Volunteer Commons · a platform for city volunteering' },
  contact: {},
};

/** The one page frame: the city's branding as CSS variables, navigation for the user's roles, the flash. */
export function Layout(props: { title: string; children?: Child }) {
  const { c, locale, path, nonce } = usePage();
  const t = useMessages(viewMessages);
  // One variable at a time: `c.var` copies all of them (the console's context has no tenant or user).
  const vars = { tenant: c.get('tenant') as Tenant | undefined, user: c.get('user') as CurrentUser | null | undefined, nav: c.get('nav') as NavEntry[], flash: c.get('flash') as Flash | null };
  const tenant = vars.tenant;
  const brand = tenant?.branding ?? platformBranding;
  const siteName = tenant ? tenant.names[locale] : t.platformName;
  const user = vars.user ?? null;
  const mainNav = vars.nav.filter((n) => n.group !== 'admin');
  const adminNav = vars.nav.filter((n) => n.group === 'admin');
  const otherLocale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const here = c.req.path + parseRequestUrl(c.req.url).search;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <title>{`${props.title} · ${siteName}`}</title>
        {/* No icon file: saves every phone a request that would only 404. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={THEME_PATH} />
        <style nonce={nonce}>{`:root{--brand:${safeColor(brand.primaryColor)};--accent:${safeColor(brand.accentColor)}}`}</style>
        <script src={HTMX_PATH} defer nonce={nonce}></script>
      </head>
      <body>
        <a class="skip" href="#main">{t.skipToContent}</a>
        <header class="site-header">
          <a class="brand" href={path('/')}>
            {brand.logoUrl ? <img src={brand.logoUrl} alt="" class="logo" /> : <span class="logo-text">{brand.logoText}</span>}
            <span class="site-name">{siteName}</span>
          </a>
          <details class="menu">
            <summary>{t.menu}</summary>
            <nav aria-label={t.menu}>
              <ul>
                {mainNav.map((n) => (
                  <li><a href={n.href}>{n.label}</a></li>
                ))}
                {adminNav.length > 0 && <li class="nav-group">{t.admin}</li>}
                {adminNav.map((n) => (
                  <li><a href={n.href}>{n.label}</a></li>
                ))}
                {user ? (
                  <>
                    <li><a href={path('/account')}>{t.account} · {user.name}</a></li>
                    <li>
                      <form method="post" action={path('/sign-out')}>
                        <button type="submit" class="link">{t.signOut}</button>
                      </form>
                    </li>
                  </>
                ) : (
                  tenant && (
                    <>
                      <li><a href={path('/sign-in')}>{t.signIn}</a></li>
                      <li><a href={path('/register')}>{t.register}</a></li>
                    </>
                  )
                )}
                <li>
                  <form method="post" action={path('/locale')}>
                    <input type="hidden" name="locale" value={otherLocale} />
                    <input type="hidden" name="back" value={here} />
                    <button type="submit" class="link" aria-label={t.languageLabel}>{t.language}</button>
                  </form>
                </li>
              </ul>
            </nav>
          </details>
        </header>
        {tenant?.status === 'suspended' && <p class="banner warning">{t.suspendedBanner}</p>}
        <main id="main">
          {vars.flash && <FlashMessage flash={vars.flash} />}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{brand.footer[locale]}</p>
          {brand.contact.phone && <p>☎ {brand.contact.phone}</p>}
          {brand.contact.email && <p>✉ {brand.contact.email}</p>}
          {brand.contact.address && <p>{brand.contact.address[locale]}</p>}
        </footer>
      </body>
    </html>
  );
}

/** Branding colours go into CSS: only accept plain hex colours. */
function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#1f5f8b';
}
