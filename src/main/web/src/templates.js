// Prompt templates in three tiers: the person's own, the company's (admins change them and pick the
// company default) and the built-in ones (read-only; admins hide them in Settings). A template says
// which sections a recap has, what it includes, how long it is and any instructions for the narrator.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Loading } from './ui.js';

const SECTIONS = { sales: 'Sales', customers: 'Customers', calls: 'Calls', highlights: 'Highlights' };
const INCLUDES = { 'salesforce.calls': 'Calls logged in Salesforce', 'front.calls': 'Calls in Front' };
const LENGTHS = { short: 'Short', normal: 'Normal', detailed: 'Detailed' };
const EMPTY = { name: '', scope: 'employee', sections: [], include: [], length: 'normal', instructions: '', tenantDefault: false };

/** What a template asks for, in words. */
export function describe(t) {
  const parts = [];
  if (t.sections && t.sections.length) parts.push(`Sections: ${t.sections.map((s) => SECTIONS[s] || s).join(', ')}`);
  if (t.include && t.include.length) parts.push(`Includes: ${t.include.map((i) => INCLUDES[i] || i).join(', ')}`);
  if (t.length && t.length !== 'normal') parts.push(`${LENGTHS[t.length] || t.length} length`);
  return parts.length ? parts.join(' · ') : 'Every section, normal length';
}

function Checks({ legend, options, labels, chosen, onChange }) {
  return html`<fieldset class="nested"><legend>${legend}</legend><div class="checks">
    ${options.map((id) => html`<label key=${id} class="check"><input type="checkbox" checked=${chosen.includes(id)}
      onChange=${(e) => onChange(e.currentTarget.checked ? [...chosen, id] : chosen.filter((c) => c !== id))} /> ${labels[id] || id}</label>`)}
  </div></fieldset>`;
}

