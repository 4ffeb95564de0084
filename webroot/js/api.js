// Talking to the danhoi server: JSON fetch helpers, idempotency keys, and the
// staff session of the staff pages: the login cookie, the CSRF token every
// state-changing call carries, the role guard, and the header's user box,
// page links and "Đăng xuất" button.

import { t, onLangChange } from './i18n.js';
import { el } from './ui.js';

// A mobile connection can hang without failing; past this a request counts as
// a network error, which is safe to retry because writes carry an idempotency key.
const TIMEOUT_MS = 20000;
// Methods that change state: with the session cookie they carry X-CSRF-Token.
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOGIN_PAGE = '/login.html';
const ME_URL = '/api/auth/me';
// When /api/auth/me cannot be reached, a staff page tries again by itself
// (the studio display is often unattended).
const GATE_RETRY_MS = 10000;

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

// ---- session state --------------------------------------------------------

const session = {
  user: null, // {id, username, displayName, roles, agency} from /api/auth/me or the login
  csrfToken: null,
  guarded: false, // requireStaff() runs on this page: a 401 means "go and log in"
  redirecting: false,
};

function setSession(data) {
  session.user = data && typeof data.user === 'object' ? data.user : null;
  session.csrfToken = data?.csrfToken || null;
  // parts of a page drawn before the log-in was known (what the user's roles allow) redraw on it
  window.dispatchEvent(new CustomEvent('danhoi:session'));
}

/** The logged-in staff member ({id, username, displayName, roles, agency}), or null. */
export function currentUser() {
  return session.user;
}

/** The name to show for a user: display name, else username. */
export function userName(user) {
  return String(user?.displayName || user?.username || '');
}

/**
 * A staff account's id as /api/staff lists it. /api/auth/me may give it in
 * the actor form ("staff:<id>"); both are accepted.
 */
export function staffIdOf(user) {
  if (user?.id == null || user.id === '') return null;
  const id = String(user.id);
  return id.startsWith('staff:') ? id.slice(6) : id;
}

/** The actor id the server records for a logged-in user ("staff:<id>"), as the event log and claims show it. */
export function actorOf(user) {
  const id = staffIdOf(user);
  return id ? `staff:${id}` : null;
}

const unauthorizedListeners = new Set();

/** fn() runs once when the session turned out to be over, just before the page goes to the login page. */
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

const currentPath = () => location.pathname + location.search + location.hash;

/** /login.html?next=<path>&reason=<why>. reason: 'expired' | 'loggedOut' | 'switch' | undefined. */
export function loginUrl({ next = currentPath(), reason } = {}) {
  const q = new URLSearchParams();
  const safe = safeNextPath(next);
  if (safe && safe !== '/') q.set('next', safe);
  if (reason) q.set('reason', reason);
  const s = q.toString();
  return s ? `${LOGIN_PAGE}?${s}` : LOGIN_PAGE;
}

/**
 * A ?next= value that may be followed: a path of this origin ("/…", not
 * "//host" or "/\host"), never the login page itself. Returns the path (with
 * query and hash) or null.
 */
