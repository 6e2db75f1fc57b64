// Calibration: a manager's team side by side over a review period, from confirmed weeks only,
// the same measures for everyone, sortable by any column.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { figure } from './format.js';
import { ErrorNote, Loading } from './ui.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The default period: the 13 weeks up to last Sunday. */
export function defaultPeriod(now = new Date()) {
  const end = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  end.setUTCDate(end.getUTCDate() - (end.getUTCDay() || 7));
  const start = new Date(end);
  start.setUTCDate(end.getUTCDate() - 13 * 7 + 1);
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

export function periodOf(parts) {
  return DATE.test(parts[1] || '') && DATE.test(parts[2] || '') ? { from: parts[1], to: parts[2] } : defaultPeriod();
}

function sortedPeople(people, sort) {
  const value = (p) => (sort.key === 'name' ? p.name : sort.key === 'confirmedWeeks' ? p.confirmedWeeks : p.values[sort.key]);
  return [...people].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1; // no figures last
    const order = typeof x === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return sort.descending ? -order : order;
  });
}

function Header({ label, columnKey, sort, setSort }) {
  const active = sort.key === columnKey;
  const next = () => setSort({ key: columnKey, descending: active ? !sort.descending : columnKey !== 'name' });
  return html`<th scope="col" aria-sort=${active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
    <button type="button" class="sort" onClick=${next}>${label}${active ? (sort.descending ? ' ▼' : ' ▲') : ''}</button></th>`;
}

export function CalibrationView({ api, managerId, period }) {
  const [state, setState] = useState({ loading: true });
  const [sort, setSort] = useState({ key: 'name', descending: false });
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    api.get(`/teams/${encodeURIComponent(managerId)}/review-context?from=${period.from}&to=${period.to}`)
      .then((calibration) => live && setState({ calibration }), (error) => live && setState({ error }));
    return () => { live = false; };
  }, [managerId, period.from, period.to]);
  const form = html`<form class="period" onSubmit=${(e) => { e.preventDefault(); window.location.hash = `#/calibration/${from}/${to}`; }}>
    <label>From <input type="date" value=${from} required onInput=${(e) => setFrom(e.currentTarget.value)} /></label>
    <label>To <input type="date" value=${to} required onInput=${(e) => setTo(e.currentTarget.value)} /></label>
    <button type="submit">Compare</button>
  </form>`;
  if (state.loading) return html`<h2>Calibration</h2>${form}<${Loading} what="the team's period" />`;
  if (state.error) return html`<h2>Calibration</h2>${form}<${ErrorNote} error=${state.error} />`;
  const { calibration } = state;
  return html`<section aria-labelledby="calibration-title">
    <h2 id="calibration-title">Calibration: ${calibration.managerName}'s team</h2>
    ${form}
    <p class="muted">${calibration.from} to ${calibration.to} (${calibration.weeks} weeks). Only weeks each person confirmed count;
      figures are added up over those weeks.</p>
    ${calibration.people.length === 0 ? html`<p>No reports to compare.</p>` : html`<div class="table-wrap" tabindex="0" role="region"
      aria-label="Team figures side by side"><table>
      <caption class="visually-hidden">Each report's confirmed figures for the period; choose a column to sort by it.</caption>
      <thead><tr>
        <${Header} label="Person" columnKey="name" sort=${sort} setSort=${setSort} />
        <${Header} label="Confirmed weeks" columnKey="confirmedWeeks" sort=${sort} setSort=${setSort} />
        ${calibration.measures.map((m) => html`<${Header} key=${m.key} label=${m.currency ? `${m.label} (${m.currency})` : m.label}
          columnKey=${m.key} sort=${sort} setSort=${setSort} />`)}
      </tr></thead>
      <tbody>${sortedPeople(calibration.people, sort).map((p) => html`<tr key=${p.employeeId}>
        <th scope="row">${p.name}</th><td>${p.confirmedWeeks} of ${calibration.weeks}</td>
        ${calibration.measures.map((m) => html`<td key=${m.key}>${p.values[m.key] === undefined ? '—' : figure(p.values[m.key], m.unit, m.currency)}</td>`)}
      </tr>`)}</tbody>
    </table></div>`}
  </section>`;
}
