// Moderation console, first step: the live queue of one episode, every
// channel, as it arrives over /ws/moderation/{episodeId}.

import { t, onLangChange } from './i18n.js';
import { getJson, staffToken, initStaffAuth, signalUnauthorized } from './api.js';
import { openSocket } from './socket.js';
import { loadEpisodes, fillEpisodeSelect, defaultEpisodeId } from './episodes.js';
import { formatTime, foldAccents } from './format.js';
import { el, initPage, showAlert, hideAlert, urlParam, setUrlParam } from './ui.js';

const CHANNELS = {
  hotline: { icon: '☎', key: 'channel.hotline' },
  sms: { icon: '✉', key: 'channel.sms' },
  web: { icon: '🌐', key: 'channel.web' },
};
const HIGHLIGHT_MS = 6000;
// Without ever opening, this many failed attempts most likely mean a refused token.
const FAILING_AFTER = 3;

const $ = (id) => document.getElementById(id);
const ui = {
  content: document.querySelector('[data-auth-content]'),
  episode: $('episode'),
  episodeError: $('episode-error'),
  conn: $('conn'),
  connText: $('conn-text'),
  channelButtons: [...document.querySelectorAll('[data-channel]')],
  counts: Object.fromEntries([...document.querySelectorAll('[data-count]')].map((n) => [n.dataset.count, n])),
  search: $('search'),
  showing: $('showing'),
  queue: $('queue'),
};

const state = {
  episodes: [],
  episodesLoaded: false,
  episodeId: null,
  socket: null,
  conn: { status: 'closed', detail: { stopped: true } },
  items: new Map(), // id → item
  order: [], // ids, newest first
  nodes: new Map(), // id → <li>
  haystacks: new Map(), // id → folded searchable text
  channel: '',
  terms: [],
};

// ---- rows -----------------------------------------------------------------------

function haystack(item) {
  return foldAccents([
    item.text, item.askerName, item.locality, item.field, item.agency,
    item.phone, item.email, item.notes, item.callbackPhone,
  ].filter(Boolean).join(' \u0000 '));
}

function statusText(status) {
  const key = `mod.status.${status}`;
  const s = t(key);
  return s === key ? String(status) : s;
}

function row(item) {
  const ch = CHANNELS[item.channel] || { icon: '•', key: null };
  const head = el('div', { class: 'q-head' },
    el('span', { class: 'ch-label' },
      el('span', { 'aria-hidden': 'true', text: ch.icon }), ' ',
      ch.key ? t(ch.key) : String(item.channel ?? '')),
    el('time', { class: 'q-time', datetime: item.receivedAt || null, text: formatTime(item.receivedAt) }),
    item.readyForAir ? el('span', { class: 'badge badge-ready', text: t('mod.ready') }) : null,
    Number(item.askerCount) > 1 ? el('span', { class: 'badge', text: t('mod.askers', { n: item.askerCount }) }) : null,
    item.status && item.status !== 'received'
      ? el('span', { class: 'badge badge-muted', text: statusText(item.status) }) : null);

  const who = el('p', { class: 'q-who' },
    el('strong', { text: item.askerName || t('mod.anonymous') }));
  const add = (node) => {
    who.append(el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }), node);
  };
  if (item.locality) add(el('span', { text: item.locality }));
  const contact = [item.phone, item.email].filter(Boolean).join(' / ');
  if (contact) add(el('span', { class: 'q-contact', text: contact }));

  const meta = [
    item.field && t('mod.field', { v: item.field }),
    item.agency && t('mod.agency', { v: item.agency }),
    item.callbackPhone && t('mod.callback', { v: item.callbackPhone }),
    item.notes && t('mod.notes', { v: item.notes }),
  ].filter(Boolean);

  return el('li', { class: 'q-item', dataset: { id: String(item.id), channel: String(item.channel ?? '') } },
    head,
    who,
    el('p', { class: 'q-text', text: item.text || '' }),
    meta.length ? el('p', { class: 'q-meta' }, ...meta.map((m) => el('span', { text: m }))) : null);
}

