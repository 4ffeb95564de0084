// Public live page (phone first): the question being answered now and those
// answered, over /ws/live/{episodeId}, each with a "Tôi cũng quan tâm" (+1)
// that counts once per viewer (the server issues and checks a voter cookie).

import { t, getLang, onLangChange, addStrings } from './i18n.js';
import { getJson, postJson } from './api.js';
import { openSocket } from './socket.js';
import { applyChange } from './state-change.js';
import { showConnection } from './page.js';
import { loadEpisodes, defaultEpisodeId, statusLabel } from './episodes.js';
import { formatDate, formatDateTime } from './format.js';
import { el, initPage, urlParam, setUrlParam, keepFocus } from './ui.js';
import { answerCard } from './answer-cards.js';

const SUPPORTED_KEY = 'danhoi.supported';
const SUPPORTED_KEEP = 1000;
const EPISODE_REFRESH_MS = 60000;

const $ = (id) => document.getElementById(id);
const ui = {
  loadStatus: $('load-status'),
  loadError: $('load-error'),
  loadErrorText: $('load-error-text'),
  live: $('live'),
  pageTitle: $('page-title'),
  badges: $('ep-badges'),
  title: $('ep-title'),
  topic: $('ep-topic'),
  conn: $('conn'),
  connText: $('conn-text'),
  onAir: $('onair'),
  onAirNone: $('onair-none'),
  answered: $('answered'),
  answeredCount: $('answered-count'),
  answeredNone: $('answered-none'),
  askLink: $('ask-link'),
};

const state = {
  episodeId: null,
  episode: null,
  onAir: null,
  answered: [],
  known: false, // a snapshot has arrived
  counts: new Map(), // id → count the server answered to our +1
  sending: new Set(), // ids with a +1 in flight
  notes: new Map(), // id → {key, params} shown under the button (rate limit, error)
  blockedUntil: 0,
  conn: { status: 'connecting', detail: {} },
};

// ---- this device ----------------------------------------------------------------

let memorySupported = [];

function supportedIds() {
  try {
    const v = JSON.parse(localStorage.getItem(SUPPORTED_KEY) || '[]');
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return memorySupported;
  }
}

function isSupported(id) {
  return supportedIds().includes(String(id));
}

function rememberSupported(id) {
  const list = supportedIds().filter((x) => x !== String(id));
  list.push(String(id));
  memorySupported = list.slice(-SUPPORTED_KEEP);
  try {
    localStorage.setItem(SUPPORTED_KEY, JSON.stringify(memorySupported));
  } catch {
    // this page only
  }
}

// ---- rendering ----------------------------------------------------------------------

function count(item) {
  const id = String(item.id);
  return Math.max(Number(item.supports) || 0, state.counts.get(id) || 0);
}

function supportBlock(item) {
  const id = String(item.id);
  const done = isSupported(id);
  const sending = state.sending.has(id);
  const n = count(item);
  const countId = `support-count-${id}`;
  const button = el('button', {
    type: 'button',
    class: `btn support-btn${done ? ' is-done' : ''}`,
    dataset: { role: 'support' },
    'aria-pressed': String(done),
    'aria-describedby': countId,
  },
  el('span', { class: 'support-plus', 'aria-hidden': 'true', text: done ? '✓' : '+1' }),
  t(done ? 'live.supported' : 'live.support'));
  button.disabled = done || sending || Date.now() < state.blockedUntil;
  button.addEventListener('click', () => support(item));
  const note = state.notes.get(id);
  return el('div', { class: 'support' },
    button,
    el('span', { id: countId, class: 'support-count', text: t('live.supportCount', { n }) }),
    note ? el('p', { class: 'support-note', role: 'alert', text: note.text ?? t(note.key, note.params) }) : null);
}

function questionCard(item, { onAir = false } = {}) {
  const askers = Number(item.askerCount);
  const who = [item.askerName, item.locality].filter((x) => x && String(x).trim()).join(', ');
  const when = !onAir && item.answeredAt ? formatDateTime(item.answeredAt) : '';
  return el(onAir ? 'div' : 'li', { class: `live-card${onAir ? ' is-on-air' : ''}`, dataset: { id: String(item.id) } },
    el('p', { class: 'live-text', text: item.text || '' }),
    el('p', { class: 'live-who' },
      who ? el('span', { text: `— ${who}` }) : null,
      askers > 1 ? el('span', { class: 'badge badge-askers', text: t('live.askers', { n: askers }) }) : null,
      when ? el('time', { class: 'live-when', datetime: item.answeredAt, text: t('live.answeredAt', { time: when }) }) : null),
    supportBlock(item));
}

// Every +1 anywhere sends every viewer a new state. Cards are therefore kept
// and only their counts change, so a finger on a button is never pulled from
// under it; a card is rebuilt only when what it shows changed.
const cards = new Map(); // 'air:'|'ans:' + id → {node, key, countEl}

