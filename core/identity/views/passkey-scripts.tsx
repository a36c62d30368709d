import { usePage } from '../../../views/context.ts';
import { PASSKEY_SCRIPT_PATH, WEBAUTHN_BROWSER_PATH } from '../../../views/static.ts';

/** SimpleWebAuthn's browser bundle, then our page script; deferred scripts run in this order. */
export function PasskeyScripts() {
  const { nonce } = usePage();
  return (
    <>
      <script src={WEBAUTHN_BROWSER_PATH} defer nonce={nonce}></script>
      <script src={PASSKEY_SCRIPT_PATH} defer nonce={nonce}></script>
    </>
  );
}
