// Studio display for the hosts: the question on air in very large type, its
// clock (counting down the minutes the run-down allots it, then the overtime;
// counting up, labelled so, when none are allotted), the next three (an
// editor's "next", else the shortlist in run-down order, as the server
// decides), and the producer's message, over
// /ws/studio/{episodeId}. Only the fields the studio feed carries are shown
// (text as edited, given name, locality, channel, askers, responder): never
// a phone number or an address.

import { t, onLangChange } from './i18n.js';
import { getJson, requireStaff, onBeforeLogout } from './api.js';
import { openSocket } from './socket.js';
import { showConnection, staffStatus } from './page.js';
import { loadEpisodes, defaultEpisodeId } from './episodes.js';
import { formatDateTime, formatElapsed } from './format.js';
import { el, initPage, showAlert, hideAlert, urlParam, setUrlParam } from './ui.js';
import { channelIconNode, channelLabel } from './catalog.js';

const NEXT_SHOWN = 3;
// Font sizes (px) the current question may take, largest first; the text is
// fitted into its box so a long question shrinks rather than overflows.
const TEXT_MAX_PX = 96;
const TEXT_MIN_PX = 36;
const CURSOR_IDLE_MS = 3000;

const $ = (id) => document.getElementById(id);
const ui = {
  episodeTitle: $('episode-title'),
  episodeError: $('episode-error'),
  conn: $('conn'),
  connText: $('conn-text'),
  fullscreen: $('fullscreen'),
  message: $('message'),
  messageText: $('message-text'),
  timerBox: $('timer-box'),
  timerLabel: $('timer-label'),
  timer: $('timer'),
  current: $('current'),
  currentChannel: $('current-channel'),
  currentAskers: $('current-askers'),
  currentFit: $('current-fit'),
  currentText: $('current-text'),
  currentAsker: $('current-asker'),
  currentResponder: $('current-responder'),
  currentNone: $('current-none'),
  nextList: $('next-list'),
  nextNone: $('next-none'),
};

const state = {
  episodeId: null,
  episode: null,
  socket: null,
  conn: { status: 'closed', detail: { stopped: true } },
  onAir: null, // allottedMinutes: what the run-down gives it, null for none
  next: [],
  message: null,
  skewMs: 0, // local clock minus server clock, learnt when a question goes on air
  fittedFor: '',
  wakeLock: null,
};

// ---- rendering --------------------------------------------------------------------

/** "— Hoa, xã Tân Phú": given name and locality, whichever are known. */
function askerLine(item) {
  const parts = [item.askerName, item.locality].filter((x) => x && String(x).trim());
  return parts.length ? `— ${parts.join(', ')}` : '';
}

function channelNode(item) {
  return [channelIconNode(item.channel, 'studio-icon'), ' ', channelLabel(item.channel)];
}

/**
 * Counts down the allotted minutes, then shows the overtime as "+mm:ss" in the
 * warning colour; with no allotment, counts up and says so.
 */
function renderTimer() {
  const at = Date.parse(state.onAir?.onAirAt);
  ui.timerBox.hidden = !state.onAir || Number.isNaN(at);
  if (ui.timerBox.hidden) return;
  const elapsed = Date.now() - state.skewMs - at;
  const allotted = Number(state.onAir.allottedMinutes);
  let mode = 'up';
  let text = formatElapsed(elapsed);
  if (allotted > 0) {
    const left = allotted * 60000 - elapsed;
    // a second counts as over only once it has passed, so the clock reads 00:00 before +00:01
    mode = left <= -1000 ? 'over' : 'left';
    text = mode === 'over' ? `+${formatElapsed(-left)}` : formatElapsed(left + 999);
  }
  if (ui.timerBox.dataset.mode !== mode) {
    ui.timerBox.dataset.mode = mode;
    ui.timerLabel.textContent = t(`studio.timer.${mode}`, { n: allotted });
  }
  ui.timerBox.dataset.allotted = allotted > 0 ? String(allotted) : '';
  if (ui.timer.textContent !== text) ui.timer.textContent = text;
}

