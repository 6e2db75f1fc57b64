// Connecting Salesforce or Front ends here: the provider sends the admin's browser back to
// connect.html with the flow's state and a code (or an error). Tokens live in memory, so this page
// load has to sign in again first; the answer waits in sessionStorage for that sign-in only, and is
// then posted as the signed-in admin to POST /connect/complete — the API checks that this admin
// started the flow — and forgotten. The code is useless alone: Salesforce's needs the PKCE verifier
// and Front's the app's secret, which only the API holds.
const KEY = 'gristmill.connecting';

/** The app's own address (where sign-in returns), whichever of its pages this is. */
export function appRoot() {
  return window.location.origin + window.location.pathname.replace(/connect\.html$/, '');
}

/** On connect.html: keeps the provider's answer and moves to the connections page. Returns whether it did. */
export function keepProviderAnswer() {
  if (!/\/connect\.html$/.test(window.location.pathname)) return false;
  const query = new URLSearchParams(window.location.search);
  const state = query.get('state');
  if (state && (query.get('code') || query.get('error'))) {
    window.sessionStorage.setItem(KEY, JSON.stringify({
      state,
      code: query.get('code') || undefined,
      error: query.get('error') || undefined,
      errorDescription: query.get('error_description') || undefined,
    }));
  }
  // replace(): the code never stays in the history or the address bar.
  window.location.replace(`${appRoot()}#/connections`);
  return true;
}

export function hasProviderAnswer() {
  return window.sessionStorage.getItem(KEY) !== null;
}

/** The kept answer, removed so that it is posted at most once (null when there is none). */
export function takeProviderAnswer() {
  const kept = window.sessionStorage.getItem(KEY);
  window.sessionStorage.removeItem(KEY);
  try {
    return kept ? JSON.parse(kept) : null;
  } catch {
    return null;
  }
}
