// Gristmill's web app: sign in, then my week, templates, my team and (for admins) connections.
// Hash routes keep every page a static file on CloudFront: #/week/2026-W47,
// #/people/emp-ravi/week/2026-W47, #/people/emp-ravi/review/2026-07-01/2026-09-30, #/team/2026-W47,
// #/calibration/2026-07-01/2026-09-30, #/templates, and for
// admins #/connections, #/settings, #/directory.
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createApi } from './api.js';
import { configure, currentUser, person, signIn, signOut } from './auth.js';
import { CalibrationView, periodOf } from './calibration.js';
import { hasProviderAnswer, keepProviderAnswer, takeProviderAnswer } from './connect-return.js';
import { ConnectionsView } from './connections.js';
import { DirectoryView } from './directory.js';
import { RecapView } from './recap.js';
import { ReviewView } from './review.js';
import { SettingsView } from './settings.js';
import { TeamView } from './team.js';
import { TemplatesView } from './templates.js';
import { ErrorNote } from './ui.js';
import { WEEK, lastWeek, shiftWeek, weekLabel } from './weeks.js';

function parse(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const week = parts.find((p) => WEEK.test(p)) || lastWeek();
  if (parts[0] === 'team') return { page: 'team', week };
  if (parts[0] === 'templates') return { page: 'templates', week };
  if (parts[0] === 'calibration') return { page: 'calibration', week, period: periodOf(parts) };
  if (['connections', 'settings', 'directory'].includes(parts[0])) return { page: parts[0], week, adminOnly: true };
  if (parts[0] === 'people' && parts[1] && parts[2] === 'review') {
    return { page: 'review', employeeId: parts[1], week, period: periodOf(['review', parts[3], parts[4]]) };
  }
  if (parts[0] === 'people' && parts[1]) return { page: 'person', employeeId: parts[1], week };
  return { page: 'week', week };
}

function useRoute() {
  const [route, setRoute] = useState(parse(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function WeekNav({ route }) {
  const base = route.page === 'person' ? `#/people/${encodeURIComponent(route.employeeId)}/week/` : route.page === 'team' ? '#/team/' : '#/week/';
  return html`<nav class="weeknav" aria-label="Week">
    <a href=${base + shiftWeek(route.week, -1)}>← Previous week</a>
    <span aria-current="page">${weekLabel(route.week)}</span>
    <a href=${base + shiftWeek(route.week, 1)}>Next week →</a>
  </nav>`;
}

function App({ me, api, providerAnswer }) {
  const route = useRoute();
  useEffect(() => {
    const title = { week: 'My week', team: 'My team', calibration: 'Calibration', connections: 'Connections', settings: 'Settings',
      directory: 'Directory', person: 'Recap', review: 'Review context', templates: 'Templates' }[route.page];
    document.title = `${title} — Gristmill`;
  }, [route.page]);
  const link = (page, label, href) => html`<a href=${href} aria-current=${route.page === page ? 'page' : undefined}>${label}</a>`;
  return html`<div class="shell">
    <header class="top">
      <span class="brand">Gristmill</span>
      <nav aria-label="Main">
        ${link('week', 'My week', `#/week/${route.week}`)}
        ${link('review', 'Review context', `#/people/${encodeURIComponent(me.employeeId)}/review`)}
        ${link('templates', 'Templates', '#/templates')}
        ${link('team', 'My team', `#/team/${route.week}`)}
        ${link('calibration', 'Calibration', '#/calibration')}
        ${me.admin ? link('connections', 'Connections', '#/connections') : null}
        ${me.admin ? link('settings', 'Settings', '#/settings') : null}
        ${me.admin ? link('directory', 'Directory', '#/directory') : null}
      </nav>
      <span class="who">${me.name} <button type="button" class="link" onClick=${signOut}>Sign out</button></span>
    </header>
    <main id="main">
      ${['week', 'person', 'team'].includes(route.page) ? html`<${WeekNav} route=${route} />` : null}
      ${route.page === 'week' ? html`<${RecapView} api=${api} employeeId=${me.employeeId} week=${route.week} own=${true} />` : null}
      ${route.page === 'person' ? html`<p><a href=${`#/people/${encodeURIComponent(route.employeeId)}/review`}>Review context over a period</a></p>
        <${RecapView} api=${api} employeeId=${route.employeeId} week=${route.week} own=${route.employeeId === me.employeeId} />` : null}
      ${route.page === 'review' ? html`<${ReviewView} api=${api} employeeId=${route.employeeId} period=${route.period}
        own=${route.employeeId === me.employeeId} />` : null}
      ${route.page === 'templates' ? html`<${TemplatesView} api=${api} me=${me} />` : null}
      ${route.page === 'team' ? html`<${TeamView} api=${api} managerId=${me.employeeId} week=${route.week} />` : null}
      ${route.page === 'calibration' ? html`<${CalibrationView} api=${api} managerId=${me.employeeId} period=${route.period} />` : null}
      ${route.adminOnly && !me.admin
        ? html`<${ErrorNote} error=${new Error('Not allowed: only your company\'s Gristmill admins manage connections, settings and the directory.')} />`
        : null}
      ${route.page === 'connections' && me.admin ? html`<${ConnectionsView} api=${api} providerAnswer=${providerAnswer} />` : null}
      ${route.page === 'settings' && me.admin ? html`<${SettingsView} api=${api} tenantId=${me.tenantId} />` : null}
      ${route.page === 'directory' && me.admin ? html`<${DirectoryView} api=${api} tenantId=${me.tenantId} />` : null}
    </main>
  </div>`;
}

function SignIn({ error }) {
  return html`<main id="main" class="signin">
    <h1>Gristmill</h1>
    <p>Your weekly recaps, from the work you already do.</p>
    <${ErrorNote} error=${error} />
    <button class="primary" type="button" onClick=${() => signIn()}>Sign in</button>
  </main>`;
}

async function start() {
  if (keepProviderAnswer()) return;
  const root = document.getElementById('app');
  // Preact renders beside what is there: the static "Loading" line goes first.
  root.replaceChildren();
  let config;
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    config = await response.json();
  } catch {
    render(html`<${ErrorNote} error=${new Error('The app is not configured: config.json is missing.')} />`, root);
    return;
  }
  configure(config);
  let user = null;
  let error = null;
  try {
    user = await currentUser();
  } catch (e) {
    error = new Error(`Sign-in did not complete: ${e.message}`);
  }
  if (!user || user.expired) {
    // Back from connecting a tool: the admin just signed in to start it, so sign in again at once.
    if (!error && hasProviderAnswer()) {
      await signIn();
      return;
    }
    render(html`<${SignIn} error=${error} />`, root);
    return;
  }
  const me = person(user, config.tokenUse);
  // Only an admin finishes a connection; anyone else's kept answer is dropped unused.
  const providerAnswer = takeProviderAnswer();
  render(html`<${App} me=${me} api=${createApi(config.apiUrl, me.token)} providerAnswer=${me.admin ? providerAnswer : null} />`, root);
}

start();
