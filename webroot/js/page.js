// The small pieces every staff page shows the same way: a passing confirmation
// (flash), a live socket's connection line, and a failed request in the page alert.

import { t } from './i18n.js';
import { showAlert } from './ui.js';
import { signalUnauthorized } from './api.js';

// Long enough to read a sentence twice; pages that keep the last confirmation pass 0.
export const FLASH_MS = 8000;

/**
 * Shows a short confirmation in node and clears it after ms (0: it stays until the
 * next flash). A new flash restarts the clock, so one message never erases the next.
 */
export function flash(node, message, ms = FLASH_MS) {
  node.textContent = message;
  clearTimeout(node.clearTimer);
  if (ms > 0 && message) node.clearTimer = setTimeout(() => { node.textContent = ''; }, ms);
}

/** Failures since the last open before the line says "cannot connect" rather than "retrying". */
const FAILING_AFTER = 3;

/**
 * What a socket's state means to the person watching, from openSocket()'s onStatus:
 * open, connecting (first try), closed (lost, retrying), failing (never opened after
 * several tries), forbidden (the server refused this account), stopped (given up).
 */
export function connectionState(status, detail = {}) {
  if (status === 'open') return 'open';
  if (detail.reason === 'forbidden' || detail.reason === 'not-found') return 'forbidden';
  if (status === 'closed' && (detail.stopped || detail.reason)) return 'stopped';
  if (!detail.everOpened && detail.attempt >= FAILING_AFTER) return 'failing';
  if (detail.everOpened || detail.attempt) return 'closed';
  return 'connecting';
}

// A page that has no words of its own for a state says the nearest one it has.
const FALLBACK = { forbidden: 'stopped', stopped: 'closed', failing: 'closed' };

/**
 * Draws the connection line: box (the .conn element) gets data-status open |
 * connecting | closed for its dot, text gets the page's words for the state, keyed
 * prefix + state ('conn.open', 'studio.conn.failing'…) and kept in data-i18n so a
 * language switch redraws it. hideWhenStopped: a page whose socket was never started
 * (studio before its session check) shows nothing rather than "disconnected".
 */
export function showConnection({ box, text }, { status, detail = {} }, { prefix = 'conn.', hideWhenStopped = false } = {}) {
  let state = connectionState(status, detail);
  while (FALLBACK[state] && t(prefix + state) === prefix + state) state = FALLBACK[state];
  if (hideWhenStopped) box.hidden = status === 'closed' && Boolean(detail.stopped) && !detail.reason;
  box.dataset.status = state === 'open' || state === 'connecting' ? state : 'closed';
  text.dataset.i18n = prefix + state;
  text.textContent = t(prefix + state);
}

/**
 * An onStatus for openSocket() on a staff page: a lapsed session ends at the login
 * page; every other state goes to show(status, detail).
 */
export function staffStatus(show) {
  return (status, detail) => {
    if (detail.reason === 'unauthorized') signalUnauthorized();
    else show(status, detail);
  };
}

/**
 * Shows a failed request (an ApiError from api.js, or any error) in the page alert
 * and moves focus there so a screen reader reads it: the network's words when the
 * server could not be reached, else the server's own message, else the page's
 * fallback key.
 */
export function showFailure(alertEl, err, { fallback = 'err.generic', network = 'err.network', focus = true } = {}) {
  showAlert(alertEl, err?.network ? t(network) : err?.serverMessage || t(fallback));
  if (focus) alertEl.focus?.();
}
