// Talking to the danhoi server: JSON fetch helpers, the staff token kept in
// sessionStorage, idempotency keys, and the token prompt of staff pages.

import { t } from './i18n.js';
import { el } from './ui.js';

const TOKEN_KEY = 'danhoi.token';
// A mobile connection can hang without failing; past this a request counts as
// a network error, which is safe to retry because writes carry an idempotency key.
const TIMEOUT_MS = 20000;

/** A non-2xx answer or a network failure. */
export class ApiError extends Error {
  constructor({ status = 0, body = null, retryAfter = null, network = false, cause } = {}) {
    const e = body && typeof body === 'object' ? body.error || {} : {};
    super(e.message || (network ? 'network error' : `HTTP ${status}`), cause ? { cause } : undefined);
    this.name = 'ApiError';
    this.status = status;
    this.body = body; // the parsed {error:{code,field,message}}, or text, or null
    this.code = e.code || null;
    this.field = e.field || null;
    this.serverMessage = e.message || null; // already in Vietnamese
    this.retryAfter = retryAfter; // seconds, from Retry-After
    this.network = network;
  }
}

// ---- staff token ----------------------------------------------------------

let memoryToken = '';

export function staffToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || memoryToken;
  } catch {
    return memoryToken;
  }
}

export function setStaffToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives only as long as the page
  }
  memoryToken = token || '';
}

export function clearStaffToken() {
  setStaffToken('');
}

const unauthorizedListeners = new Set();

/** fn() runs when a staff call was refused with 401 (the token is already cleared). */
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** For non-HTTP channels (the WebSocket) that learn the token was refused. */
export function signalUnauthorized() {
  clearStaffToken();
  for (const fn of unauthorizedListeners) fn();
}

// ---- requests -------------------------------------------------------------

function parseRetryAfter(value) {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.max(1, parseInt(v, 10));
  const when = Date.parse(v);
  if (Number.isNaN(when)) return null;
  return Math.max(1, Math.ceil((when - Date.now()) / 1000));
}

async function readBody(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  if (!text) return null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json') || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

async function request(method, url, { body, token, idempotencyKey, keepalive, headers: extra } = {}) {
  const headers = { ...extra, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res;
  let data;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
      keepalive: Boolean(keepalive),
    });
    data = await readBody(res);
  } catch (cause) {
    throw new ApiError({ network: true, cause });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok) {
    const err = new ApiError({
      status: res.status,
      body: data,
      retryAfter: parseRetryAfter(res.headers.get('Retry-After')),
    });
    if (res.status === 401 && token) signalUnauthorized();
    throw err;
  }
  return data;
}

/** GET url, parsed JSON. token: staff Bearer token, or nothing for public calls. */
export function getJson(url, token) {
  return request('GET', url, { token });
}

/**
 * POST a JSON body; resolves with the parsed answer, throws ApiError on non-2xx.
 * keepalive lets a small request outlive the page (a release on pagehide);
 * headers adds request headers (the public +1's X-Device-Id).
 */
export function postJson(url, body, { token, idempotencyKey, keepalive, headers } = {}) {
  return request('POST', url, { body, token, idempotencyKey, keepalive, headers });
}

// ---- idempotency ----------------------------------------------------------

/** A v4 UUID; crypto.randomUUID is missing on plain http outside localhost. */
export function newUuid() {
  if (globalThis.crypto?.randomUUID) {
    try {
      return crypto.randomUUID();
    } catch {
      // not a secure context
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One key per distinct submission: keyFor(sameContent) returns the same key
 * until done() is called after a success, so a retry after a network error
 * cannot create a duplicate; any edit of the content gets a fresh key.
 */
export function idempotencyTracker() {
  let key = null;
  let fingerprint = null;
  return {
    keyFor(content) {
      const fp = JSON.stringify(content);
      if (!key || fp !== fingerprint) {
        key = newUuid();
        fingerprint = fp;
      }
      return key;
    },
    done() {
      key = null;
      fingerprint = null;
    },
  };
}

// ---- token prompt for staff pages -----------------------------------------

/**
 * Wires the staff sign-in of a page that has [data-auth-gate] (where the
 * prompt goes), [data-auth-content] (hidden until a token is known) and
 * [data-auth-logout] (the "Đăng xuất" button). onToken(token) runs each time a
 * token becomes available; onLogout() when it is dropped (logout or 401).
 * Content stays in the DOM while hidden, so a half-typed call survives a re-login.
 */
export function initStaffAuth({ onToken, onLogout } = {}) {
  const gate = document.querySelector('[data-auth-gate]');
  const content = document.querySelector('[data-auth-content]');
  const logout = document.querySelector('[data-auth-logout]');

  const message = el('p', { class: 'form-alert', role: 'alert', hidden: true, tabindex: '-1' });
  const input = el('input', {
    id: 'auth-token', name: 'token', type: 'password', autocomplete: 'off',
    spellcheck: 'false', autocapitalize: 'off', required: true,
  });
  const form = el('form', { class: 'auth-form', novalidate: true },
    el('h2', { 'data-i18n': 'auth.title', text: t('auth.title') }),
    el('p', { class: 'hint', 'data-i18n': 'auth.help', text: t('auth.help') }),
    message,
    el('div', { class: 'field' },
      el('label', { for: 'auth-token', 'data-i18n': 'auth.token', text: t('auth.token') }),
      input),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', 'data-i18n': 'auth.submit', text: t('auth.submit') })));
  gate.replaceChildren(form);

  let locked = true;

  function setMessage(key) {
    if (key) {
      message.dataset.i18n = key;
      message.textContent = t(key);
      message.hidden = false;
    } else {
      delete message.dataset.i18n;
      message.hidden = true;
    }
  }

  function lock(key) {
    if (!locked) onLogout?.();
    locked = true;
    setMessage(key);
    if (content) content.hidden = true;
    if (logout) logout.hidden = true;
    gate.hidden = false;
    input.value = '';
    input.focus();
  }

  function unlock(token) {
    locked = false;
    setMessage(null);
    gate.hidden = true;
    if (content) content.hidden = false;
    if (logout) logout.hidden = false;
    onToken?.(token);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      setMessage('auth.empty');
      input.focus();
      return;
    }
    setStaffToken(token);
    unlock(token);
  });

  logout?.addEventListener('click', () => {
    clearStaffToken();
    lock('auth.loggedOut');
  });

  // Several calls may fail with 401 at once; lock() only acts on the first.
  onUnauthorized(() => {
    if (locked) setMessage('auth.invalid');
    else lock('auth.invalid');
  });

  const token = staffToken();
  if (token) unlock(token);
  else lock(null);

  return { token: staffToken, lock };
}