function matches(id) {
  const item = state.items.get(id);
  if (state.channel && item.channel !== state.channel) return false;
  const hay = state.haystacks.get(id);
  return state.terms.every((term) => hay.includes(term));
}

function highlight(node) {
  node.classList.add('is-new');
  setTimeout(() => node.classList.remove('is-new'), HIGHLIGHT_MS);
}

function renderSummary() {
  const counts = { all: state.order.length, hotline: 0, sms: 0, web: 0 };
  let shown = 0;
  for (const id of state.order) {
    const ch = state.items.get(id).channel;
    if (ch in counts) counts[ch] += 1;
    if (!state.nodes.get(id).hidden) shown += 1;
  }
  for (const [name, node] of Object.entries(ui.counts)) node.textContent = String(counts[name] ?? 0);
  if (!state.order.length) ui.showing.textContent = state.episodeId ? t('mod.empty') : '';
  else if (!shown) ui.showing.textContent = t('mod.noMatch');
  else ui.showing.textContent = t('mod.showing', { shown, total: state.order.length });
}

function renderAll() {
  state.nodes.clear();
  const nodes = state.order.map((id) => {
    const node = row(state.items.get(id));
    node.hidden = !matches(id);
    state.nodes.set(id, node);
    return node;
  });
  ui.queue.replaceChildren(...nodes);
  renderSummary();
}

function applyFilter() {
  for (const id of state.order) state.nodes.get(id).hidden = !matches(id);
  renderSummary();
}

function clearQueue() {
  state.items.clear();
  state.order = [];
  state.haystacks.clear();
  renderAll();
}

function validItem(item) {
  if (!item || item.id == null) return false;
  // A message for another episode (a late one from a closed socket) is not ours.
  return item.episodeId == null || state.episodeId == null || String(item.episodeId) === state.episodeId;
}

/** The snapshot replaces everything: it is what a (re)connection starts from. */
function applySnapshot(items) {
  const list = (Array.isArray(items) ? items : []).filter(validItem);
  const at = (x) => {
    const v = Date.parse(x.receivedAt);
    return Number.isNaN(v) ? 0 : v;
  };
  const seq = (x) => (Number.isFinite(x.seq) ? x.seq : null);
  // Newest first: by the server's arrival sequence when both have one, else
  // by time; on a tie the later entry of the snapshot is the newer.
  const indexed = list.map((item, i) => ({ item, i }));
  indexed.sort((a, b) => {
    const sa = seq(a.item);
    const sb = seq(b.item);
    if (sa != null && sb != null && sa !== sb) return sb - sa;
    return at(b.item) - at(a.item) || b.i - a.i;
  });
  state.items.clear();
  state.haystacks.clear();
  state.order = [];
  for (const { item } of indexed) {
    const id = String(item.id);
    if (state.items.has(id)) continue;
    state.items.set(id, item);
    state.haystacks.set(id, haystack(item));
    state.order.push(id);
  }
  renderAll();
}

/** A new item goes on top; one already listed is updated where it is. */
function upsert(item) {
  if (!validItem(item)) return;
  const id = String(item.id);
  const known = state.items.has(id);
  state.items.set(id, item);
  state.haystacks.set(id, haystack(item));
  const node = row(item);
  node.hidden = !matches(id);
  if (known) {
    state.nodes.get(id).replaceWith(node);
  } else {
    state.order.unshift(id);
    ui.queue.prepend(node);
  }
  state.nodes.set(id, node);
  highlight(node);
  renderSummary();
}

// ---- connection -----------------------------------------------------------------

