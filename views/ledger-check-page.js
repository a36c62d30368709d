// The public ledger page's check (core/ledger/public-page.tsx): fetches the city's
// chain page by page from the public API and checks it in this browser with
// views/ledger-chain.js, the same code the server posts with and the CLI runs.
// Every word shown comes from the page's data attributes, in the page's language.
import { checkPublicChain } from './ledger-chain.js';

const form = document.getElementById('ledger-check');
if (form) {
  const status = document.getElementById('ledger-check-status');
  const progress = document.getElementById('ledger-check-progress');
  const say = (name, values) => {
    let text = form.dataset[name] ?? '';
    for (const [key, value] of Object.entries(values ?? {})) text = text.replaceAll(`{${key}}`, String(value));
    return text;
  };
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    progress.hidden = false;
    progress.removeAttribute('value');
    const total = Number(form.dataset.total);
    const knownHeads = [];
    const keptSeq = form.elements.namedItem('seq').value.trim();
    const keptHash = form.elements.namedItem('hash').value.trim().toLowerCase();
    if (keptSeq !== '' || keptHash !== '') knownHeads.push({ seq: Number(keptSeq), hash: keptHash });
    status.className = '';
    status.textContent = say('checking', { n: 0, total });
    try {
      const result = await checkPublicChain({
        knownHeads,
        fetchPage: async (cursor) => {
          const url = new URL(form.dataset.api, location.href);
          url.searchParams.set('limit', '500');
          if (cursor) url.searchParams.set('cursor', cursor);
          const res = await fetch(url, { headers: { accept: 'application/json' } });
          if (!res.ok) throw new Error(String(res.status));
          return res.json();
        },
        onProgress: (p) => {
          if (total > 0) progress.value = Math.min(1, p.verifiedUpTo / total);
          status.textContent = say('checking', { n: p.verifiedUpTo, total });
        },
      });
      const range = result.recomputedFrom === null ? '' : ' ' + say('recomputed', { from: result.recomputedFrom, to: result.verifiedUpTo });
      const linked = result.linkedOnly > 0 ? ' ' + say('linkedOnly', { n: result.linkedOnly }) : '';
      const heads = result.headsMatched > 0 ? ' ' + say('headMatched') : '';
      if (result.ok) {
        status.className = 'flash flash-success';
        status.textContent = say('verified', { n: result.verifiedUpTo }) + range + linked + heads;
      } else {
        status.className = 'flash flash-error';
        status.textContent = say('problem' + result.problem[0].toUpperCase() + result.problem.slice(1), { n: result.seq }) + ' ' + say('verified', { n: result.verifiedUpTo });
      }
    } catch {
      status.className = 'flash flash-error';
      status.textContent = say('failed');
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  });
}