export function safeNextPath(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  let url;
  try {
    url = new URL(value, location.origin);
  } catch {
    return null;
  }
  // The URL parser drops tabs and newlines ("/\t/evil"): the origin check catches what that makes of it.
  if (url.origin !== location.origin || url.pathname === LOGIN_PAGE) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * The session is over (a 401 on a staff call, a refused socket): listeners
 * run, then the login page opens with ?next= back to here. Acts only once.
 */
export function signalUnauthorized() {
  if (session.redirecting) return;
  session.redirecting = true;
  for (const fn of unauthorizedListeners) {
    try {
      fn();
    } catch {
      // leaving anyway
    }
  }
  location.replace(loginUrl({ reason: 'expired' }));
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

/**
 * One JSON request. With a session cookie (same origin, sent by default),
 * POST/PUT/PATCH/DELETE carry X-CSRF-Token. A 403 auth.csrf (the token
 * changed: a new login in another tab) is retried once with the token from
 * /api/auth/me. On a staff page a 401 sends the user to the login page unless
 * authRedirect is false (the login form and the session check handle their own).
 */
async function request(method, url, opts = {}) {
  const {
    body, token, idempotencyKey, keepalive, headers: extra, authRedirect = true, csrfRetried = false,
  } = opts;
  const headers = { ...extra, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (UNSAFE.has(method) && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
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
    if (res.status === 401 && authRedirect && (session.guarded || token)) signalUnauthorized();
    // The server refused before acting, so sending again is safe.
    if (res.status === 403 && err.code === 'auth.csrf' && !token && !csrfRetried && await refreshSession()) {
      return request(method, url, { ...opts, csrfRetried: true });
    }
    throw err;
  }
  return data;
}

/**
 * Asks /api/auth/me again and takes its CSRF token. Returns true when the
 * same user is still logged in. Another account logged in from another tab:
 * this page still shows the old one, so it reloads rather than act for the
 * new one; no session: the login page (on staff pages).
 */
async function refreshSession() {
  const before = session.user?.id;
  let data;
  try {
    data = await request('GET', ME_URL, { authRedirect: false });
  } catch (err) {
    if (err.status === 401 && session.guarded) signalUnauthorized();
    return false;
  }
  if (session.guarded && before != null && String(data?.user?.id) !== String(before)) {
    session.redirecting = true;
    location.reload();
    return false;
  }
  setSession(data);
  return Boolean(session.csrfToken);
}

/**
 * GET /api/auth/me: {user, csrfToken} and remembered, or null when nobody is
 * logged in (401). Other failures throw ApiError. Never redirects.
 */
export async function fetchSession() {
  try {
    const data = await request('GET', ME_URL, { authRedirect: false });
    setSession(data);
    return session.user ? data : null;
  } catch (err) {
    if (err.status === 401) {
      setSession(null);
      return null;
    }
    throw err;
  }
}

/** Takes {user, csrfToken} from a successful login answer. */
export function startSession(data) {
  setSession(data);
}

/**
 * After a refused WebSocket upgrade (a browser learns no status code): is the
 * session still there? A 401 sends a staff page to the login page.
 */
export async function checkSession() {
  if (!session.guarded || session.redirecting) return;
  try {
    const data = await request('GET', ME_URL, { authRedirect: false });
    if (String(data?.user?.id) === String(session.user?.id)) setSession(data);
  } catch (err) {
    if (err.status === 401) signalUnauthorized();
  }
}

/** True on a page guarded by requireStaff(): its sockets are staff sockets. */
export function isStaffPage() {
  return session.guarded;
}

/** GET url, parsed JSON. token: a machine's Bearer token; staff pages use the session cookie. */
export function getJson(url, token) {
  return request('GET', url, { token });
}

/**
 * POST a JSON body; resolves with the parsed answer, throws ApiError on non-2xx.
 * keepalive lets a small request outlive the page (a release on pagehide);
 * headers adds request headers; authRedirect:
 * false keeps a 401 from leaving the page (the login form).
 */
export function postJson(url, body, { token, idempotencyKey, keepalive, headers, authRedirect } = {}) {
  return request('POST', url, { body, token, idempotencyKey, keepalive, headers, authRedirect });
}

/** PATCH a JSON body (partial update). */
export function patchJson(url, body, { token } = {}) {
  return request('PATCH', url, { body, token });
}

/** PUT a JSON body. */
export function putJson(url, body, { token } = {}) {
  return request('PUT', url, { body, token });
}

/** DELETE url. */
export function deleteJson(url, { token } = {}) {
  return request('DELETE', url, { token });
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


// ---- roles and staff pages ------------------------------------------------

/** Every role, in the order the admin page lists them. */
export const ROLES = ['admin', 'editor', 'operator', 'studio', 'agency'];

export function roleLabel(role) {
  const key = `role.${role}`;
  const s = t(key);
  return s === key ? String(role ?? '') : s;
}

/** The staff pages and the roles that may open them (admin opens every page). */
export const STAFF_PAGES = [
  { id: 'operator', href: '/operator.html', roles: ['operator'], label: 'nav.operator' },
  { id: 'moderation', href: '/moderation.html', roles: ['editor'], label: 'nav.moderation' },
  { id: 'livechat', href: '/livechat.html', roles: ['editor'], label: 'nav.livechat' },
  { id: 'register', href: '/register.html', roles: ['editor'], label: 'nav.register' },
  { id: 'studio', href: '/studio.html', roles: ['studio', 'editor'], label: 'nav.studio' },
  { id: 'programs', href: '/programs.html', roles: ['editor'], label: 'nav.programs' },
  { id: 'reports', href: '/reports.html', roles: ['editor'], label: 'nav.reports' },
  { id: 'notices', href: '/notices.html', roles: ['editor'], label: 'nav.notices' },
  { id: 'agency', href: '/agency.html', roles: ['agency'], label: 'nav.agency' },
  { id: 'admin', href: '/admin.html', roles: ['admin'], label: 'nav.admin' },
];

// Where a role starts its work, most powerful role first.
const HOME_BY_ROLE = [
  ['admin', '/admin.html'],
  ['editor', '/moderation.html'],
  ['operator', '/operator.html'],
  ['studio', '/studio.html'],
  ['agency', '/agency.html'],
];

function rolesOf(user) {
  return Array.isArray(user?.roles) ? user.roles.map((r) => String(r).toLowerCase()) : [];
}

/** May user act with one of roles? Admin may do everything. */
export function hasRole(user, roles = []) {
  const mine = rolesOf(user);
  return mine.includes('admin') || roles.some((r) => mine.includes(r));
}

export function pagesFor(user) {
  return STAFF_PAGES.filter((p) => hasRole(user, p.roles));
}

export function pageForPath(pathname) {
  return STAFF_PAGES.find((p) => p.href === pathname) || null;
}

/** The first page user's roles allow (admin: the admin page), or null (agency: no page yet). */
export function homeFor(user) {
  const mine = rolesOf(user);
  return HOME_BY_ROLE.find(([role]) => mine.includes(role))?.[1] || null;
}

/** Where to go after logging in: next when it is a path of ours this user may open, else their home page. */
export function landingFor(user, next) {
  const safe = safeNextPath(next);
  if (safe) {
    const page = pageForPath(new URL(safe, location.origin).pathname);
    if (!page || hasRole(user, page.roles)) return safe;
  }
  return homeFor(user);
}

// ---- the guard of staff pages ---------------------------------------------

const beforeLogoutListeners = new Set();

/** fn() (may return a promise) runs before "Đăng xuất" ends the session: give back claims, close sockets. */
export function onBeforeLogout(fn) {
  beforeLogoutListeners.add(fn);
  return () => beforeLogoutListeners.delete(fn);
}

/** POST /api/auth/logout after the listeners, then the login page (with ?next= when given). */
export async function logout({ next = null } = {}) {
  const waits = [...beforeLogoutListeners].map((fn) => {
    try {
      return Promise.resolve(fn());
    } catch {
      return null;
    }
  });
  // A listener that hangs must not keep anyone logged in.
  await Promise.race([Promise.allSettled(waits), new Promise((r) => { setTimeout(r, 3000); })]);
  session.redirecting = true; // the 401s of requests still running are expected now
  try {
    await request('POST', '/api/auth/logout', { authRedirect: false });
  } catch {
    // The login page checks /api/auth/me and offers to log out again if the session stayed.
  }
  setSession(null);
  location.replace(loginUrl({ next, reason: 'loggedOut' }));
}

/** Header of a staff page: [data-staff-nav] links, [data-staff-user] with the name and [data-auth-logout]. */
function renderHeader(pageId) {
  const user = session.user;
  const nav = document.querySelector('[data-staff-nav]');
  if (nav) {
    const pages = pagesFor(user);
    const links = pages.map((p) => el('a', {
      href: p.href,
      'data-page': p.id,
      'data-i18n': p.label,
      'aria-current': p.id === pageId ? 'page' : null,
      text: t(p.label),
    }));
    // Keeps an href a page set (the moderation console's studio link carries the episode).
    for (const a of links) {
      const old = nav.querySelector(`a[data-page="${a.dataset.page}"]`);
      if (old) a.setAttribute('href', old.getAttribute('href'));
    }
    nav.replaceChildren(...links);
    nav.hidden = !(pages.length > 1 || (pages.length === 1 && pages[0].id !== pageId));
  }
  const box = document.querySelector('[data-staff-user]');
  if (box && user) {
    const name = box.querySelector('[data-staff-name]');
    if (name) {
      name.replaceChildren(
        el('span', { class: 'visually-hidden', text: t('auth.signedInAs') }),
        el('span', { text: userName(user) }));
      name.title = [user.username, rolesOf(user).map(roleLabel).join(', '), user.agency].filter(Boolean).join(' · ');
    }
    box.hidden = false;
  }
}

function gateNodes(gate) {
  return {
    gate,
    content: document.querySelector('[data-auth-content]'),
  };
}

function showGate({ gate, content }, ...children) {
  if (content) content.hidden = true;
  if (!gate) return;
  gate.replaceChildren(...children.filter(Boolean));
  gate.hidden = false;
}

/** "Không kết nối được…" with a retry button; resolves on the button or after GATE_RETRY_MS. */
function waitForRetry(nodes, err) {
  return new Promise((resolve) => {
    const message = err.network ? t('err.network') : (err.serverMessage || t('err.server'));
    const button = el('button', { type: 'button', class: 'btn btn-primary', text: t('common.retry') });
    const timer = setTimeout(done, GATE_RETRY_MS);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    button.addEventListener('click', done);
    showGate(nodes,
      el('h2', { text: t('auth.checkFailed') }),
      el('p', { class: 'form-alert', role: 'alert', text: message }),
      el('div', { class: 'actions' }, button));
  });
}

function renderForbidden(nodes) {
  const user = session.user;
  const pages = pagesFor(user);
  const switchLink = el('a', {
    class: 'btn btn-primary',
    href: loginUrl({ reason: 'switch' }),
    text: t('auth.switchUser'),
  });
  showGate(nodes,
    el('h2', { tabindex: '-1', text: t('auth.forbiddenTitle') }),
    el('p', {
      text: t('auth.forbiddenText', {
        name: userName(user),
        roles: rolesOf(user).map(roleLabel).join(', ') || t('auth.noRoles'),
      }),
    }),
    pages.length ? el('p', { text: t('auth.yourPages') }) : el('p', { text: t('auth.noPages') }),
    pages.length ? el('ul', { class: 'page-links' }, ...pages.map((p) => el('li', {},
      el('a', { href: p.href, text: t(p.label) })))) : null,
    el('div', { class: 'actions' }, switchLink));
}

/**
 * The guard of a staff page. Checks the session (GET /api/auth/me): nobody
 * logged in → the login page with ?next= back here; a role that does not fit
 * → "Bạn không có quyền mở trang này" in [data-auth-gate]; otherwise the
 * header gets the user's name, "Đăng xuất" and the links of their pages, and
 * [data-auth-content] is shown. Resolves with {user, csrfToken} only when the
 * page may be used (never otherwise, so the page's script simply stops).
 * roles: who may use the page besides admin.
 */
export async function requireStaff({ roles = [], page = pageForPath(location.pathname)?.id } = {}) {
  session.guarded = true;
  const nodes = gateNodes(document.querySelector('[data-auth-gate]'));
  if (nodes.content) nodes.content.hidden = true;
  document.querySelector('[data-auth-logout]')?.addEventListener('click', (e) => {
    e.currentTarget.disabled = true;
    logout();
  });

  let data = null;
  while (!data) {
    try {
      data = await fetchSession();
    } catch (err) {
      await waitForRetry(nodes, err);
      continue;
    }
    if (!data) {
      session.redirecting = true;
      location.replace(loginUrl());
      return new Promise(() => {});
    }
  }

  const allowed = hasRole(session.user, roles);
  renderHeader(page);
  onLangChange(() => {
    renderHeader(page);
    if (!allowed) renderForbidden(nodes);
  });
  if (!allowed) {
    renderForbidden(nodes);
    nodes.gate?.querySelector('h2')?.focus();
    return new Promise(() => {});
  }
  if (nodes.gate) {
    nodes.gate.hidden = true;
    nodes.gate.replaceChildren();
  }
  if (nodes.content) nodes.content.hidden = false;
  return { user: session.user, csrfToken: session.csrfToken };
}