function renderConn() {
  const { status, detail } = state.conn;
  let key;
  if (status === 'open') key = 'conn.open';
  else if (status === 'connecting') key = 'conn.connecting';
  else if (detail.reason === 'forbidden' || detail.reason === 'not-found') key = 'conn.forbidden';
  else if (detail.stopped || detail.reason) key = 'conn.stopped';
  else if (!detail.everOpened && detail.attempt >= FAILING_AFTER) key = 'conn.failing';
  else key = 'conn.closed';
  ui.conn.dataset.status = status;
  ui.connText.dataset.i18n = key;
  ui.connText.textContent = t(key);
}

function setConn(status, detail = {}) {
  state.conn = { status, detail };
  renderConn();
}

function onMessage(msg) {
  switch (msg?.type) {
    case 'snapshot':
      applySnapshot(msg.items);
      break;
    case 'item.new':
    case 'item.updated':
      upsert(msg.item);
      break;
    default:
      // other events belong to later moderation features
  }
}

function disconnect() {
  state.socket?.close();
  state.socket = null;
  setConn('closed', { stopped: true });
}

/**
 * The server refuses a bad token before the upgrade, and a browser only sees
 * a failed socket. The same check over HTTP tells why, once per connection.
 */
async function diagnose(episodeId, token) {
  try {
    await getJson(`/api/episodes/${encodeURIComponent(episodeId)}/queue`, token);
  } catch (err) {
    if (episodeId !== state.episodeId) return;
    // 401 is handled by api.js: token prompt, then onLogout disconnects.
    if (err.status === 403 || err.status === 404) {
      disconnect();
      setConn('closed', { reason: err.status === 403 ? 'forbidden' : 'not-found' });
    }
  }
}

function connect() {
  disconnect();
  const token = staffToken();
  const episodeId = state.episodeId;
  if (!token || !episodeId) return;
  let diagnosed = false;
  state.socket = openSocket(`/ws/moderation/${encodeURIComponent(episodeId)}`, {
    token,
    onMessage,
    onStatus(status, detail) {
      if (detail.reason === 'unauthorized') {
        signalUnauthorized(); // shows the token prompt; onLogout disconnects
        return;
      }
      setConn(status, detail);
      if (status === 'closed' && !detail.everOpened && !detail.reason && !diagnosed) {
        diagnosed = true;
        diagnose(episodeId, token);
      }
    },
  });
}

// ---- episodes -------------------------------------------------------------------

async function ensureEpisodes() {
  if (state.episodesLoaded) return true;
  hideAlert(ui.episodeError);
  try {
    state.episodes = await loadEpisodes();
  } catch {
    showAlert(ui.episodeError, t('op.loadFailed'));
    // Retried while signed in: a moderator may not be watching the screen.
    setTimeout(() => {
      if (staffToken() && !state.episodesLoaded) onToken();
    }, 10000);
    return false;
  }
  state.episodesLoaded = true;
  state.episodeId = defaultEpisodeId(state.episodes, urlParam('episode'));
  fillEpisodeSelect(ui.episode, state.episodes, state.episodeId);
  if (!state.episodes.length) showAlert(ui.episodeError, t('op.noEpisodes'), 'info');
  else setUrlParam('episode', state.episodeId);
  return true;
}

async function onToken() {
  if (await ensureEpisodes()) connect();
}

// ---- wiring ---------------------------------------------------------------------

initPage();
renderConn();

ui.episode.addEventListener('change', () => {
  state.episodeId = ui.episode.value || null;
  setUrlParam('episode', state.episodeId);
  clearQueue();
  connect();
});

for (const button of ui.channelButtons) {
  button.addEventListener('click', () => {
    state.channel = button.dataset.channel;
    for (const b of ui.channelButtons) b.setAttribute('aria-pressed', String(b === button));
    applyFilter();
  });
}

ui.search.addEventListener('input', () => {
  state.terms = foldAccents(ui.search.value).split(/\s+/).filter(Boolean);
  applyFilter();
});

onLangChange(() => {
  fillEpisodeSelect(ui.episode, state.episodes, state.episodeId);
  renderAll();
  renderConn();
});

initStaffAuth({ onToken, onLogout: disconnect });