function cardFor(item, onAir) {
  const id = String(item.id);
  const slot = `${onAir ? 'air' : 'ans'}:${id}`;
  const key = JSON.stringify([getLang(), item.text, item.askerName, item.locality, item.askerCount, item.answeredAt,
    isSupported(id), state.sending.has(id), state.notes.get(id) || null, Date.now() < state.blockedUntil]);
  let c = cards.get(slot);
  if (!c || c.key !== key) {
    const node = questionCard(item, { onAir });
    c = { node, key, countEl: node.querySelector('.support-count') };
    cards.set(slot, c);
  }
  const text = t('live.supportCount', { n: count(item) });
  if (c.countEl.textContent !== text) c.countEl.textContent = text;
  return c.node;
}

/** Puts nodes in list, touching the DOM only when the order or a card changed. */
function place(list, nodes) {
  const same = list.children.length === nodes.length && nodes.every((n, i) => list.children[i] === n);
  if (!same) keepFocus(list, () => list.replaceChildren(...nodes));
}

function renderLists() {
  if (!state.known) return;
  const onAirNodes = state.onAir ? [cardFor(state.onAir, true)] : [];
  place(ui.onAir, onAirNodes);
  ui.onAirNone.hidden = Boolean(state.onAir);
  // viewers' supports order the board (issue #3); among equals, the latest answer first
  const answered = [...state.answered].sort((a, b) => (Number(b.supports) || 0) - (Number(a.supports) || 0)
    || (Date.parse(b.answeredAt) || 0) - (Date.parse(a.answeredAt) || 0));
  place(ui.answered, answered.map((item) => cardFor(item, false)));
  ui.answeredNone.hidden = answered.length > 0;
  ui.answeredCount.textContent = answered.length ? String(answered.length) : '';
  // Forget cards no longer shown.
  const shown = new Set([...(state.onAir ? [`air:${state.onAir.id}`] : []), ...answered.map((i) => `ans:${i.id}`)]);
  for (const slot of cards.keys()) if (!shown.has(slot)) cards.delete(slot);
}

function renderEpisode() {
  const ep = state.episode;
  if (!ep) return;
  ui.title.textContent = ep.title || '';
  ui.topic.textContent = ep.topic || '';
  ui.topic.hidden = !ep.topic;
  ui.badges.replaceChildren(el('span', {
    class: `badge ${ep.status === 'live' ? 'badge-live' : 'badge-muted'}`, text: statusLabel(ep.status),
  }));
  // an ended show's page is its archive: it says when it was broadcast, never "Trực tiếp"
  const ended = ep.status === 'ended';
  const aired = formatDate(ep.broadcastAt || ep.startsAt);
  ui.pageTitle.removeAttribute('data-i18n');
  ui.pageTitle.textContent = ended && aired ? t('live.title.ended', { date: aired }) : t('live.title');
  document.title = `${ep.title || ''} — ${t(ended ? 'live.docTitle.ended' : 'live.docTitle')}`;
  ui.askLink.href = `/?episode=${encodeURIComponent(state.episodeId)}`;
  ui.askLink.hidden = !ep.intake?.open;
}

function renderConn() {
  showConnection({ box: ui.conn, text: ui.connText }, state.conn, { prefix: 'live.conn.' });
}

// ---- +1 -------------------------------------------------------------------------------

async function support(item) {
  const id = String(item.id);
  if (isSupported(id) || state.sending.has(id)) return;
  const wait = Math.ceil((state.blockedUntil - Date.now()) / 1000);
  if (wait > 0) {
    state.notes.set(id, { key: 'err.rate', params: { n: wait } });
    renderLists();
    return;
  }
  state.sending.add(id);
  state.notes.delete(id);
  renderLists();
  try {
    const res = await fetchSupport(id);
    if (Number.isFinite(res?.supports)) state.counts.set(id, res.supports);
    rememberSupported(id);
  } catch (err) {
    if (err.status === 429 && err.code === 'support.source_limit') {
      state.notes.set(id, { text: err.serverMessage || t('live.supportFailed') });
    } else if (err.status === 429) {
      const n = err.retryAfter || 30;
      state.blockedUntil = Date.now() + n * 1000;
      state.notes.set(id, { key: 'err.rate', params: { n } });
      setTimeout(() => {
        state.notes.delete(id);
        renderLists();
      }, n * 1000 + 50);
    } else if (err.network || !err.status || err.status >= 500) {
      state.notes.set(id, { key: err.network ? 'err.network' : 'live.supportFailed' });
    } else {
      state.notes.set(id, { text: err.serverMessage || t('live.supportFailed') });
    }
  } finally {
    state.sending.delete(id);
    renderLists();
  }
}

/** POST /api/items/{id}/support; the voter cookie (same origin) makes a repeat return the same count. */
function fetchSupport(id) {
  return postJson(`/api/items/${encodeURIComponent(id)}/support`, {});
}

