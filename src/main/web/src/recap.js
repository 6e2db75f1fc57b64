// One recap: narrative, sections with their figures and items, the evidence behind each figure,
// versions; on one's own draft, asking for changes in words, adding context and confirming.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { figure, when } from './format.js';
import { ErrorNote, Loading } from './ui.js';

function Evidence({ ids, evidence }) {
  if (!ids || !ids.length || !evidence) return null;
  return html`<details class="evidence"><summary>Evidence (${ids.length})</summary><ul>
    ${ids.map((id) => {
      const e = evidence[id];
      if (!e) return html`<li key=${id}>${id}</li>`;
      const label = `${e.kind} · ${when(e.occurredAt)}`;
      return html`<li key=${id}>${e.link ? html`<a href=${e.link} target="_blank" rel="noopener noreferrer">${label}</a>` : label}
        ${e.summary ? html`<div class="summary">${e.summary}</div>` : null}</li>`;
    })}</ul></details>`;
}

export function Section({ section, evidence }) {
  return html`<section class="card" aria-labelledby=${`s-${section.id}`}>
    <h3 id=${`s-${section.id}`}>${section.title}</h3>
    ${section.metrics && section.metrics.length ? html`<dl class="metrics">
      ${section.metrics.map((m) => html`<div class="metric" key=${m.id + (m.currency || '')}>
        <dt>${m.label}</dt><dd>${figure(m.value, m.unit, m.currency)}<${Evidence} ids=${m.evidence} evidence=${evidence} /></dd></div>`)}
    </dl>` : null}
    ${section.items && section.items.length ? html`<ul class="items">
      ${section.items.map((item, i) => html`<li key=${i}>
        ${item.link ? html`<a href=${item.link} target="_blank" rel="noopener noreferrer">${item.label}</a>` : html`<span>${item.label}</span>`}
        ${item.detail ? html` <span class="detail">${item.detail}</span>` : null}
        ${item.value != null ? html` <span class="value">${figure(item.value, item.unit, item.currency)}</span>` : null}
        <${Evidence} ids=${item.evidence} evidence=${evidence} /></li>`)}
    </ul>` : null}
  </section>`;
}

