// Offboarding the whole company (DELETE /tenants/{t}): Salesforce tokens revoked, both connections
// removed, then every item of the company erased. The API erases within a time budget per call and
// answers 202 while more remains, so the page calls again until it answers 200.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { ErrorNote } from './ui.js';

const MAX_CALLS = 200;

export function CompanyErasure({ api, tenantId }) {
  const [typed, setTyped] = useState('');
  const [progress, setProgress] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function erase(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    let items = 0;
    try {
      for (let call = 0; call < MAX_CALLS; call++) {
        const step = await api.del(`/tenants/${encodeURIComponent(tenantId)}`);
        items += step.items;
        setProgress({ items, finished: step.finished });
        if (step.finished) return;
      }
      setError(new Error(`Erased ${items} items and more remain; press Erase again to go on.`));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<section class="card danger-zone" aria-labelledby="erase-company-title">
    <h3 id="erase-company-title">Erase the company</h3>
    <p>Disconnects Salesforce (its token is revoked) and Front, then deletes every person's activity, recaps, templates,
      settings and the directory for good. Nobody can sign in to anything afterwards.</p>
    <form onSubmit=${erase}>
      <label for="erase-company">Type the company's Gristmill id, <b>${tenantId}</b>, to confirm</label>
      <input id="erase-company" value=${typed} autocomplete="off" onInput=${(e) => setTyped(e.currentTarget.value)} />
      <button type="submit" class="danger" disabled=${busy || typed.trim() !== tenantId}>${busy ? 'Erasing…' : 'Erase the company'}</button>
    </form>
    ${progress ? html`<p class=${progress.finished ? 'saved' : 'muted'} role="status">${progress.finished
      ? `The company is erased: ${progress.items} items deleted.` : `Erasing… ${progress.items} items so far.`}</p>` : null}
    <${ErrorNote} error=${error} />
  </section>`;
}
