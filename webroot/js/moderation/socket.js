// The live side: the socket to /ws/moderation/{episodeId}, its connection line,
// the batched redraw after each message, the clock tick and the claim heartbeat,
// and choosing the episode.

import { t } from '../i18n.js';
import { getJson } from '../api.js';
import { openSocket } from '../socket.js';
import { showConnection, staffStatus } from '../page.js';
import { ensureEpisodes } from '../episodes.js';
import { el } from '../ui.js';
import { IN_RUNDOWN, claimKind, claimRenewMs, state, ui } from './state.js';
import { applySnapshot, redrawRow, setItem } from './queue.js';
import { claim, closeDetail, releaseIfMine, renderClaimLine, renderDetail } from './item.js';
import { renderMessage, renderOnAirTimer, renderRundown } from './rundown.js';

// ---- rendering batch ---------------------------------------------------------------

export function renderDatalists() {
  const agencies = new Set();
  const responders = new Set();
  for (const a of state.catalogAgencies) agencies.add(a);
  for (const i of state.items.values()) {
    if (i.agency) agencies.add(i.agency);
    if (i.suggestedAgency) agencies.add(i.suggestedAgency);
    if (i.responder) responders.add(i.responder);
  }
  const key = `${[...agencies].sort().join('\u0000')}\u0001${[...responders].sort().join('\u0000')}`;
  if (key === state.datalistKey) return;
  state.datalistKey = key;
  ui.agencyList.replaceChildren(...[...agencies].sort().map((v) => el('option', { value: v })));
  ui.responderList.replaceChildren(...[...responders].sort().map((v) => el('option', { value: v })));
}

/**
 * Run-down, detail panel and suggestion lists follow the items; what a
 * burst of events touched is redrawn once, on the next frame.
 */
export function scheduleRender({ rundown = true, detail = true, lists = true } = {}) {
  const p = state.pendingRender;
  p.rundown ||= rundown;
  p.detail ||= detail;
  p.lists ||= lists;
  if (state.renderQueued) return;
  state.renderQueued = true;
  requestAnimationFrame(() => {
    state.renderQueued = false;
    const { rundown: r, detail: d, lists: l } = state.pendingRender;
    state.pendingRender = { rundown: false, detail: false, lists: false };
    if (r) renderRundown();
    if (d) renderDetail();
    if (l) renderDatalists();
  });
}

/** What a change of one item means for the run-down, the open panel and the suggestion lists. */
export function touched(id, before, item) {
  const sel = state.selectedId;
  const selected = sel ? state.items.get(sel) : null;
  const detail = Boolean(sel) && (id === sel
    || String(item.mergedInto) === sel || String(before?.mergedInto) === sel
    || String(selected?.mergedInto) === id
    || state.similar.some((x) => String(x.id) === id));
  const rundown = [before?.status, item.status].some((x) => IN_RUNDOWN.has(x) || x === 'on_air');
  // The open item's place in the run-down moves with the others.
  const inRundown = rundown && selected && IN_RUNDOWN.has(selected.status);
  const lists = !before || before.agency !== item.agency || before.responder !== item.responder;
  return { rundown, detail: detail || Boolean(inRundown), lists };
}

/** Every second: the on-air timer, and claims that lapsed (nobody sends an event for that). */
export function tick() {
  renderOnAirTimer();
  for (const id of [...state.claimed]) {
    const item = state.items.get(id);
    const node = state.nodes.get(id);
    if (!item) {
      state.claimed.delete(id);
      continue;
    }
    const kind = claimKind(item) || '';
    if (node && node.dataset.claim !== kind) {
      redrawRow(id);
      scheduleRender();
    }
    if (!kind) state.claimed.delete(id);
  }
  const sel = state.selectedId && state.items.get(state.selectedId);
  if (sel && claimKind(sel) === 'other') renderClaimLine(sel);
}

/** While the editor is at work on the open item, the claim is renewed before it lapses. */
export function heartbeat() {
  const id = state.selectedId;
  const item = id && state.items.get(id);
  if (!item || document.visibilityState !== 'visible') return;
  if (Date.now() - state.lastActivity > state.claimTtlMs) return;
  const kind = claimKind(item);
  if (kind === 'other') return;
  if (kind === 'me' && Date.now() - state.lastClaimAt < claimRenewMs()) return;
  claim(id, { quiet: true });
}

