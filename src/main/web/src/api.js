// The HTTP API, called with the signed-in person's bearer token. Every refusal the API answers
// ({"error","message"}) becomes an ApiError whose message is shown to the person in words.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const WORDS = {
  401: 'Your sign-in has expired. Sign in again.',
  403: 'You are not allowed to see this.',
  404: 'There is nothing here.',
  429: 'Too many requests just now. Wait a moment and try again.',
};

export function createApi(baseUrl, token) {
  async function call(method, path, body, extraHeaders = {}) {
    let response;
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        // The bearer is the whole proof of who calls: no cookie goes to the API, which is on another site.
        credentials: 'omit',
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...extraHeaders },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ApiError(0, 'network', 'Gristmill could not be reached. Check your connection and try again.');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const message = (json && json.message) || WORDS[response.status] || `Gristmill answered ${response.status}.`;
      throw new ApiError(response.status, (json && json.error) || String(response.status), response.status === 403 ? `Not allowed: ${message}` : message);
    }
    return json;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body || {}),
    put: (path, body, headers) => call('PUT', path, body, headers),
    del: (path) => call('DELETE', path),
  };
}
