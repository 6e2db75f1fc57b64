// A manager's week: the team's confirmed recaps (drafts never leave their employee) and who is pending.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { figure, when } from './format.js';
import { ErrorNote, Loading } from './ui.js';

export function TeamView({ api, managerId, week }) {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    api.get(`/teams/${encodeURIComponent(managerId)}/recaps/${week}`).then((team) => live && setState({ team }), (error) => live && setState({ error }));
    return () => { live = false; };
  }, [managerId, week]);
  if (state.loading) return html`<${Loading} what="your team's week" />`;
  if (state.error) return html`<${ErrorNote} error=${state.error} />`;
  const { team } = state;
  const summary = team.summary || { reports: 0, confirmed: 0, pending: 0, totals: [] };
  return html`<section aria-labelledby="team-title">
    <h2 id="team-title">${team.managerName}'s team</h2>
    <p>${summary.confirmed} of ${summary.reports} confirmed, ${summary.pending} pending.</p>
    ${summary.totals && summary.totals.length ? html`<dl class="metrics card">${summary.totals.map((t) => html`<div class="metric" key=${t.id + (t.currency || '')}>
      <dt>${t.label}</dt><dd>${figure(t.value, t.unit, t.currency)}</dd></div>`)}</dl>` : null}
    <h3>Confirmed</h3>
    ${team.confirmed.length ? html`<ul class="people">${team.confirmed.map((r) => html`<li key=${r.employeeId}>
      <a href=${`#/people/${encodeURIComponent(r.employeeId)}/week/${week}`}>${r.employeeName}</a>
      <span class="muted"> confirmed ${when(r.confirmedAt)}</span></li>`)}</ul>` : html`<p class="muted">No confirmed recaps yet.</p>`}
    <h3>Pending</h3>
    ${team.pending.length ? html`<ul class="people">${team.pending.map((p) => html`<li key=${p.employeeId}>
      <span>${p.name}</span> <span class="badge draft">${p.status === 'draft' ? 'not confirmed yet' : 'no recap yet'}</span>
      ${p.remind ? html` <span class="muted">waiting since ${when(p.waitingSince)}</span>` : null}</li>`)}</ul>` : html`<p class="muted">Nobody is pending.</p>`}
  </section>`;
}
