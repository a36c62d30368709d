import type { Child } from 'hono/jsx';
import type { PlatformAccount } from '../../http/env.ts';
import { useMessages, usePage } from '../../../views/context.ts';
import { consoleMessages } from '../messages.ts';

/** Every signed-in console page: who is signed in and the way out (the shared layout knows only city users). */
export function ConsoleFrame(props: { children?: Child }) {
  const { c } = usePage();
  const t = useMessages(consoleMessages);
  const account = (c.var as { account?: PlatformAccount | null }).account;
  return (
    <>
      {account && (
        <div class="actions muted">
          <span>{t.signedInAs(account.name)}</span>
          <form method="post" action="/sign-out">
            <button type="submit" class="link">{t.signOut}</button>
          </form>
        </div>
      )}
      {props.children}
    </>
  );
}
