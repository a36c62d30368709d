import { Pagination } from '../../../views/components/pagination.tsx';
import { Table } from '../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { ListedMessage } from '../listing.ts';
import { outboxMessages } from '../messages.ts';

/** A city's messages, newest first: what the city admin and the platform operator see. */
export function MessageList(props: { title: string; intro: string; rows: ListedMessage[]; total: number; page: number; href: (page: number) => string }) {
  const t = useMessages(outboxMessages);
  const { locale } = usePage();
  const status = (m: ListedMessage) => {
    const label = { queued: t.statusQueued, sending: t.statusSending, sent: t.statusSent, failed: t.statusFailed, kept: t.statusKept }[m.status];
    // An attempt that failed and was tried again: more than one attempt, or a queued message already tried.
    const retries = m.status === 'queued' ? m.attempts : Math.max(0, m.attempts - 1);
    return (
      <>
        <span class={m.status === 'failed' ? 'badge off' : 'badge'}>{label}</span>
        {retries > 0 && <small class="muted"> {t.retried(retries)}</small>}
      </>
    );
  };
  return (
    <>
      <h1>{props.title}</h1>
      <p class="muted">{props.intro}</p>
      <Table
        columns={[t.colTime, t.colKind, t.colChannel, t.colTo, t.colStatus, t.colContent]}
        rows={props.rows}
        emptyText={t.noMessages}
        rowId={(m) => `message-${m.id}`}
        cells={(m) => [
          formatDateTime(m.sentAt ?? m.createdAt, locale),
          <code>{m.kind}</code>,
          m.channel === 'email' ? t.channelEmail : t.channelSms,
          m.to,
          status(m),
          m.content ? (
            <details>
              <summary>{m.content.subject ?? m.content.text.slice(0, 40)}</summary>
              <div class="message-text">{m.content.text}</div>
            </details>
          ) : (
            <span class="muted">{t.hiddenBody}</span>
          ),
        ]}
      />
      <Pagination page={props.page} total={props.total} href={props.href} />
    </>
  );
}
