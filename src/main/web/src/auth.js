// Signing in: OpenID Connect authorization code + PKCE (oidc-client-ts) against the issuer the
// API's JWT authorizer trusts. Tokens live in memory only; sessionStorage holds nothing but the
// short-lived state and PKCE verifier of a sign-in under way, which must survive the redirect.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { appRoot } from './connect-return.js';

let manager;

export function configure(config) {
  const here = appRoot();
  manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: here,
    post_logout_redirect_uri: here,
    response_type: 'code',
    scope: config.scope || 'openid profile email',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

/** Finishes a sign-in the provider redirected back from, else the signed-in user (or null). */
export async function currentUser() {
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') || params.has('error')) {
    const route = window.sessionStorage.getItem('gristmill.route') || '';
    window.sessionStorage.removeItem('gristmill.route');
    try {
      return await manager.signinRedirectCallback();
    } finally {
      window.history.replaceState(null, '', window.location.pathname + route);
    }
  }
  return manager.getUser();
}

export function signIn() {
  window.sessionStorage.setItem('gristmill.route', window.location.hash);
  return manager.signinRedirect();
}

export async function signOut() {
  await manager.removeUser();
  window.location.hash = '';
  window.location.reload();
}

/**
 * Who the token says the person is: the claims the API reads. `tokenUse` says which token the
 * API's authorizer expects as the bearer: "id" where the audience and custom claims are only in the
 * ID token (Cognito), else the access token.
 */
export function person(user, tokenUse) {
  const claims = user.profile;
  const granted = claims.roles || claims['cognito:groups'] || [];
  const roles = Array.isArray(granted) ? granted : String(granted).replace(/[[\]]/g, '').split(/[\s,]+/);
  return {
    name: claims.name || claims.email || claims.sub,
    employeeId: claims.employee_id || claims['custom:employee_id'],
    tenantId: claims.tenant_id || claims['custom:tenant_id'],
    admin: roles.includes('admin'),
    token: tokenUse === 'id' ? user.id_token : user.access_token,
  };
}