// ---- live state ----------------------------------------------------------------------------

// the public state as the socket last told it: a snapshot, then numbered changes
let shown = { version: null, onAir: null, answered: [] };
let socket = null;

function onMessage(msg) {
  if (msg?.type === 'snapshot') {
    shown = { version: msg.version, onAir: msg.onAir, answered: msg.answered };
  } else if (msg?.type === 'live.change') {
    if (!applyChange(shown, msg)) {
      // a change before the snapshot is already in it; one after a gap needs a fresh snapshot
      if (typeof shown.version === 'number' && msg.version > shown.version) socket?.reconnect();
      return;
    }
  } else {
    return;
  }
  state.onAir = shown.onAir && typeof shown.onAir === 'object' ? shown.onAir : null;
  state.answered = Array.isArray(shown.answered) ? shown.answered : [];
  state.known = true;
  renderLists();
}

function connect() {
  socket = openSocket(`/ws/live/${encodeURIComponent(state.episodeId)}`, {
    onMessage,
    onStatus(status, detail) {
      // a new connection's changes are numbered from its own snapshot
      if (status === 'connecting') shown.version = null;
      state.conn = { status, detail };
      renderConn();
    },
  });
}

async function loadEpisode() {
  let id = urlParam('episode');
  try {
    if (!id) {
      const episodes = await loadEpisodes();
      id = defaultEpisodeId(episodes.filter((e) => e.status === 'live'), null);
      if (!id) {
        showError(t('live.noEpisode'));
        return false;
      }
      setUrlParam('episode', id);
    }
    state.episodeId = id;
    state.episode = await getJson(`/api/episodes/${encodeURIComponent(id)}`);
  } catch (err) {
    showError(err.status === 404 ? (err.serverMessage || t('live.notFound')) : t('live.loadFailed'));
    if (err.status !== 404) setTimeout(start, 10000);
    return false;
  }
  return true;
}

function showError(message) {
  ui.loadStatus.hidden = true;
  ui.loadErrorText.textContent = message;
  ui.loadError.hidden = false;
}

// ---- archive of a past episode: answered on air, answered after (published), pending ----------

addStrings({
  vi: { 'arc.onAir': 'Đã trả lời tại chương trình', 'arc.after': 'Đã trả lời sau chương trình',
    'arc.pending': 'Đang chờ trả lời', 'arc.unreviewed': 'và {n} ý kiến đang được Ban Biên tập xem xét' },
  en: { 'arc.onAir': 'Answered on air', 'arc.after': 'Answered after the show', 'arc.pending': 'Awaiting an answer',
    'arc.unreviewed': 'and {n} more being reviewed by the editors' },
});

let archive = null;

function renderArchive() {
  if (!archive) return;
  const fill = (key, group) => {
    $(`arc-${key}`).replaceChildren(...group.items.map((i) => answerCard(i)));
    $(`arc-${key}-count`).textContent = String(group.count);
  };
  fill('air', archive.answeredOnAir);
  fill('after', archive.answeredAfter);
  fill('pending', archive.pending);
  if (archive.pending.unreviewed) {
    $('arc-pending').append(el('li', { class: 'muted', text: t('arc.unreviewed', { n: archive.pending.unreviewed }) }));
  }
}

async function showArchive() {
  try {
    archive = await getJson(`/api/public/episodes/${encodeURIComponent(state.episodeId)}/archive`);
  } catch {
    showError(t('live.loadFailed'));
    return;
  }
  ui.loadStatus.hidden = true;
  ui.live.hidden = false;
  for (const id of ['conn', 'onair-heading', 'onair', 'onair-none', 'answered-heading', 'answered', 'answered-none']) {
    $(id).hidden = true;
  }
  $('archive').hidden = false;
  renderEpisode();
  renderArchive();
}

let started = false;
async function start() {
  if (started) return;
  if (!(await loadEpisode())) return;
  started = true;
  if (state.episode.status === 'ended') {
    await showArchive();
    return;
  }
  ui.loadStatus.hidden = true;
  ui.loadError.hidden = true;
  ui.live.hidden = false;
  renderEpisode();
  renderConn();
  connect();
  // The title and on-air status change seldom; a quiet refresh keeps the badge right.
  setInterval(async () => {
    if (document.visibilityState !== 'visible') return;
    try {
      state.episode = await getJson(`/api/episodes/${encodeURIComponent(state.episodeId)}`);
      renderEpisode();
    } catch {
      // kept as it was
    }
  }, EPISODE_REFRESH_MS);
}

// ---- wiring ---------------------------------------------------------------------------------

initPage();

onLangChange(() => {
  renderArchive();
  renderEpisode();
  renderConn();
  renderLists();
});

// Another tab of this device may have supported a question meanwhile.
window.addEventListener('storage', (e) => {
  if (e.key === SUPPORTED_KEY) renderLists();
});

start();
