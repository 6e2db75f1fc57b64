// Review context for any period: the period's figures and a trend per week. For oneself, computed
// from one's activity with evidence; for a manager, only what the employee confirmed.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { defaultPeriod } from './calibration.js';
import { figure } from './format.js';
import { Section } from './recap.js';
import { ErrorNote, Loading } from './ui.js';

export function ReviewView({ api, employeeId, period, own }) {
  const [state, setState] = useState({ loading: true });
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    const evidence = own ? '&include=evidence' : '';
    api.get(`/employees/${encodeURIComponent(employeeId)}/review-context?from=${period.from}&to=${period.to}${evidence}`)
      .then((review) => live && setState({ review }), (error) => live && setState({ error }));
    return () => { live = false; };
  }, [employeeId, period.from, period.to]);
  const form = html`<form class="period" onSubmit=${(e) => {
    e.preventDefault();
    window.location.hash = `#/people/${encodeURIComponent(employeeId)}/review/${from}/${to}`;
  }}>
    <label>From <input type="date" value=${from} required onInput=${(e) => setFrom(e.currentTarget.value)} /></label>
    <label>To <input type="date" value=${to} required onInput=${(e) => setTo(e.currentTarget.value)} /></label>
    <button type="submit">Show</button>
  </form>`;
  if (state.loading) return html`<h2>Review context</h2>${form}<${Loading} what="the review context" />`;
  if (state.error) return html`<h2>Review context</h2>${form}<${ErrorNote} error=${state.error} />`;
  const { review } = state;
  const keys = [...new Set(review.weeks.flatMap((w) => Object.keys(w.metrics)))];
  return html`<section aria-labelledby="review-title">
    <h2 id="review-title">Review context: ${review.name}</h2>
    ${form}
    <p class="muted">${review.from} to ${review.to}, ${review.timeZone}. ${review.basis === 'activity'
      ? 'From your activity, every week whether confirmed or not; only you see this.'
      : 'Only the weeks they confirmed, as they confirmed them.'}</p>
    ${review.total.sections.length ? review.total.sections.map((s) => html`<${Section} key=${s.id} section=${s} evidence=${review.total.evidence} />`)
      : html`<p>No figures in this period.</p>`}
    ${keys.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Figures week by week"><table>
      <caption class="visually-hidden">Each week's figures</caption>
      <thead><tr><th scope="col">Week</th><th scope="col">Confirmed</th>${keys.map((k) => html`<th scope="col" key=${k}>${k}</th>`)}</tr></thead>
      <tbody>${review.weeks.map((w) => html`<tr key=${w.week}><th scope="row">${w.week}</th><td>${w.confirmed ? 'yes' : 'no'}</td>
        ${keys.map((k) => html`<td key=${k}>${w.metrics[k] === undefined ? '—' : figure(w.metrics[k])}</td>`)}</tr>`)}</tbody>
    </table></div>` : null}
  </section>`;
}

export { defaultPeriod };
