// The admin's connections: status of Salesforce and Front, connect (the real OAuth flows), reconnect, disconnect.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { when } from './format.js';
import { ErrorNote, Loading } from './ui.js';

const NAMES = { salesforce: 'Salesforce', front: 'Front' };

export function ConnectionsView({ api, providerAnswer }) {
  const [state, setState] = useState({ loading: true });
  const [error, setError] = useState(null);
  const [finished, setFinished] = useState(null);
  const load = () => api.get('/connections').then((all) => setState({ all }), (e) => setState({ error: e }));
  useEffect(() => {
    // Back from a provider's consent screen: finish that flow first, then show where things stand.
    const finishing = providerAnswer
      ? api.post('/connect/complete', providerAnswer).then((done) => setFinished(done), (e) => setError(e))
      : Promise.resolve();
    finishing.then(load);
  }, []);
  async function connect(provider) {
    setError(null);
    try {
      const started = await api.post(`/connect/${provider}`, {});
      window.location.assign(started.authorizeUrl);
    } catch (e) {
      setError(e);
    }
  }
  async function disconnect(provider) {
    if (!window.confirm(`Disconnect ${NAMES[provider]}? Gristmill stops reading it at once.`)) return;
    setError(null);
    try {
      await api.del(`/connections/${provider}`);
      await load();
    } catch (e) {
      setError(e);
    }
  }
  if (state.loading) return html`<${Loading} what="connections" />`;
  if (state.error) return html`<${ErrorNote} error=${state.error} />`;
  return html`<section aria-labelledby="connections-title">
    <h2 id="connections-title">Connections</h2>
    ${finished ? html`<p class="saved" role="status">${finished.title}. ${finished.message}</p>` : null}
    <${ErrorNote} error=${error} />
    ${state.all.frontSummaries && state.all.frontSummaries.approvedBy ? html`<p class="muted">${`Front conversation summaries approved by ${state.all.frontSummaries.approvedBy} `}
      ${when(state.all.frontSummaries.approvedAt)} (change them in Settings).</p>` : null}
    ${state.all.connections.map((c) => html`<div class="card connection" key=${c.provider}>
      <h3>${NAMES[c.provider] || c.provider}</h3>
      <p><span class=${`badge ${c.state}`} data-testid=${`state-${c.provider}`}>${c.state.replace(/_/g, ' ')}</span>
        ${c.account ? html` <span class="muted">${c.account}</span>` : null}
        ${c.connectedAt ? html` <span class="muted">since ${when(c.connectedAt)} by ${c.connectedBy}</span>` : null}</p>
      ${c.lastSuccessfulSyncAt ? html`<p>Last read ${when(c.lastSuccessfulSyncAt)}.</p>` : null}
      ${c.syncStatus ? html`<p class="muted">${c.syncStatus}</p>` : null}
      ${c.reason && c.state !== 'connected' ? html`<p class="error">${c.reason}</p>` : null}
      <button type="button" onClick=${() => connect(c.provider)}>${c.state === 'connected' ? 'Reconnect' : `Connect ${NAMES[c.provider]}`}</button>
      ${c.state === 'connected' ? html` <button type="button" class="danger" onClick=${() => disconnect(c.provider)}>Disconnect</button>` : null}
    </div>`)}
  </section>`;
}