/** Creates a template, or changes one (its tier cannot change). */
function TemplateForm({ api, admin, choices, editing, onDone }) {
  const [draft, setDraft] = useState(editing ? { ...EMPTY, ...editing, length: editing.length || 'normal' } : EMPTY);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (field, value) => setDraft((d) => ({ ...d, [field]: value }));
  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { name: draft.name.trim(), scope: draft.scope, sections: draft.sections, include: draft.include, length: draft.length,
      instructions: draft.instructions.trim() || null, ...(draft.scope === 'tenant' ? { tenantDefault: draft.tenantDefault } : {}) };
    try {
      await (editing ? api.put(`/prompt-templates/${encodeURIComponent(editing.templateId)}`, body) : api.post('/prompt-templates', body));
      onDone(editing ? `Saved “${body.name}”.` : `Created “${body.name}”.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="card settings" onSubmit=${save} aria-labelledby="template-form-title">
    <h3 id="template-form-title">${editing ? `Change “${editing.name}”` : 'New template'}</h3>
    <div class="field"><label for="template-name-field">Name</label>
      <input id="template-name-field" required maxLength="100" value=${draft.name} onInput=${(e) => set('name', e.currentTarget.value)} /></div>
    ${admin && !editing ? html`<div class="field"><label for="template-scope">For</label>
      <select id="template-scope" value=${draft.scope} onChange=${(e) => set('scope', e.currentTarget.value)}>
        <option value="employee">Just me</option><option value="tenant">Everyone in the company</option>
      </select></div>` : null}
    <${Checks} legend="Sections" options=${choices.sections} labels=${SECTIONS} chosen=${draft.sections} onChange=${(v) => set('sections', v)} />
    <${Checks} legend="Also include" options=${choices.include} labels=${INCLUDES} chosen=${draft.include} onChange=${(v) => set('include', v)} />
    <div class="field"><label for="template-length">Length</label>
      <select id="template-length" value=${draft.length} onChange=${(e) => set('length', e.currentTarget.value)}>
        ${choices.lengths.map((l) => html`<option key=${l} value=${l}>${LENGTHS[l] || l}</option>`)}
      </select></div>
    <div class="field"><label for="template-instructions">Instructions for the narrator</label>
      <textarea id="template-instructions" rows="3" maxLength="2000" value=${draft.instructions || ''}
        onInput=${(e) => set('instructions', e.currentTarget.value)}></textarea></div>
    ${draft.scope === 'tenant' ? html`<label class="check"><input type="checkbox" checked=${draft.tenantDefault}
      onChange=${(e) => set('tenantDefault', e.currentTarget.checked)} /> The company default (drafts use it unless someone picks another)</label>` : null}
    <${ErrorNote} error=${error} />
    <p><button class="primary" type="submit" disabled=${busy || !draft.name.trim()}>${editing ? 'Save template' : 'Create template'}</button>
      ${' '}<button type="button" onClick=${() => onDone(null)}>Cancel</button></p>
  </form>`;
}

function Tier({ title, note, templates, actions }) {
  return html`<section class="card" aria-label=${title}>
    <h3>${title}</h3>
    ${note ? html`<p class="hint">${note}</p>` : null}
    ${templates.length ? html`<ul class="templates">${templates.map((t) => html`<li key=${t.templateId}>
      <strong>${t.name}</strong>${t.tenantDefault ? html` <span class="badge confirmed">company default</span>` : null}
      <div class="muted">${describe(t)}</div>
      ${t.instructions ? html`<div class="muted">“${t.instructions}”</div>` : null}
      ${actions ? actions(t) : null}
    </li>`)}</ul>` : html`<p class="muted">None yet.</p>`}
  </section>`;
}

export function TemplatesView({ api, me }) {
  const [state, setState] = useState(null);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(null);
  const [done, setDone] = useState(null);
  const load = () => api.get('/prompt-templates').then(setState, setError);
  useEffect(() => { load(); }, []);
  if (!state && error) return html`<${ErrorNote} error=${error} />`;
  if (!state) return html`<${Loading} what="templates" />`;
  // The news is told once the list shows it.
  const finish = async (message) => { setEditing(null); if (message) await load(); setDone(message); };
  async function remove(t) {
    if (!window.confirm(`Delete the template “${t.name}”?`)) return;
    setError(null);
    try {
      await api.del(`/prompt-templates/${encodeURIComponent(t.templateId)}`);
      await load();
      setDone(`Deleted “${t.name}”.`);
    } catch (failure) {
      setError(failure);
    }
  }
  const changeable = (t) => html`<p class="links"><button type="button" onClick=${() => { setDone(null); setEditing(t); }}>Change ${t.name}</button>
    <button type="button" class="danger" onClick=${() => remove(t)}>Delete ${t.name}</button></p>`;
  const of = (scope) => state.templates.filter((t) => t.scope === scope);
  return html`<section aria-labelledby="templates-title">
    <h2 id="templates-title">Templates</h2>
    <p class="muted">Apply one to a week's recap from My week; “Save this version's request as a template” there keeps what you asked for.</p>
    ${done ? html`<p class="saved" role="status">${done}</p>` : null}
    <${ErrorNote} error=${error} />
    ${editing !== null
      ? html`<${TemplateForm} key=${editing.templateId || 'new'} api=${api} admin=${me.admin} choices=${state.choices}
          editing=${editing.templateId ? editing : null} onDone=${finish} />`
      : html`<p><button type="button" onClick=${() => { setDone(null); setEditing({}); }}>New template</button></p>`}
    <${Tier} title="Yours" templates=${of('employee')} actions=${changeable} />
    <${Tier} title="Your company's" templates=${of('tenant')} actions=${me.admin ? changeable : null}
      note=${me.admin ? 'Everyone in the company can apply these.' : 'Set by your company\'s admins.'} />
    <${Tier} title="Built in" templates=${of('builtin')}
      note=${me.admin ? 'Read-only. Hide any of them for the whole company in Settings.' : 'Read-only.'} />
  </section>`;
}
