// Calls to the dashboard's JSON API, relative to the page (the dashboard may be mounted under a base path).
// Every call sends the page's token, read from ?token= in the page's address, as a bearer token.

export const token = new URLSearchParams(window.location.search).get('token') ?? '';

/** An API error: the server's message (`{"status","error","field","message"}`) or a network failure. */
export class ApiError extends Error {
  constructor(message, status = 0, field = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
  }
}

/**
 * Calls the API and returns its JSON; throws an ApiError carrying the server's message.
 * @param {string} path relative to the page, e.g. 'api/runs'
 * @param {{method?: string, body?: unknown, signal?: AbortSignal}} options
 */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  const init = { method, headers, signal, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError('The dashboard did not answer: is it still running?');
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const message = json && typeof json.message === 'string'
      ? json.message
      : `${response.status} ${response.statusText || 'error'}`;
    throw new ApiError(message, response.status, json ? json.field ?? null : null);
  }
  return json;
}

/** The event stream of a run's steps; EventSource cannot send headers, so the token goes in the query. */
export function stepsUrl(runId) {
  return `api/runs/${encodeURIComponent(runId)}/steps?token=${encodeURIComponent(token)}`;
}

export function runPath(runId, rest = '') {
  return `api/runs/${encodeURIComponent(runId)}${rest}`;
}