/** Largest font size at which the question fits its box (binary search on whole pixels). */
function fitText() {
  const box = ui.currentFit;
  const text = ui.currentText;
  if (ui.current.hidden || !box.clientHeight) return;
  let lo = TEXT_MIN_PX;
  let hi = TEXT_MAX_PX;
  const fits = (px) => {
    text.style.fontSize = `${px}px`;
    return text.scrollHeight <= box.clientHeight && text.scrollWidth <= box.clientWidth;
  };
  if (fits(hi)) return;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  fits(lo);
}

function renderCurrent() {
  const item = state.onAir;
  ui.current.hidden = !item;
  ui.currentNone.hidden = Boolean(item);
  document.body.classList.toggle('is-on-air', Boolean(item));
  if (item) {
    ui.currentChannel.replaceChildren(...channelNode(item));
    const askers = Number(item.askerCount);
    ui.currentAskers.hidden = !(askers > 1);
    ui.currentAskers.textContent = askers > 1 ? t('studio.askers', { n: askers }) : '';
    ui.currentText.textContent = item.text || '';
    ui.currentAsker.textContent = askerLine(item);
    ui.currentResponder.hidden = !item.responder;
    ui.currentResponder.textContent = item.responder ? t('studio.responder', { v: item.responder }) : '';
    const key = `${item.id}\u0000${item.text}\u0000${ui.currentFit.clientWidth}x${ui.currentFit.clientHeight}`;
    if (key !== state.fittedFor) {
      state.fittedFor = key;
      fitText();
    }
  } else {
    state.fittedFor = '';
  }
  renderTimer();
}

function renderNext() {
  const list = state.next.slice(0, NEXT_SHOWN);
  ui.nextList.replaceChildren(...list.map((item, i) => {
    const askers = Number(item.askerCount);
    return el('li', { class: 'studio-next-item' },
      el('span', { class: 'studio-next-pos', 'aria-hidden': 'true', text: String(i + 1) }),
      el('div', { class: 'studio-next-body' },
        el('p', { class: 'studio-next-text', text: item.text || '' }),
        el('p', { class: 'studio-next-meta' },
          el('span', { class: `studio-next-by studio-next-by-${item.status === 'next' ? 'editor' : 'shortlist'}`,
            text: t(item.status === 'next' ? 'studio.nextBy.editor' : 'studio.nextBy.shortlist') }),
          el('span', { class: 'studio-channel' }, ...channelNode(item)),
          Number(item.allottedMinutes) > 0 ? el('span', { text: t('studio.minutes', { n: item.allottedMinutes }) }) : null,
          askerLine(item) ? el('span', { text: askerLine(item) }) : null,
          askers > 1 ? el('span', { class: 'studio-askers', text: t('studio.askers', { n: askers }) }) : null,
          item.responder ? el('span', { class: 'studio-next-responder', text: t('studio.responder', { v: item.responder }) }) : null)));
  }));
  ui.nextNone.hidden = list.length > 0;
}

function renderMessage() {
  const m = state.message && String(state.message).trim();
  ui.message.hidden = !m;
  ui.messageText.textContent = m || '';
}

function renderAll() {
  // The message band and the next-up list take their room first; the
  // question is then fitted into what is left.
  renderMessage();
  renderNext();
  renderCurrent();
}

// ---- state from the socket ----------------------------------------------------------

function onMessage(msg) {
  if (msg?.type !== 'snapshot' && msg?.type !== 'studio.update') return;
  const onAir = msg.onAir && typeof msg.onAir === 'object' ? msg.onAir : null;
  // A question that went on air just now was stamped by the server a moment
  // ago: a large difference is the display PC's clock, not the network.
  if (msg.type === 'studio.update' && onAir && onAir.id !== state.onAir?.id) {
    const lag = Date.now() - Date.parse(onAir.onAirAt);
    if (!Number.isNaN(lag)) state.skewMs = Math.abs(lag) > 2000 ? lag : 0;
  }
  state.onAir = onAir;
  state.next = Array.isArray(msg.next) ? msg.next : [];
  state.message = msg.message ?? null;
  renderAll();
}

