// The admin's settings: what is read (Salesforce objects and pipelines, Front inboxes and teams,
// employee groups), the company's zone and week, recap narration, cycle and built-in templates,
// summary approval.
// Only the fields shown are changed; everything else saved before is sent back as it was.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { CompanyErasure } from './company-erasure.js';
import { when } from './format.js';
import { ErrorNote, Loading } from './ui.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const list = (text) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
const text = (values) => (values || []).join(', ');

function Field({ id, label, hint, children }) {
  return html`<div class="field"><label for=${id}>${label}</label>${children}${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}</div>`;
}

export function SettingsView({ api, tenantId }) {
  const path = `/tenants/${encodeURIComponent(tenantId)}/settings`;
  const [page, setPage] = useState(null);
  const [draft, setDraft] = useState(null);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(null);
  const [busy, setBusy] = useState(false);
  const load = (fresh) => { setPage(fresh); setDraft(structuredClone(fresh.settings)); };
  useEffect(() => { api.get(path).then(load, setError); }, [path]);
  if (!draft && error) return html`<${ErrorNote} error=${error} />`;
  if (!draft) return html`<${Loading} what="settings" />`;
  const set = (change) => setDraft((d) => { const next = structuredClone(d); change(next); return next; });
  const objects = new Set(draft.salesforce.objects);
  const hidden = new Set(draft.recaps.hiddenTemplates || []);
  const cycle = draft.recaps.cycle || {};
  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const stored = await api.put(path, draft);
      load({ ...stored, choices: page.choices });
      setSaved(stored.updatedAt);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="settings" onSubmit=${save} aria-labelledby="settings-title">
    <h2 id="settings-title">Settings</h2>
    ${page.updatedAt ? html`<p class="muted">Last saved ${when(page.updatedAt)} by ${page.updatedBy}</p>` : null}
    <fieldset class="card"><legend>Company</legend>
      <${Field} id="zone" label="Time zone" hint="Weeks begin and end at midnight here (an IANA name such as Europe/Berlin).">
        <input id="zone" value=${draft.timeZone} aria-describedby="zone-hint" onInput=${(e) => set((d) => { d.timeZone = e.currentTarget.value; })} />
      <//>
      <${Field} id="week-start" label="Week starts on">
        <select id="week-start" value=${draft.weekStart} onChange=${(e) => set((d) => { d.weekStart = e.currentTarget.value; })}>
          ${DAYS.map((day) => html`<option key=${day} value=${day}>${day[0] + day.slice(1).toLowerCase()}</option>`)}
        </select>
      <//>
      <${Field} id="groups" label="Employee groups with recaps" hint="Comma-separated; empty means everyone.">
        <input id="groups" value=${text(draft.employeeGroups)} aria-describedby="groups-hint"
          onChange=${(e) => set((d) => { d.employeeGroups = list(e.currentTarget.value); })} />
      <//>
    </fieldset>
    <fieldset class="card"><legend>Salesforce</legend>
      <p class="hint">Objects Gristmill reads (metadata only).</p>
      <div class="checks">${page.choices.salesforceObjects.map((name) => html`<label key=${name} class="check">
        <input type="checkbox" checked=${objects.has(name)} onChange=${(e) => set((d) => {
          const chosen = new Set(d.salesforce.objects);
          if (e.currentTarget.checked) chosen.add(name); else chosen.delete(name);
          d.salesforce.objects = page.choices.salesforceObjects.filter((o) => chosen.has(o));
        })} /> ${name}</label>`)}</div>
      <label class="check"><input type="checkbox" checked=${Boolean(draft.salesforce.noteText)}
        onChange=${(e) => set((d) => { d.salesforce.noteText = e.currentTarget.checked; })} />
        Read note titles and text (otherwise only that a note was written). Turning this off erases what was kept.</label>
      <${Field} id="pipelines" label="Opportunity record types (pipelines)" hint="Comma-separated ids; empty means all.">
        <input id="pipelines" value=${text(draft.salesforce.pipelines)} aria-describedby="pipelines-hint"
          onChange=${(e) => set((d) => { d.salesforce.pipelines = list(e.currentTarget.value); })} />
      <//>
    </fieldset>
    <fieldset class="card"><legend>Front</legend>
      <${Field} id="inboxes" label="Inboxes" hint="Comma-separated inbox ids (inb_…); empty with no teams means every inbox.">
        <input id="inboxes" value=${text(draft.front.inboxes)} aria-describedby="inboxes-hint"
          onChange=${(e) => set((d) => { d.front.inboxes = list(e.currentTarget.value); })} />
      <//>
      <${Field} id="teams" label="Teams" hint="Comma-separated team ids (tim_…).">
        <input id="teams" value=${text(draft.front.teams)} aria-describedby="teams-hint"
          onChange=${(e) => set((d) => { d.front.teams = list(e.currentTarget.value); })} />
      <//>
      <${Field} id="summary-inboxes" label="Conversation summaries approved for these inboxes"
        hint="A model summarises resolved conversations there; their text is never stored, only the summary. Empty withdraws the approval and erases them.">
        <input id="summary-inboxes" value=${text(draft.front.summaries && draft.front.summaries.inboxes)} aria-describedby="summary-inboxes-hint"
          onChange=${(e) => set((d) => { d.front.summaries = { ...(d.front.summaries || {}), inboxes: list(e.currentTarget.value) }; })} />
      <//>
      ${draft.front.summaries && draft.front.summaries.approvedBy
        ? html`<p class="muted">Approved by ${draft.front.summaries.approvedBy} ${when(draft.front.summaries.approvedAt)}</p>` : null}
    </fieldset>
    <fieldset class="card"><legend>Recaps</legend>
      <${Field} id="narrator" label="Narrative written by">
        <select id="narrator" value=${draft.recaps.narrator} onChange=${(e) => set((d) => { d.recaps.narrator = e.currentTarget.value; })}>
          <option value="template">A template (no model)</option><option value="model">The narrator model, checked against the figures</option>
        </select>
      <//>
      <${Field} id="confirmation" label="Confirmation">
        <select id="confirmation" value=${cycle.confirmation || 'required'}
          onChange=${(e) => set((d) => { d.recaps.cycle = { ...(d.recaps.cycle || {}), confirmation: e.currentTarget.value }; })}>
          <option value="required">Managers see a recap once its employee confirms it</option>
          <option value="not_required">Published after a set time unless confirmed before</option>
        </select>
      <//>
      <${Field} id="generate-on" label="Drafts are written on" hint="In the company's time zone, for the week that ended.">
        <select id="generate-on" value=${cycle.generateOn || ''} aria-describedby="generate-on-hint"
          onChange=${(e) => set((d) => { d.recaps.cycle = { ...(d.recaps.cycle || {}), generateOn: e.currentTarget.value || null }; })}>
          <option value="">As soon as the week ends</option>
          ${DAYS.map((day) => html`<option key=${day} value=${day}>${day[0] + day.slice(1).toLowerCase()}</option>`)}
        </select>
      <//>
      <${Field} id="generate-hour" label="At hour (0–23)">
        <input id="generate-hour" type="number" min="0" max="23" value=${cycle.generateAtHour ?? 0}
          onInput=${(e) => set((d) => { d.recaps.cycle = { ...(d.recaps.cycle || {}), generateAtHour: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) }; })} />
      <//>
      ${cycle.confirmation === 'not_required' ? html`<${Field} id="publish" label="Publish after (hours)">
        <input id="publish" type="number" min="1" max="168" value=${cycle.publishAfterHours ?? ''}
          onInput=${(e) => set((d) => { d.recaps.cycle = { ...(d.recaps.cycle || {}), publishAfterHours: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) }; })} />
      <//>` : null}
      <fieldset class="nested"><legend>Built-in templates offered to everyone</legend>
        <div class="checks">${(page.choices.builtInTemplates || []).map((t) => html`<label key=${t.templateId} class="check">
          <input type="checkbox" checked=${!hidden.has(t.templateId)} onChange=${(e) => set((d) => {
            const hide = new Set(d.recaps.hiddenTemplates || []);
            if (e.currentTarget.checked) hide.delete(t.templateId); else hide.add(t.templateId);
            d.recaps.hiddenTemplates = page.choices.builtInTemplates.map((b) => b.templateId).filter((id) => hide.has(id));
          })} /> ${t.name}</label>`)}</div>
      </fieldset>
      <${Field} id="remind" label="Remind after (hours)">
        <input id="remind" type="number" min="1" value=${cycle.remindAfterHours ?? ''}
          onInput=${(e) => set((d) => { d.recaps.cycle = { ...(d.recaps.cycle || {}), remindAfterHours: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) }; })} />
      <//>
    </fieldset>
    <fieldset class="card"><legend>Data</legend>
      <${Field} id="retention" label="Keep activity and recaps for (months)" hint="1 to 120; older activity and recaps are deleted.">
        <input id="retention" type="number" min="1" max="120" value=${draft.retentionMonths ?? ''} aria-describedby="retention-hint"
          onInput=${(e) => set((d) => { d.retentionMonths = e.currentTarget.value === '' ? null : Number(e.currentTarget.value); })} />
      <//>
    </fieldset>
    <${ErrorNote} error=${error} />
    ${saved ? html`<p class="saved" role="status">Saved.</p>` : null}
    <button class="primary" type="submit" disabled=${busy}>${busy ? 'Saving…' : 'Save settings'}</button>
  </form>
  <${CompanyErasure} api=${api} tenantId=${tenantId} />`;
}
