// The admin's directory: people (added by hand too), their managers and tool identities, links
// waiting for approval (an address shared by two people is never linked on its own), and erasure
// of one person's data.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { when } from './format.js';
import { PersonAdmin } from './person-admin.js';
import { ErrorNote, Loading } from './ui.js';

/** Adds a person by hand; If-Match "0" makes it an addition only, never a replacement of someone with that id. */
function AddPerson({ api, base, people, onAdded }) {
  const [draft, setDraft] = useState({ employeeId: '', name: '', email: '', managerId: '', groups: '' });
  const [error, setError] = useState(null);
  const set = (field) => (e) => setDraft({ ...draft, [field]: e.currentTarget.value });
  async function add(e) {
    e.preventDefault();
    setError(null);
    const body = { name: draft.name.trim(), email: draft.email.trim(), managerId: draft.managerId || null, role: 'employee',
      groups: draft.groups.split(/[\s,]+/).filter(Boolean), active: true };
    try {
      await api.put(`${base}/employees/${encodeURIComponent(draft.employeeId.trim())}`, body, { 'If-Match': '"0"' });
      setDraft({ employeeId: '', name: '', email: '', managerId: '', groups: '' });
      onAdded(`${body.name} added.`);
    } catch (failure) {
      setError(failure);
    }
  }
  return html`<details><summary>Add a person</summary>
    <form class="period" onSubmit=${add}>
      <label for="new-id">Employee id</label><input id="new-id" required value=${draft.employeeId} onInput=${set('employeeId')} />
      <label for="new-name">Name</label><input id="new-name" required value=${draft.name} onInput=${set('name')} />
      <label for="new-email">E-mail</label><input id="new-email" type="email" required value=${draft.email} onInput=${set('email')} />
      <label for="new-manager">Manager</label>
      <select id="new-manager" value=${draft.managerId} onChange=${set('managerId')}>
        <option value="">No manager</option>
        ${people.map((p) => html`<option key=${p.employeeId} value=${p.employeeId}>${p.name}</option>`)}
      </select>
      <label for="new-groups">Groups</label><input id="new-groups" value=${draft.groups} onInput=${set('groups')} />
      <button type="submit">Add</button>
      <${ErrorNote} error=${error} />
    </form>
  </details>`;
}

export function DirectoryView({ api, tenantId }) {
  const base = `/tenants/${encodeURIComponent(tenantId)}`;
  const [state, setState] = useState({ loading: true });
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const load = () => Promise.all([api.get(`${base}/employees`), api.get(`${base}/identity-links`)])
    .then(([people, links]) => setState({ people: people.employees, links: links.links }), (e) => setState({ error: e }));
  useEffect(() => { load(); }, [base]);
  async function act(what, call) {
    setError(null);
    setDone(null);
    try {
      await call();
      await load();
      setDone(what);
    } catch (e) {
      setError(e);
    }
  }
  if (state.loading) return html`<${Loading} what="the directory" />`;
  if (state.error) return html`<${ErrorNote} error=${state.error} />`;
  const names = Object.fromEntries(state.people.map((p) => [p.employeeId, p.name]));
  const waiting = state.links.filter((l) => l.status === 'pending');
  return html`<section aria-labelledby="directory-title">
    <h2 id="directory-title">Directory</h2>
    <${ErrorNote} error=${error} />
    ${done ? html`<p class="saved" role="status">${done}</p>` : null}
    <h3>Links waiting for approval</h3>
    ${waiting.length ? html`<ul class="links">${waiting.map((l) => html`<li key=${l.provider + l.externalId} class="card">
      <p>${l.provider === 'front' ? 'Front teammate' : 'Salesforce user'} <b>${l.accountName || l.externalId}</b>
        shares the address ${l.email} with <b>${names[l.employeeId] || l.employeeId}</b>. A shared address proves nothing:
        link them only if this is that person's account.</p>
      <button type="button" onClick=${() => act(`Linked to ${names[l.employeeId] || l.employeeId}.`,
        () => api.post(`${base}/identity-links/${l.provider}/${encodeURIComponent(l.externalId)}/approve`))}>
        Approve link to ${names[l.employeeId] || l.employeeId}</button>
      <button type="button" onClick=${() => act('Rejected: that user stays unlinked.',
        () => api.post(`${base}/identity-links/${l.provider}/${encodeURIComponent(l.externalId)}/reject`))}>Reject</button>
    </li>`)}</ul>` : html`<p class="muted">Nothing is waiting.</p>`}
    <h3>People</h3>
    <${AddPerson} api=${api} base=${base} people=${state.people} onAdded=${(message) => { setDone(message); load(); }} />
    <ul class="people">${state.people.map((p) => html`<li key=${p.employeeId}>
      <b>${p.name}</b> <span class="muted">${p.email}</span>
      ${p.managerId ? html` · reports to ${names[p.managerId] || p.managerId}` : null}
      ${p.groups && p.groups.length ? html` · ${p.groups.join(', ')}` : null}
      <br /><span class="muted">${`Salesforce ${(p.identities && p.identities.salesforceUserId) || '—'} · Front ${(p.identities && p.identities.frontTeammateId) || '—'}`}</span>
      ${p.deactivatedAt ? html` · <span class="badge revoked">left ${when(p.deactivatedAt)}</span>` : null}
      <${PersonAdmin} api=${api} tenantId=${tenantId} person=${p} people=${state.people}
        onChanged=${(message) => { setDone(message); load(); }} />
    </li>`)}</ul>
  </section>`;
}
