// The live connection of the moderation, studio and public live pages: JSON
// messages over a WebSocket that reconnects by itself.

import { checkSession, isStaffPage } from './api.js';

const MAX_DELAY_MS = 10000;
// A refused upgrade asks /api/auth/me at most this often.
const SESSION_CHECK_MS = 15000;

// Close codes after which retrying with the same token is pointless.
const CLOSE_UNAUTHORIZED = new Set([4401, 1008]);
const CLOSE_FORBIDDEN = new Set([4403]);
const CLOSE_NOT_FOUND = new Set([4404]);

/**
 * Opens ws(s)://<host><path> offering the 'danhoi' subprotocol. A logged-in
 * staff member is known by the session cookie, which the browser sends with
 * the upgrade (same origin). A machine token (unused by the pages now) would
 * travel as a second subprotocol, 'bearer.<token>', since browsers cannot set
 * headers on a WebSocket.
 * On a staff page (or with staff: true) an upgrade refused before opening
 * makes it ask /api/auth/me: a 401 means the session is over → login page.
 * path may be a function, called before every (re)connection: a page that
 * resumes from the last event it saw puts ?since=<eventId> there.
 *
 * onMessage(obj) gets every JSON message; onStatus(status, detail) gets
 * 'connecting' | 'open' | 'closed', detail = {attempt, everOpened, retryInMs,
 * reason} where reason is 'unauthorized' | 'forbidden' | 'not-found' | 'error'
 * when the socket gave up and will not reconnect.
 * Returns {close(), send(obj), reconnect()}.
 */
export function openSocket(path, { token, onMessage, onStatus, staff = isStaffPage() } = {}) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const urlNow = () => `${scheme}://${location.host}${typeof path === 'function' ? path() : path}`;
  const protocols = token ? ['danhoi', `bearer.${token}`] : ['danhoi'];

  let ws = null;
  let stopped = false;
  let attempt = 0; // failures since the last successful open
  let everOpened = false;
  let timer = null;
  let lastSessionCheck = 0;

  const report = (status, detail = {}) => onStatus?.(status, { attempt, everOpened, ...detail });

  function connect() {
    timer = null;
    if (stopped) return;
    report('connecting');
    let socket;
    try {
      socket = new WebSocket(urlNow(), protocols);
    } catch (cause) {
      // A token with characters a subprotocol cannot hold lands here.
      stopped = true;
      report('closed', { reason: 'error', cause });
      return;
    }
    ws = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      if (socket !== ws) return;
      opened = true;
      attempt = 0;
      everOpened = true;
      report('open');
    });
    socket.addEventListener('message', (ev) => {
      if (stopped || socket !== ws) return;
      let data;
      try {
        data = JSON.parse(ev.data);
      } catch {
        return; // not ours; ignore rather than break the page
      }
      onMessage?.(data);
    });
    socket.addEventListener('close', (ev) => {
      if (socket !== ws) return;
      ws = null;
      if (stopped) return;
      let reason = null;
      if (CLOSE_UNAUTHORIZED.has(ev.code)) reason = 'unauthorized';
      else if (CLOSE_FORBIDDEN.has(ev.code)) reason = 'forbidden';
      else if (CLOSE_NOT_FOUND.has(ev.code)) reason = 'not-found';
      if (reason) {
        stopped = true;
        report('closed', { reason, code: ev.code });
        return;
      }
      // Refused before opening (the browser shows 1006 whatever the status
      // was): maybe the session expired. Retrying goes on meanwhile.
      if (!opened && staff && !token && Date.now() - lastSessionCheck > SESSION_CHECK_MS) {
        lastSessionCheck = Date.now();
        checkSession();
      }
      schedule(ev.code);
    });
    // 'error' is always followed by 'close', where retrying is decided.
  }

  function schedule(code) {
    const delay = Math.min(1000 * 2 ** attempt, MAX_DELAY_MS);
    attempt += 1;
    report('closed', { retryInMs: delay, code });
    timer = setTimeout(connect, delay);
  }

  // Back online: no reason to sit out the rest of the backoff.
  const onOnline = () => {
    if (!stopped && timer) {
      clearTimeout(timer);
      connect();
    }
  };
  globalThis.addEventListener?.('online', onOnline);

  connect();

  return {
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      globalThis.removeEventListener?.('online', onOnline);
      const s = ws;
      ws = null;
      if (s && s.readyState <= 1) s.close(1000);
    },
    send(obj) {
      if (ws && ws.readyState === 1) {
        ws.send(JSON.stringify(obj));
        return true;
      }
      return false;
    },
    reconnect() {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      const s = ws;
      ws = null;
      if (s && s.readyState <= 1) s.close(1000);
      attempt = 0;
      connect();
    },
  };
}