// ---- connection -----------------------------------------------------------------

export function renderConn() {
  showConnection({ box: ui.conn, text: ui.connText }, state.conn, { prefix: 'conn.' });
}

function setConn(status, detail = {}) {
  state.conn = { status, detail };
  renderConn();
}

const ITEM_EVENTS = new Set(['item.new', 'item.updated', 'item.claimed', 'item.released', 'item.merged']);

function onMessage(msg) {
  if (msg?.type === 'snapshot') {
    applySnapshot(msg.items);
    return;
  }
  // several new items at once (the server coalesces them), in arrival order
  if (msg?.type === 'items.new' && Array.isArray(msg.items)) {
    msg.items.forEach((item) => setItem(item, { eventId: null, fresh: true }));
    return;
  }
  if (!ITEM_EVENTS.has(msg?.type)) return;
  const eventId = Number.isFinite(msg.eventId) ? msg.eventId : null;
  if (eventId != null && (state.lastEventId == null || eventId > state.lastEventId)) state.lastEventId = eventId;
  setItem(msg.item, { eventId, fresh: msg.type === 'item.new' });
}

function disconnect() {
  state.socket?.close();
  state.socket = null;
  state.studioSocket?.close();
  state.studioSocket = null;
  setConn('closed', { stopped: true });
}

/**
 * The server refuses an upgrade it will not serve before it happens, and a
 * browser only sees a failed socket. The same check over HTTP tells why,
 * once per connection.
 */
async function diagnose(episodeId) {
  try {
    await getJson(`/api/episodes/${encodeURIComponent(episodeId)}/queue`);
  } catch (err) {
    if (episodeId !== state.episodeId) return;
    // 401 is handled by api.js: the session is over, the login page opens.
    if (err.status === 403 || err.status === 404) {
      disconnect();
      setConn('closed', { reason: err.status === 403 ? 'forbidden' : 'not-found' });
    }
  }
}

/**
 * Where a (re)connection starts: after a snapshot and at least one event,
 * from the last event seen (?since=, no snapshot is sent); otherwise afresh,
 * and the snapshot replaces the list.
 */
function socketPath(episodeId) {
  const base = `/ws/moderation/${encodeURIComponent(episodeId)}`;
  return state.haveSnapshot && state.lastEventId != null ? `${base}?since=${state.lastEventId}` : base;
}

export function connect() {
  disconnect();
  const episodeId = state.episodeId;
  if (!episodeId) return;
  let diagnosed = false;
  // The session cookie goes with the upgrade; no token in the subprotocol.
  state.socket = openSocket(() => socketPath(episodeId), {
    onMessage,
    onStatus: staffStatus((status, detail) => {
      setConn(status, detail);
      if (status === 'closed' && !detail.everOpened && !detail.reason && !diagnosed) {
        diagnosed = true;
        diagnose(episodeId);
      }
    }),
  });
  // The studio's state, for the producer's message as the hosts see it.
  state.studioKnown = false;
  renderMessage();
  state.studioSocket = openSocket(`/ws/studio/${encodeURIComponent(episodeId)}`, {
    onMessage(msg) {
      if (msg?.type !== 'snapshot' && msg?.type !== 'studio.update') return;
      state.studioMessage = msg.message || null;
      state.studioKnown = true;
      renderMessage();
    },
  });
}

// ---- episodes -------------------------------------------------------------------

export function setEpisodeLinks() {
  const link = document.querySelector('[data-staff-nav] a[data-page="studio"]');
  if (!link) return; // an editor always has it; the nav is drawn before the episodes load
  link.href = state.episodeId ? `/studio.html?episode=${encodeURIComponent(state.episodeId)}` : '/studio.html';
}

export async function onReady() {
  if (await ensureEpisodes(state, { select: ui.episode, alert: ui.episodeError, retry: onReady })) {
    setEpisodeLinks();
    connect();
  }
}

/** Before "Đăng xuất": the open item goes back to the board, the sockets close. */
export async function beforeLogout() {
  const id = state.selectedId;
  if (id) await releaseIfMine(id);
  disconnect();
  if (state.selectedId) closeDetail({ release: false });
}
