import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { Branding } from '../core/db/schema/tenancy.ts';
import type { CurrentUser, Flash, NavEntry } from '../core/http/env.ts';
import type { Locale } from '../core/i18n/messages.ts';
import { parseRequestUrl } from '../core/http/request-url.ts';
import type { Tenant } from '../core/tenancy/tenant.ts';
import { FlashMessage } from './components/flash.ts';
import { escapeHtml } from './escape.ts';
import { htmlLines } from './html-lines.ts';
import { viewMessages } from './messages.ts';
import { HTMX_PATH, THEME_PATH } from './static.ts';

const platformBranding: Branding = {
  primaryColor: '#1f5f8b',
  accentColor: '#e07a1f',
  logoText: '志愿共同体',
  footer: { 'zh-CN': '志愿共同体 · 城市志愿服务平台', en: 'Volunteer Commons · a platform for city volunteering' },
  contact: {},
};

/** What differs from one request to the next in the frame; each goes where its marker is. */
type Slot = 'title' | 'nonce' | 'menu' | 'main';
// PostgreSQL text cannot hold NUL, so no city's names or branding can contain the marker.
const MARK = '\u0000';
const slot = (name: Slot) => raw(`${MARK}${name}${MARK}`);

/**
 * The frame as [fixed HTML, slot, fixed HTML, slot, …, fixed HTML], rendered once per city, locale and base path:
 * it depends only on the city's branding, names and status. Kept by the city's Tenant object, which the tenant
 * resolver replaces when the city changes (or its cache runs out), so a changed city gets a new frame.
 */
const frames = new WeakMap<Tenant | Branding, Map<string, string[]>>();

/** The one page frame: the city's branding as CSS variables, navigation for the user's roles, the flash. */
export function pageHtml(c: Context, title: string, content: string): string {
  const tenant = c.get('tenant') as Tenant | undefined;
  const locale = c.get('locale') as Locale;
  const base = c.get('base') as string;
  const frame = frameOf(tenant, locale, base);
  const values: Record<Slot, string> = {
    title: escapeHtml(title),
    nonce: escapeHtml(c.get('secureHeadersNonce') as string),
    menu: menuHtml(c, tenant, locale, base),
    main: `${flashHtml(c.get('flash') as Flash | null)}${content}`,
  };
  let page = frame[0]!;
  for (let i = 1; i < frame.length; i += 2) page += values[frame[i] as Slot] + frame[i + 1]!;
  return page;
}

function frameOf(tenant: Tenant | undefined, locale: Locale, base: string): string[] {
  const key = tenant ?? platformBranding;
  let byLocale = frames.get(key);
  if (!byLocale) frames.set(key, (byLocale = new Map()));
  const at = `${locale} ${base}`;
  let frame = byLocale.get(at);
  if (!frame) byLocale.set(at, (frame = frameHtml(tenant, locale, base).split(MARK)));
  return frame;
}

/** The icon is `data:`: no icon file saves every phone a request that would only 404. */
function frameHtml(tenant: Tenant | undefined, locale: Locale, base: string): string {
  const t = viewMessages[locale];
  const brand = tenant?.branding ?? platformBranding;
  const siteName = tenant ? tenant.names[locale] : t.platformName;
  return String(htmlLines`
    <!DOCTYPE html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="htmx-config" content="${'{"includeIndicatorCSS":false}'}"/>
        <title>${slot('title')}${` · ${siteName}`}</title>
        <link rel="icon" href="data:,"/>
        <link rel="stylesheet" href="${THEME_PATH}"/>
        <style nonce="${slot('nonce')}">${`:root{--brand:${safeColor(brand.primaryColor)};--accent:${safeColor(brand.accentColor)}}`}</style>
        <script src="${HTMX_PATH}" defer="" nonce="${slot('nonce')}"></script>
      </head>
      <body>
        <a class="skip" href="#main">${t.skipToContent}</a>
        <header class="site-header">
          <a class="brand" href="${base}/">
            ${brand.logoUrl ? html`<img src="${brand.logoUrl}" alt="" class="logo"/>` : html`<span class="logo-text">${brand.logoText}</span>`}
            <span class="site-name">${siteName}</span>
          </a>
          <details class="menu">
            <summary>${t.menu}</summary>
            <nav aria-label="${t.menu}"><ul>${slot('menu')}</ul></nav>
          </details>
        </header>
        ${tenant?.status === 'suspended' && html`<p class="banner warning">${t.suspendedBanner}</p>`}
        <main id="main">${slot('main')}</main>
        <footer class="site-footer">
          <p>${brand.footer[locale]}</p>
          ${brand.contact.phone && html`<p>☎ ${brand.contact.phone}</p>`}
          ${brand.contact.email && html`<p>✉ ${brand.contact.email}</p>`}
          ${brand.contact.address && html`<p>${brand.contact.address[locale]}</p>`}
        </footer>
      </body>
    </html>
  `);
}

/** The menu's items: the user's navigation, their account or signing in, the other language. */
function menuHtml(c: Context, tenant: Tenant | undefined, locale: Locale, base: string): string {
  const t = viewMessages[locale];
  const user = (c.get('user') as CurrentUser | null | undefined) ?? null;
  const here = c.req.path + parseRequestUrl(c.req.url).search;
  const account = user
    ? htmlLines`
        <li><a href="${base}/account">${t.account} · ${user.name}</a></li>
        <li><form method="post" action="${base}/sign-out"><button type="submit" class="link">${t.signOut}</button></form></li>
      `
    : tenant && htmlLines`
        <li><a href="${base}/sign-in">${t.signIn}</a></li>
        <li><a href="${base}/register">${t.register}</a></li>
      `;
  return String(htmlLines`
    ${raw(navHtml(c.get('nav') as NavEntry[], t))}
    ${account}
    <li>
      <form method="post" action="${base}/locale">
        <input type="hidden" name="locale" value="${locale === 'zh-CN' ? 'en' : 'zh-CN'}"/>
        <input type="hidden" name="back" value="${here}"/>
        <button type="submit" class="link" aria-label="${t.languageLabel}">${t.language}</button>
      </form>
    </li>
  `);
}

// The navigation's items as HTML, once per menu: loadVisitor hands every request with the same menu the same array.
const navs = new WeakMap<NavEntry[], string>();

function navHtml(nav: NavEntry[], t: (typeof viewMessages)[Locale]): string {
  let done = navs.get(nav);
  if (done === undefined) {
    const adminNav = nav.filter((n) => n.group === 'admin');
    const item = (n: NavEntry) => html`<li><a href="${n.href}">${n.label}</a></li>`;
    done = String(htmlLines`
      ${nav.filter((n) => n.group !== 'admin').map(item)}
      ${adminNav.length > 0 && html`<li class="nav-group">${t.admin}</li>`}
      ${adminNav.map(item)}
    `);
    navs.set(nav, done);
  }
  return done;
}

function flashHtml(flash: Flash | null): string {
  return flash ? String(FlashMessage({ flash })) : '';
}

/** Branding colours go into CSS: only accept plain hex colours. */
function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#1f5f8b';
}
