// One person in the admin's directory: who else reads their confirmed recaps (delegations, with
// the log of every change) and erasure of their data on request.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { when } from './format.js';
import { ErrorNote } from './ui.js';

function Delegates({ api, person, people }) {
  const path = `/employees/${encodeURIComponent(person.employeeId)}/delegates`;
  const [state, setState] = useState(null);
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const load = () => api.get(path).then(setState, setError);
  async function change(call) {
    setError(null);
    try {
      await call();
      await load();
    } catch (e) {
      setError(e);
    }
  }
  const names = Object.fromEntries(people.map((p) => [p.employeeId, p.name]));
  return html`<details onToggle=${(e) => { if (e.currentTarget.open && !state) load(); }}>
    <summary>Who else reads ${person.name}'s confirmed recaps</summary>
    <${ErrorNote} error=${error} />
    ${state ? html`<ul>${state.delegates.map((d) => html`<li key=${d.delegateId}>${names[d.delegateId] || d.delegateId}
        <span class="muted"> since ${when(d.grantedAt)}${d.reason ? ` — ${d.reason}` : ''}</span>
        <button type="button" class="link" onClick=${() => change(() => api.del(`${path}/${encodeURIComponent(d.delegateId)}`))}>
          Revoke ${names[d.delegateId] || d.delegateId}</button></li>`)}
      ${state.delegates.length ? null : html`<li class="muted">Only their manager chain.</li>`}</ul>
      <form class="period" onSubmit=${(e) => {
        e.preventDefault();
        if (chosen) change(() => api.put(`${path}/${encodeURIComponent(chosen)}`, reason.trim() ? { reason: reason.trim() } : {}));
      }}>
        <label>Add a reader <select value=${chosen} onChange=${(e) => setChosen(e.currentTarget.value)}>
          <option value="">Choose…</option>
          ${people.filter((p) => p.employeeId !== person.employeeId).map((p) => html`<option key=${p.employeeId} value=${p.employeeId}>${p.name}</option>`)}
        </select></label>
        <label>Reason <input value=${reason} maxLength="200" onInput=${(e) => setReason(e.currentTarget.value)} /></label>
        <button type="submit" disabled=${!chosen}>Grant</button>
      </form>
      ${state.log.length ? html`<p class="muted">Log: ${state.log.map((c) => `${c.action} ${names[c.delegateId] || c.delegateId} by ${c.by} ${when(c.at)}`).join('; ')}</p>` : null}`
    : null}
  </details>`;
}

/**
 * A person's manager, groups, tool accounts and whether they are active; saved only if nobody
 * changed them meanwhile (If-Match). An account someone else already has is refused in words.
 */
function Edit({ api, tenantId, person, people, onSaved }) {
  const [managerId, setManagerId] = useState(person.managerId || '');
  const [groups, setGroups] = useState((person.groups || []).join(', '));
  const [active, setActive] = useState(person.active);
  const known = person.identities || {};
  const [salesforceUserId, setSalesforceUserId] = useState(known.salesforceUserId || '');
  const [frontTeammateId, setFrontTeammateId] = useState(known.frontTeammateId || '');
  const [error, setError] = useState(null);
  const id = (what) => `${what}-${person.employeeId}`;
  async function save(e) {
    e.preventDefault();
    setError(null);
    const identities = { ...known, salesforceUserId: salesforceUserId.trim() || null, frontTeammateId: frontTeammateId.trim() || null };
    const body = { name: person.name, email: person.email, managerId: managerId || null, role: person.role, identities,
      groups: groups.split(/[\s,]+/).filter(Boolean), active, deactivatedAt: active ? null : person.deactivatedAt };
    try {
      await api.put(`/tenants/${encodeURIComponent(tenantId)}/employees/${encodeURIComponent(person.employeeId)}`, body,
        { 'If-Match': `"${person.version}"` });
      onSaved(`${person.name} saved.`);
    } catch (failure) {
      setError(failure);
    }
  }
  return html`<details><summary>Change ${person.name}'s manager, groups, tool accounts or status</summary>
    <form class="period" onSubmit=${save}>
      <label for=${id('manager')}>Manager</label>
      <select id=${id('manager')} value=${managerId} onChange=${(e) => setManagerId(e.currentTarget.value)}>
        <option value="">No manager</option>
        ${people.filter((p) => p.employeeId !== person.employeeId).map((p) => html`<option key=${p.employeeId} value=${p.employeeId}>${p.name}</option>`)}
      </select>
      <label for=${id('groups')}>Groups</label>
      <input id=${id('groups')} value=${groups} onInput=${(e) => setGroups(e.currentTarget.value)} />
      <label for=${id('sf')}>Salesforce user id</label>
      <input id=${id('sf')} value=${salesforceUserId} placeholder="005…" onInput=${(e) => setSalesforceUserId(e.currentTarget.value)} />
      <label for=${id('front')}>Front teammate id</label>
      <input id=${id('front')} value=${frontTeammateId} placeholder="tea_…" onInput=${(e) => setFrontTeammateId(e.currentTarget.value)} />
      <label class="check"><input type="checkbox" checked=${active} onChange=${(e) => setActive(e.currentTarget.checked)} />
        Active (unticked: their history stays, new work is no longer credited to them)</label>
      <button type="submit">Save ${person.name}</button>
      <${ErrorNote} error=${error} />
    </form>
  </details>`;
}

function Erasure({ api, tenantId, person, onChanged }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = `erase-${person.employeeId}`;
  async function erase(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const erased = await api.del(`/tenants/${encodeURIComponent(tenantId)}/employees/${encodeURIComponent(person.employeeId)}/data`);
      onChanged(erased.finished ? `${person.name}'s data is erased: ${erased.activities} activities, ${erased.recapVersions} recap versions.`
        : `Erasing ${person.name}'s data; it continues in the background.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<details><summary>Erase ${person.name}'s data…</summary>
    <form onSubmit=${erase}>
      <label for=${id}>Their activity, recaps, templates, delegations and links go for good. Type their name to confirm.</label>
      <input id=${id} value=${typed} autocomplete="off" onInput=${(e) => setTyped(e.currentTarget.value)} />
      <button type="submit" class="danger" disabled=${busy || typed.trim() !== person.name}>Erase</button>
      <${ErrorNote} error=${error} />
    </form>
  </details>`;
}

export function PersonAdmin({ api, tenantId, person, people, onChanged }) {
  return html`<div class="person-admin">
    ${person.erasedAt ? null : html`<${Edit} api=${api} tenantId=${tenantId} person=${person} people=${people} onSaved=${onChanged} />`}
    <${Delegates} api=${api} person=${person} people=${people} />
    ${person.erasedAt ? html`<p class="muted">Data erased ${when(person.erasedAt)}</p>`
      : html`<${Erasure} api=${api} tenantId=${tenantId} person=${person} onChanged=${onChanged} />`}
  </div>`;
}
