import { formatDate, PROJECT_CATEGORIES, useMessages, type Locale } from '../../../core/plugin-api.ts';
import { formatCredits } from '../credits.ts';
import { messages, type Messages } from '../messages.ts';
import { CATEGORIES, multiplierFactor, multiplierKey, type TimeBankSettings } from '../settings.ts';
import { Credits, useTimeBank } from './parts.tsx';

export type HomeProps = {
  signedIn: boolean;
  balance: number;
  owed: number;
  expiring: { expiresAt: Date; amount: number }[];
  links: { station: boolean; admin: boolean };
};

/** The categories that do not count 1:1, so a volunteer can see why 1.5 h of elder care earned 2.25; null when all do. */
function multipliersOf(t: Messages, settings: TimeBankSettings, locale: Locale): string | null {
  const weighted = CATEGORIES.filter((c) => settings[multiplierKey(c)] !== 100);
  if (weighted.length === 0) return null;
  const items = weighted.map((c) => t.multiplier(PROJECT_CATEGORIES[c][locale], multiplierFactor(settings[multiplierKey(c)])));
  return t.multiplierList(items, weighted.length < CATEGORIES.length);
}

/** The time bank's front page: a member's balance, what expires when, and where to go. */
export function HomePage(props: HomeProps) {
  const t = useMessages(messages);
  const { tb, settings, locale } = useTimeBank();
  const perHour = `${settings.creditsPerHour} ${settings.creditName}`;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p class="muted">{t.rules(perHour, multipliersOf(t, settings, locale), settings.expiryYears === 0 ? t.neverExpires : t.expiresAfter(settings.expiryYears))}</p>
      {!props.signedIn && <p class="flash flash-info">{t.signInToUse}</p>}
      {props.signedIn && (
        <section class="card" id="balance">
          <h2>{t.balance}</h2>
          <p class="total"><strong><Credits amount={props.balance} /></strong></p>
          {props.owed > 0 && (
            <>
              <p class="flash flash-error">{t.owed(`${formatCredits(props.owed)} ${settings.creditName}`)}</p>
              {settings.allowNegativeBalance && (
                <p>{t.netBalance}: <strong><Credits amount={props.balance - props.owed} /></strong></p>
              )}
            </>
          )}
          <h3>{t.expiring}</h3>
          {props.expiring.length === 0 ? (
            <p class="muted">{t.noExpiry}</p>
          ) : (
            <ul>
              {props.expiring.map((e) => (
                <li>{t.expiresOn(formatDate(e.expiresAt, locale), `${formatCredits(e.amount)} ${settings.creditName}`)}</li>
              ))}
            </ul>
          )}
          <p class="actions">
            <a class="button" href={tb('/statement')}>{t.statement}</a>
            <a class="button secondary" href={tb('/profile')}>{t.profile}</a>
          </p>
        </section>
      )}
      <section class="grid">
        <div class="card">
          <h2><a href={tb('/market')}>{t.market}</a></h2>
          <p class="muted">{t.marketIntro}</p>
          {props.signedIn && <p><a href={tb('/exchanges')}>{t.myExchanges}</a></p>}
        </div>
        <div class="card">
          <h2><a href={tb('/catalogue')}>{t.catalogue}</a></h2>
          <p class="muted">{t.catalogueIntro}</p>
          {props.signedIn && <p><a href={tb('/redemptions')}>{t.myRedemptions}</a></p>}
        </div>
        {props.signedIn && (
          <div class="card">
            <h2><a href={tb('/family')}>{t.family}</a></h2>
            <p class="muted">{t.familyIntro}</p>
          </div>
        )}
      </section>
      {(props.links.station || props.links.admin) && (
        <p class="actions">
          {props.links.station && <a class="button secondary" href={tb('/station')}>{t.station}</a>}
          {props.links.admin && <a class="button secondary" href={tb('/admin')}>{t.dashboard}</a>}
          {props.links.admin && <a class="button secondary" href={tb('/admin/catalogue')}>{t.manageCatalogue}</a>}
          {props.links.admin && <a class="button secondary" href={tb('/admin/disputes')}>{t.disputes}</a>}
        </p>
      )}
    </>
  );
}