// ---- connection -----------------------------------------------------------------------

function renderConn() {
  // Not started (before the session check): nothing to report.
  showConnection({ box: ui.conn, text: ui.connText }, state.conn, { prefix: 'studio.conn.', hideWhenStopped: true });
}

function setConn(status, detail = {}) {
  state.conn = { status, detail };
  renderConn();
}

function disconnect() {
  state.socket?.close();
  state.socket = null;
  setConn('closed', { stopped: true });
}

function connect() {
  disconnect();
  const episodeId = state.episodeId;
  if (!episodeId) return;
  // The session cookie identifies the display; no token in the subprotocol.
  state.socket = openSocket(`/ws/studio/${encodeURIComponent(episodeId)}`, {
    onMessage,
    onStatus: staffStatus(setConn),
  });
}

// ---- episode ----------------------------------------------------------------------------

function renderEpisode() {
  // the hosts' screen names the program and episode in its own header line: no separate strip above the
  // question, whose height the 720p screen cannot spare
  const when = formatDateTime(state.episode?.broadcastAt || state.episode?.startsAt);
  ui.episodeTitle.textContent = [state.episode?.programName, state.episode?.title, when].filter(Boolean).join(' · ');
  document.title = state.episode?.title ? `${t('studio.title')} — ${state.episode.title}` : t('studio.docTitle');
}

async function resolveEpisode() {
  if (state.episodeId) return true;
  hideAlert(ui.episodeError);
  let id = urlParam('episode');
  try {
    if (!id) {
      id = defaultEpisodeId(await loadEpisodes(), null);
      if (!id) {
        showAlert(ui.episodeError, t('studio.noEpisode'), 'info');
        return false;
      }
      setUrlParam('episode', id);
    }
    state.episode = await getJson(`/api/episodes/${encodeURIComponent(id)}`);
  } catch (err) {
    showAlert(ui.episodeError, err.status === 404 ? (err.serverMessage || t('live.notFound')) : t('live.loadFailed'));
    if (err.status !== 404) setTimeout(onReady, 10000);
    return false;
  }
  state.episodeId = id;
  renderEpisode();
  return true;
}

async function onReady() {
  if (await resolveEpisode()) connect();
}

// ---- a screen, not a page ------------------------------------------------------------------

async function keepAwake() {
  try {
    if (document.visibilityState === 'visible' && navigator.wakeLock && !state.wakeLock) {
      state.wakeLock = await navigator.wakeLock.request('screen');
      state.wakeLock.addEventListener('release', () => { state.wakeLock = null; });
    }
  } catch {
    // not granted: the screen's own settings apply
  }
}

function renderFullscreenButton() {
  ui.fullscreen.hidden = !document.fullscreenEnabled || Boolean(document.fullscreenElement);
}

let idleTimer = null;
function wakeCursor() {
  document.body.classList.remove('cursor-idle');
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => document.body.classList.add('cursor-idle'), CURSOR_IDLE_MS);
}

// ---- wiring ------------------------------------------------------------------------------

initPage();
renderConn();
renderAll();

ui.fullscreen.addEventListener('click', () => {
  document.documentElement.requestFullscreen?.().catch(() => {});
});
document.addEventListener('fullscreenchange', renderFullscreenButton);
renderFullscreenButton();

// The question's box changes with the window, the message band and the
// next-up list; the text is fitted again whenever it does.
let refit = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(refit);
  refit = requestAnimationFrame(() => renderCurrent());
}).observe(ui.currentFit);
document.addEventListener('mousemove', wakeCursor, { passive: true });
document.addEventListener('visibilitychange', keepAwake);
keepAwake();
wakeCursor();

setInterval(renderTimer, 250);

onLangChange(() => {
  ui.timerBox.dataset.mode = '';
  renderConn();
  renderEpisode();
  state.fittedFor = '';
  renderAll();
});

onBeforeLogout(disconnect);
requireStaff({ roles: ['studio', 'editor'] }).then(onReady);
