import type { Flash } from '../../core/http/env.ts';

export function FlashMessage({ flash }: { flash: Flash }) {
  return (
    <p class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.message}
    </p>
  );
}