function Narrative({ text }) {
  if (!text) return null;
  return html`<div class="narrative">${text.split(/\n{2,}/).map((p, i) => html`<p key=${i}>${p.replace(/[*_#`]/g, '')}</p>`)}</div>`;
}

/** Whether this version was asked for (words, inclusions, instructions or a template): something to keep as a template. */
function askedFor(recap) {
  const r = recap.request || {};
  return Boolean(r.request || r.instructions || r.templateId || (r.include && r.include.length));
}

function TemplatePicker({ api, busy, onApply }) {
  const [templates, setTemplates] = useState([]);
  const [chosen, setChosen] = useState('');
  useEffect(() => { api.get('/prompt-templates').then((all) => setTemplates(all.templates || []), () => setTemplates([])); }, []);
  if (!templates.length) return null;
  const scopes = { employee: 'yours', tenant: 'company', builtin: 'built in' };
  return html`<form onSubmit=${(e) => { e.preventDefault(); if (chosen) onApply(chosen); }}>
    <label for="template">Apply a template</label>
    <select id="template" value=${chosen} onChange=${(e) => setChosen(e.currentTarget.value)}>
      <option value="">Choose…</option>
      ${templates.map((t) => html`<option key=${t.templateId} value=${t.templateId}>${t.name} (${scopes[t.scope] || t.scope})</option>`)}
    </select>
    <button type="submit" disabled=${busy || !chosen}>Apply</button>
  </form>`;
}

function OwnDraftActions({ api, path, recap, onChange }) {
  const [words, setWords] = useState('');
  const [note, setNote] = useState(recap.context ? recap.context.note : '');
  const [templateName, setTemplateName] = useState('');
  const [templatesSaved, setTemplatesSaved] = useState(0);
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  async function act(kind, call) {
    setBusy(kind);
    setError(null);
    try {
      onChange(await call());
      if (kind === 'ask') setWords('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return html`<div class="actions card">
    <form onSubmit=${(e) => { e.preventDefault(); if (words.trim()) act('ask', () => api.post(`${path}/generate`, { request: words.trim() })); }}>
      <label for="ask">Ask for changes</label>
      <textarea id="ask" rows="2" placeholder="e.g. include my call metrics this time" value=${words}
        onInput=${(e) => setWords(e.currentTarget.value)}></textarea>
      <button type="submit" disabled=${busy !== null || !words.trim()}>${busy === 'ask' ? 'Rewriting…' : 'Ask'}</button>
    </form>
    <${TemplatePicker} key=${templatesSaved} api=${api} busy=${busy !== null} onApply=${(templateId) => act('template', () => api.post(`${path}/generate`, { templateId }))} />
    ${askedFor(recap) ? html`<form onSubmit=${(e) => {
      e.preventDefault();
      if (!templateName.trim()) return;
      act('save-template', async () => {
        await api.post('/prompt-templates', { name: templateName.trim(), scope: 'employee', fromRecap: { week: recap.week, version: recap.version } });
        setTemplateName('');
        setTemplatesSaved((n) => n + 1); // the picker reads the list again
        return recap;
      });
    }}>
      <label for="template-name">Save this version's request as a template</label>
      <input id="template-name" value=${templateName} placeholder="e.g. With my calls" onInput=${(e) => setTemplateName(e.currentTarget.value)} />
      <button type="submit" disabled=${busy !== null || !templateName.trim()}>Save template</button>
    </form>` : null}
    <form onSubmit=${(e) => { e.preventDefault(); act('context', () => api.put(`${path}/context`, { note })); }}>
      <label for="context">Add context for your manager</label>
      <textarea id="context" rows="2" placeholder="What the figures do not show" value=${note}
        onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
      <button type="submit" disabled=${busy !== null}>${busy === 'context' ? 'Saving…' : 'Save context'}</button>
    </form>
    <button class="primary" type="button" disabled=${busy !== null}
      onClick=${() => act('confirm', () => api.post(`${path}/confirm`, { version: recap.version }))}>
      ${busy === 'confirm' ? 'Confirming…' : `Confirm version ${recap.version}`}</button>
    <${ErrorNote} error=${error} />
  </div>`;
}

export function RecapView({ api, employeeId, week, own }) {
  const path = `/recaps/${encodeURIComponent(employeeId)}/${week}`;
  const [state, setState] = useState({ loading: true });
  const [version, setVersion] = useState(null);
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    const query = `?include=evidence${version ? `&version=${version}` : ''}`;
    api.get(path + query).then((recap) => live && setState({ recap }), (error) => live && setState({ error }));
    return () => { live = false; };
  }, [path, version]);
  if (state.loading) return html`<${Loading} what="the recap" />`;
  if (state.error) return html`<${ErrorNote} error=${state.error} />`;
  const { recap } = state;
  const versions = recap.versions || [];
  const latest = versions.length ? Math.max(...versions.map((v) => v.version)) : recap.version;
  const changed = (fresh) => { setVersion(null); setState({ recap: { ...fresh, versions: fresh.versions || versions } }); };
  return html`<article class="recap" aria-labelledby="recap-title">
    <header class="recap-head">
      <h2 id="recap-title">${recap.employeeName}</h2>
      <span class=${`badge ${recap.status}`} data-testid="status">${recap.status === 'confirmed' ? 'Confirmed' : 'Draft'}</span>
      ${versions.length > 1 ? html`<label class="inline">Version
        <select value=${recap.version} onChange=${(e) => setVersion(Number(e.currentTarget.value))}>
          ${versions.map((v) => html`<option key=${v.version} value=${v.version}>${v.version} (${v.status})</option>`)}
        </select></label>` : null}
    </header>
    ${recap.confirmedAt ? html`<p class="muted">Confirmed ${when(recap.confirmedAt)}</p>` : null}
    ${recap.narrator ? html`<p class="muted">Written by ${recap.narrator.kind === 'model' ? 'the narrator model, checked against the figures' : 'a template'}</p>` : null}
    <${Narrative} text=${recap.narrative} />
    ${recap.context && recap.context.note ? html`<aside class="context card"><h3>Context</h3><p>${recap.context.note}</p></aside>` : null}
    ${recap.content.sections.map((s) => html`<${Section} key=${s.id} section=${s} evidence=${recap.content.evidence} />`)}
    <p class="muted">${recap.content.activityCount} activities this week.</p>
    ${own && recap.status === 'draft' && recap.version === latest
      ? html`<${OwnDraftActions} api=${api} path=${path} recap=${recap} onChange=${changed} />` : null}
  </article>`;
}
