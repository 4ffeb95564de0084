// Moderation console: the live queue of one episode from every channel, and
// the editorial board's work on it (claim, edit, categorise, merge, reject,
// shortlist, order the run-down, put on air, mark answered, defer) over
// /ws/moderation/{episodeId}, with the studio's message beside it.

import { t, onLangChange } from './i18n.js';
import './plan-strings.js';
import { getJson, postJson, requireStaff, signalUnauthorized, onBeforeLogout, actorOf } from './api.js';
import { openSocket } from './socket.js';
import { flash, showConnection } from './page.js';
import { loadEpisodes, fillEpisodeSelect, defaultEpisodeId } from './episodes.js';
import { formatTime, formatDateTime, formatElapsed, foldAccents, cleanText, textLength, telHref } from './format.js';
import {
  el, initPage, showAlert, hideAlert, clearFieldErrors, clearErrorsOnEdit, showFieldErrors, reportSubmitError,
  urlParam, setUrlParam, keepFocus,
} from './ui.js';
import {
  FIELDS, fieldLabel, CHANNELS, channelLabel, STATUSES, CLOSED_STATUSES, itemStatusLabel, REJECT_REASONS,
  rejectReasonLabel, suggestField,
} from './catalog.js';

const HIGHLIGHT_MS = 6000;
// Without ever opening, this many failed attempts most likely mean a refused session.
// The server lets an editor's claim lapse this long after claimedAt.
const CLAIM_TTL_MS = 2 * 60 * 1000;
// While the editor works on the open item, the claim is renewed this often.
const CLAIM_RENEW_MS = 50 * 1000;
const STATUS_CLEAR_MS = 5000;
const REJECT_CONFIRM_MS = 5000;
const MAX_TEXT = 2000;
const NO_FIELD = '__none';
const OPEN_FILTER = '__open';
const IN_RUNDOWN = new Set(['shortlisted', 'next']);

const $ = (id) => document.getElementById(id);
const ui = {
  episode: $('episode'),
  episodeError: $('episode-error'),
  conn: $('conn'),
  connText: $('conn-text'),
  channelButtons: [...document.querySelectorAll('[data-channel]')],
  counts: Object.fromEntries([...document.querySelectorAll('[data-count]')].map((n) => [n.dataset.count, n])),
  fStatus: $('f-status'),
  fField: $('f-field'),
  search: $('search'),
  serverSearch: $('server-search'),
  serverSearchText: $('server-search-text'),
  serverSearchClear: $('server-search-clear'),
  showing: $('showing'),
  queue: $('queue'),

  detail: $('detail'),
  detailHeading: $('detail-heading'),
  detailEmpty: $('detail-empty'),
  form: $('detail-form'),
  alert: $('detail-alert'),
  status: $('detail-status'),
  head: $('d-head'),
  claim: $('d-claim'),
  claimBtn: $('d-claim-btn'),
  release: $('d-release'),
  close: $('d-close'),
  asker: $('d-asker'),
  original: $('d-original'),
  merged: $('d-merged'),
  mergedText: $('d-merged-text'),
  openTarget: $('d-open-target'),
  unmerge: $('d-unmerge'),
  edit: $('d-edit'),
  editCounter: $('d-edit-counter'),
  saveEdit: $('d-save-edit'),
  useOriginal: $('d-use-original'),
  field: $('d-field'),
  agency: $('d-agency'),
  agencyList: $('agency-list'),
  suggest: $('d-suggest'),
  suggestText: $('d-suggest-text'),
  suggestUse: $('d-suggest-use'),
  saveCat: $('d-save-cat'),
  responder: $('d-responder'),
  responderList: $('responder-list'),
  shortlist: $('d-shortlist'),
  next: $('d-next'),
  onAir: $('d-onair'),
  answered: $('d-answered'),
  defer: $('d-defer'),
  reason: $('d-reason'),
  reject: $('d-reject'),
  similarStatus: $('similar-status'),
  similarList: $('similar-list'),
  children: $('children'),
  childrenList: $('children-list'),

  rundownForm: $('rundown-form'),
  rundownAlert: $('rundown-alert'),
  onAirBox: $('onair'),
  onAirTimer: $('onair-timer'),
  onAirText: $('onair-text'),
  onAirMeta: $('onair-meta'),
  onAirAnswered: $('onair-answered'),
  onAirDefer: $('onair-defer'),
  onAirOpen: $('onair-open'),
  onAirNone: $('onair-none'),
  rundown: $('rundown'),
  rundownEmpty: $('rundown-empty'),

  messageForm: $('message-form'),
  messageAlert: $('message-alert'),
  messageCurrent: $('message-current'),
  message: $('message'),
  messageSend: $('message-send'),
  messageClear: $('message-clear'),
  messageStatus: $('message-status'),
};

const state = {
  episodes: [],
  episodesLoaded: false,
  episodeId: null,
  socket: null,
  studioSocket: null,
  conn: { status: 'closed', detail: { stopped: true } },
  items: new Map(), // id → item
  order: [], // ids, newest first
  nodes: new Map(), // id → <li>
  haystacks: new Map(), // id → folded searchable text
  itemEvents: new Map(), // id → eventId of the version shown
  claimed: new Set(), // ids with a claim, checked every second for lapses
  haveSnapshot: false,
  lastEventId: null, // highest eventId seen on the socket: where a reconnection resumes
  channel: '',
  statusFilter: '',
  fieldFilter: '',
  terms: [],
  serverIds: null, // Set of ids found by the server search, or null
  serverQuery: '',
  serverSeq: 0,
  selectedId: null,
  dirty: new Set(), // names of the detail inputs edited since they were filled
  busy: false,
  similar: [],
  catalogFields: [], // field names from /api/fields, offered beside the fixed ones
  catalogAgencies: [], // agency names from /api/agencies
  similarFor: null,
  similarSeq: 0,
  rejectArmedUntil: 0,
  me: null, // this editor's actor id ("staff:<id>"), from /api/auth/me
  skewMs: 0, // local clock minus server clock, learnt from our own claims
  lastActivity: Date.now(),
  lastClaimAt: 0,
  moving: false,
  studioMessage: null,
  studioKnown: false,
  renderQueued: false,
  pendingRender: { rundown: false, detail: false, lists: false },
  datalistKey: '',
};

// ---- small helpers ---------------------------------------------------------------

/**
 * The server's answer to our own claim names us as it records us: should it
 * spell the actor otherwise than "staff:<id>", that spelling is the one to compare.
 */
function rememberMe(actor) {
  if (!actor || actor === state.me) return;
  state.me = actor;
}

const serverNow = () => Date.now() - state.skewMs;

/** The server stamped `iso` between sentAt and receivedAt (local clock). */
function learnSkew(iso, sentAt, receivedAt) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return;
  const skew = Math.round((sentAt + receivedAt) / 2 - at);
  // Under a second is network noise; only a mis-set clock is worth correcting.
  state.skewMs = Math.abs(skew) > 1000 ? skew : 0;
}

function claimActive(item) {
  if (!item?.claimedBy || !item.claimedAt) return false;
  const at = Date.parse(item.claimedAt);
  return !Number.isNaN(at) && at + CLAIM_TTL_MS > serverNow();
}

/** 'me' | 'other' | null: who holds the item now. */
function claimKind(item) {
  if (!claimActive(item)) return null;
  return state.me && item.claimedBy === state.me ? 'me' : 'other';
}

function claimLeftMs(item) {
  return Math.max(0, Date.parse(item.claimedAt) + CLAIM_TTL_MS - serverNow());
}

const airText = (item) => item.editedText || item.text || '';
const seqLabel = (item) => (item?.seq != null ? `#${item.seq}` : '');

function badge(text, cls = '') {
  return el('span', { class: `badge ${cls}`.trim(), text });
}

function statusBadge(status) {
  return el('span', { class: `badge status-badge`, dataset: { status: String(status ?? '') }, text: itemStatusLabel(status) });
}

// ---- queue rows -------------------------------------------------------------------

function haystack(item) {
  return foldAccents([
    item.text, item.editedText, item.askerName, item.locality, item.field, item.agency, item.responder,
    item.phone, item.email, item.notes, item.callbackPhone, item.seq != null ? `#${item.seq}` : null,
  ].filter(Boolean).join(' \u0000 '));
}

function claimNode(item) {
  const kind = claimKind(item);
  if (kind === 'other') {
    return el('span', { class: 'badge badge-claim', text: t('mod.claimedBy', { name: item.claimedName || '?' }) });
  }
  if (kind === 'me') return el('span', { class: 'badge badge-mine', text: t('mod.claimedByMe') });
  return null;
}

function row(item) {
  const id = String(item.id);
  const ch = CHANNELS[item.channel];
  const askers = Number(item.askerCount);
  const supports = Number(item.supports);
  const head = el('span', { class: 'q-head' },
    el('span', { class: 'ch-label' },
      el('span', { 'aria-hidden': 'true', text: ch?.icon || '•' }), ' ', channelLabel(item.channel)),
    el('span', { class: 'q-seq', text: seqLabel(item) }),
    el('time', { class: 'q-time', datetime: item.receivedAt || null, text: formatTime(item.receivedAt) }),
    statusBadge(item.status),
    item.readyForAir ? badge(t('mod.ready'), 'badge-ready') : null,
    askers > 1 ? badge(t('mod.askers', { n: askers }), 'badge-askers') : null,
    supports > 0 ? badge(t('mod.supports', { n: supports }), 'badge-muted') : null,
    claimNode(item));

  const who = el('span', { class: 'q-who' }, el('strong', { text: item.askerName || t('mod.anonymous') }));
  const add = (node) => who.append(el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }), node);
  if (item.locality) add(el('span', { text: item.locality }));
  const contact = [item.phone, item.email].filter(Boolean).join(' / ');
  if (contact) add(el('span', { class: 'q-contact', text: contact }));

  const text = el('span', { class: 'q-text' });
  if (item.editedText) text.append(el('span', { class: 'edited-mark', text: t('mod.editedMark') }), ' ');
  text.append(airText(item));

  const target = item.mergedInto ? state.items.get(String(item.mergedInto)) : null;
  const meta = [
    item.field && t('mod.field', { v: fieldLabel(item.field) }),
    item.agency && t('mod.agency', { v: item.agency }),
    item.responder && t('mod.responder', { v: item.responder }),
    item.rejectReason && t('mod.rejectedFor', { v: rejectReasonLabel(item.rejectReason) }),
    item.mergedInto && t('mod.mergedInto', { v: target ? seqLabel(target) : '…' }),
    item.callbackPhone && t('mod.callback', { v: item.callbackPhone }),
    item.notes && t('mod.notes', { v: item.notes }),
  ].filter(Boolean);

  const open = el('button', {
    type: 'button', class: 'q-open', 'aria-current': id === state.selectedId ? 'true' : null,
  }, head, who, text, meta.length ? el('span', { class: 'q-meta' }, ...meta.map((m) => el('span', { text: m }))) : null);
  open.addEventListener('click', () => openItem(id, { focus: true }));

  const li = el('li', {
    class: `q-item${id === state.selectedId ? ' is-selected' : ''}`,
    dataset: { id, channel: String(item.channel ?? ''), status: String(item.status ?? ''), claim: claimKind(item) || '' },
  }, open);
  return li;
}

function matches(id) {
  const item = state.items.get(id);
  if (state.channel && item.channel !== state.channel) return false;
  if (state.statusFilter === OPEN_FILTER) {
    if (CLOSED_STATUSES.has(item.status)) return false;
  } else if (state.statusFilter && item.status !== state.statusFilter) {
    return false;
  }
  if (state.fieldFilter === NO_FIELD) {
    if (item.field) return false;
  } else if (state.fieldFilter && item.field !== state.fieldFilter) {
    return false;
  }
  if (state.serverIds) return state.serverIds.has(id);
  const hay = state.haystacks.get(id);
  return state.terms.every((term) => hay.includes(term));
}

function highlight(node) {
  node.classList.add('is-new');
  setTimeout(() => node.classList.remove('is-new'), HIGHLIGHT_MS);
}

function fillFilterSelects() {
  const sv = ui.fStatus.value || state.statusFilter;
  ui.fStatus.replaceChildren(
    el('option', { value: '', text: t('mod.statusAll') }),
    el('option', { value: OPEN_FILTER, text: t('mod.statusOpen') }),
    ...STATUSES.map((s) => el('option', { value: s, text: itemStatusLabel(s) })));
  ui.fStatus.value = sv;
  const fv = ui.fField.value || state.fieldFilter;
  ui.fField.replaceChildren(
    el('option', { value: '', text: t('mod.fieldAll') }),
    el('option', { value: NO_FIELD, text: t('mod.fieldNone') }),
    ...FIELDS.map(([v, key]) => el('option', { value: v, text: t(key) })));
  ui.fField.value = fv;
}

function renderSummary() {
  const counts = { all: state.order.length, hotline: 0, sms: 0, web: 0 };
  const byStatus = {};
  let open = 0;
  let shown = 0;
  for (const id of state.order) {
    const item = state.items.get(id);
    if (item.channel in counts) counts[item.channel] += 1;
    byStatus[item.status] = (byStatus[item.status] || 0) + 1;
    if (!CLOSED_STATUSES.has(item.status)) open += 1;
    if (!state.nodes.get(id).hidden) shown += 1;
  }
  for (const [name, node] of Object.entries(ui.counts)) node.textContent = String(counts[name] ?? 0);
  for (const opt of ui.fStatus.options) {
    if (opt.value === OPEN_FILTER) opt.textContent = `${t('mod.statusOpen')} (${open})`;
    else if (opt.value) opt.textContent = `${itemStatusLabel(opt.value)} (${byStatus[opt.value] || 0})`;
  }
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
  scheduleRender();
}

function applyFilter() {
  for (const id of state.order) state.nodes.get(id).hidden = !matches(id);
  renderSummary();
}

/** Re-draws one row where it is, keeping keyboard focus on it. */
function redrawRow(id, { flashIt = false } = {}) {
  const old = state.nodes.get(id);
  const item = state.items.get(id);
  if (!old || !item) return;
  const hadFocus = old.contains(document.activeElement);
  const node = row(item);
  node.hidden = !matches(id);
  old.replaceWith(node);
  state.nodes.set(id, node);
  if (hadFocus) node.querySelector('.q-open')?.focus({ preventScroll: true });
  if (flashIt) highlight(node);
}

function resetItems() {
  state.items.clear();
  state.order = [];
  state.haystacks.clear();
  state.itemEvents.clear();
  state.claimed.clear();
}

function clearQueue() {
  resetItems();
  state.haveSnapshot = false;
  state.lastEventId = null;
  state.serverIds = null;
  renderServerSearch();
  renderAll();
}

function validItem(item) {
  if (!item || item.id == null) return false;
  // A message for another episode (a late one from a closed socket) is not ours.
  return item.episodeId == null || state.episodeId == null || String(item.episodeId) === state.episodeId;
}

function remember(item) {
  const id = String(item.id);
  state.items.set(id, item);
  state.haystacks.set(id, haystack(item));
  if (item.claimedBy) state.claimed.add(id);
  else state.claimed.delete(id);
}

function newestFirst(list) {
  const at = (x) => {
    const v = Date.parse(x.receivedAt);
    return Number.isNaN(v) ? 0 : v;
  };
  const seq = (x) => (Number.isFinite(x.seq) ? x.seq : null);
  // By the server's arrival sequence when both have one, else by time; on a
  // tie the later entry of the list is the newer.
  return list.map((item, i) => ({ item, i })).sort((a, b) => {
    const sa = seq(a.item);
    const sb = seq(b.item);
    if (sa != null && sb != null && sa !== sb) return sb - sa;
    return at(b.item) - at(a.item) || b.i - a.i;
  }).map((x) => x.item);
}

/** The snapshot replaces everything: it is what a fresh connection starts from. */
function applySnapshot(items) {
  const list = newestFirst((Array.isArray(items) ? items : []).filter(validItem));
  resetItems();
  for (const item of list) {
    const id = String(item.id);
    if (state.items.has(id)) continue;
    remember(item);
    state.order.push(id);
  }
  state.haveSnapshot = true;
  renderAll();
  if (state.selectedId && !state.items.has(state.selectedId)) closeDetail({ release: false });
}

/**
 * Applies the whole item after a change (socket event or our own action's
 * answer). An answer older than the version shown is ignored.
 */
function setItem(item, { eventId = null, fresh = false } = {}) {
  if (!validItem(item)) return;
  const id = String(item.id);
  if (eventId != null) {
    const shown = state.itemEvents.get(id);
    if (shown != null && eventId < shown) return;
    state.itemEvents.set(id, eventId);
  }
  const before = state.items.get(id);
  remember(item);
  if (before) {
    redrawRow(id, { flashIt: before.status !== item.status });
  } else {
    const node = row(item);
    node.hidden = !matches(id);
    if (fresh || !state.order.length) {
      state.order.unshift(id);
      ui.queue.prepend(node);
    } else {
      // Known to the server search only, or replayed: put it where it belongs.
      state.order.push(id);
      const sorted = newestFirst(state.order.map((x) => state.items.get(x))).map((x) => String(x.id));
      state.order = sorted;
      const after = state.nodes.get(sorted[sorted.indexOf(id) + 1]);
      if (after) after.before(node);
      else ui.queue.append(node);
    }
    state.nodes.set(id, node);
    if (fresh) highlight(node);
  }
  // A merge changes the "gộp vào #n" of rows pointing at this one.
  if (before && before.seq !== item.seq) {
    for (const [cid, c] of state.items) if (String(c.mergedInto) === id) redrawRow(cid);
  }
  renderSummary();
  scheduleRender(touched(id, before, item));
}

// ---- server search ----------------------------------------------------------------

function renderServerSearch() {
  ui.serverSearch.hidden = !state.serverIds && !state.serverQuery;
  if (state.serverIds) {
    ui.serverSearchText.textContent = t('mod.serverResults', { q: state.serverQuery, n: state.serverIds.size });
  } else if (state.serverQuery) {
    ui.serverSearchText.textContent = t('mod.serverSearching', { q: state.serverQuery });
  }
}

async function serverSearch() {
  const q = cleanText(ui.search.value);
  const episodeId = state.episodeId;
  if (!q || !episodeId) {
    clearServerSearch();
    return;
  }
  const seq = ++state.serverSeq;
  state.serverQuery = q;
  state.serverIds = null;
  renderServerSearch();
  try {
    const res = await getJson(`/api/episodes/${encodeURIComponent(episodeId)}/queue?q=${encodeURIComponent(q)}`);
    if (seq !== state.serverSeq || episodeId !== state.episodeId) return;
    const items = Array.isArray(res?.items) ? res.items.filter(validItem) : [];
    for (const item of items) if (!state.items.has(String(item.id))) setItem(item);
    state.serverIds = new Set(items.map((i) => String(i.id)));
    renderServerSearch();
    applyFilter();
  } catch (err) {
    if (seq !== state.serverSeq) return;
    state.serverQuery = '';
    renderServerSearch();
    ui.serverSearch.hidden = false;
    ui.serverSearchText.textContent = err.serverMessage || t(err.network ? 'err.network' : 'err.generic');
  }
}

function clearServerSearch() {
  state.serverSeq += 1;
  state.serverIds = null;
  state.serverQuery = '';
  renderServerSearch();
  applyFilter();
}

// ---- actions ----------------------------------------------------------------------

/**
 * POSTs one action. Errors (409 "Câu hỏi đang được xử lý bởi …", invalid
 * transitions, field errors) are shown in alertEl / next to form's control.
 * Resolves with the item after the change, or null.
 */
async function act(id, action, extra = {}, { form = ui.form, alertEl = ui.alert, quiet = false } = {}) {
  if (!id) return null;
  if (!quiet) clearFieldErrors(form, alertEl);
  const sentAt = Date.now();
  try {
    const res = await postJson(`/api/items/${encodeURIComponent(id)}/actions`, { action, ...extra });
    if (action === 'claim' && res?.claimedBy) {
      rememberMe(res.claimedBy);
      if (res.claimedAt) learnSkew(res.claimedAt, sentAt, Date.now());
    }
    if (res && res.id != null) setItem(res, { eventId: res.eventId ?? null });
    return res || {};
  } catch (err) {
    // A quiet renewal that fails for any reason but a claim is not worth an alert.
    if (!quiet || err.code === 'item.claimed') reportSubmitError(form, err, { alertEl });
    return null;
  }
}

/** Runs an action from the detail panel: one at a time, buttons disabled meanwhile. */
async function panelAct(action, extra = {}, okKey = null) {
  const id = state.selectedId;
  if (!id || state.busy) return null;
  state.busy = true;
  ui.form.setAttribute('aria-busy', 'true');
  try {
    const res = await act(id, action, extra);
    if (res && okKey && id === state.selectedId) flash(ui.status, t(okKey), STATUS_CLEAR_MS);
    return res;
  } finally {
    state.busy = false;
    ui.form.removeAttribute('aria-busy');
    renderDetail();
    // The pressed button may now be disabled (e.g. "Lên sóng" once on air).
    const a = document.activeElement;
    if (state.selectedId && (!a || a === document.body || a.disabled)) ui.detailHeading.focus({ preventScroll: true });
  }
}

async function claim(id, { quiet = false } = {}) {
  state.lastClaimAt = Date.now();
  return act(id, 'claim', {}, { quiet });
}

/**
 * Gives the item back if this editor holds it. Errors are not shown: the
 * claim lapses anyway. Resolves when done (logging out waits for it).
 */
function releaseIfMine(id, { keepalive = false } = {}) {
  const item = state.items.get(id);
  if (!item || claimKind(item) !== 'me') return Promise.resolve();
  return postJson(`/api/items/${encodeURIComponent(id)}/actions`, { action: 'release' }, { keepalive })
    .then((res) => { if (res?.id != null) setItem(res, { eventId: res.eventId ?? null }); })
    .catch(() => {});
}

// ---- detail panel -----------------------------------------------------------------

const DIRTY_INPUTS = { text: 'edit', field: 'field', agency: 'agency', responder: 'responder' };

function fillInputs(item, { force = false } = {}) {
  const set = (name, value) => {
    if (!force && state.dirty.has(name)) return;
    const input = ui[DIRTY_INPUTS[name]];
    if (input.value !== value) input.value = value;
  };
  fillFieldSelect(item.field);
  set('text', airText(item));
  set('field', item.field || '');
  set('agency', item.agency || '');
  set('responder', item.responder || '');
  updateCounter();
}

function fillFieldSelect(current, { force = false } = {}) {
  const value = ui.field.value;
  const extra = state.catalogFields.filter((f) => !FIELDS.some(([v]) => v === f));
  const known = !current || FIELDS.some(([v]) => v === current) || extra.includes(current);
  const key = `${extra.join('\u0000')}\u0001${known ? '' : current}`;
  // Rebuilt only when needed: rebuilding closes a select the editor has open.
  if (!force && ui.field.options.length && ui.field.dataset.extra === key) return;
  ui.field.dataset.extra = key;
  ui.field.replaceChildren(
    el('option', { value: '', text: t('op.fieldNone') }),
    ...FIELDS.map(([v, label]) => el('option', { value: v, text: t(label) })),
    ...extra.map((v) => el('option', { value: v, text: v })),
    ...(known ? [] : [el('option', { value: current, text: current })]));
  ui.field.value = value;
}

function fillReasonSelect() {
  const value = ui.reason.value;
  ui.reason.replaceChildren(
    el('option', { value: '', text: t('mod.rejectChoose') }),
    ...REJECT_REASONS.map((r) => el('option', { value: r, text: rejectReasonLabel(r) })));
  ui.reason.value = value;
}

function updateCounter() {
  const n = textLength(ui.edit.value.trim());
  ui.editCounter.textContent = t('form.counter', { n, max: MAX_TEXT });
  ui.editCounter.classList.toggle('over', n > MAX_TEXT);
}

function askerList(item) {
  const rows = [];
  const add = (key, value) => {
    if (value == null || value === '') return;
    rows.push(el('dt', { text: t(key) }), el('dd', {}, value));
  };
  add('mod.d.name', item.askerName || t('mod.anonymous'));
  add('mod.d.locality', item.locality);
  add('mod.d.phone', item.phone ? el('a', { href: telHref(item.phone), text: item.phone }) : null);
  add('mod.d.email', item.email);
  add('mod.d.callback', item.callbackPhone ? el('a', { href: telHref(item.callbackPhone), text: item.callbackPhone }) : null);
  add('mod.d.ready', item.readyForAir ? t('mod.ready') : null);
  add('mod.d.notes', item.notes);
  add('mod.d.received', formatDateTime(item.receivedAt));
  add('mod.d.supports', Number(item.supports) > 0 ? String(item.supports) : null);
  add('mod.d.reject', item.rejectReason ? rejectReasonLabel(item.rejectReason) : null);
  return rows;
}

function renderClaimLine(item) {
  const kind = claimKind(item);
  ui.claim.dataset.claim = kind || '';
  if (kind === 'other') {
    const left = formatElapsed(claimLeftMs(item));
    ui.claim.textContent = t('mod.claimedByLong', { name: item.claimedName || '?', left });
  } else if (kind === 'me') {
    ui.claim.textContent = t('mod.claimedByMeLong');
  } else {
    ui.claim.textContent = t('mod.unclaimed');
  }
  ui.claimBtn.hidden = kind === 'me';
  ui.claimBtn.disabled = kind === 'other';
  ui.release.hidden = kind !== 'me';
}

function renderDetail() {
  const item = state.selectedId ? state.items.get(state.selectedId) : null;
  ui.detailEmpty.hidden = Boolean(item);
  ui.form.hidden = !item;
  ui.detail.classList.toggle('is-open', Boolean(item));
  if (!item) return;

  const ch = CHANNELS[item.channel];
  const askers = Number(item.askerCount);
  const place = IN_RUNDOWN.has(item.status) ? rundownItems().findIndex((x) => String(x.id) === String(item.id)) + 1 : 0;
  ui.head.replaceChildren(...[
    el('span', { class: 'ch-label', dataset: { channel: String(item.channel ?? '') } },
      el('span', { 'aria-hidden': 'true', text: ch?.icon || '•' }), ' ', channelLabel(item.channel)),
    el('span', { class: 'q-seq', text: seqLabel(item) }),
    el('time', { class: 'q-time', datetime: item.receivedAt || null, text: formatTime(item.receivedAt) }),
    statusBadge(item.status),
    askers > 1 ? badge(t('mod.askers', { n: askers }), 'badge-askers') : null,
    place ? badge(t('mod.position', { n: place }), 'badge-muted') : null,
  ].filter(Boolean));
  renderClaimLine(item);
  ui.asker.replaceChildren(...askerList(item));
  ui.original.textContent = item.text || '';

  // merged into another
  const target = item.mergedInto ? state.items.get(String(item.mergedInto)) : null;
  ui.merged.hidden = item.status !== 'merged' && !item.mergedInto;
  ui.mergedText.replaceChildren(
    el('strong', { text: t('mod.mergedIntoLong', { v: target ? seqLabel(target) : '' }) }), ' ',
    target ? airText(target) : '');
  ui.openTarget.hidden = !target;

  fillInputs(item);
  // The server's suggestion (the council office's keywords, made at intake) first, the page's own otherwise.
  const suggestion = item.suggestedField || suggestField(`${item.text || ''} ${item.editedText || ''}`);
  const agencySuggestion = item.suggestedAgency || '';
  const newField = suggestion && suggestion !== ui.field.value;
  const newAgency = agencySuggestion && agencySuggestion !== cleanText(ui.agency.value);
  const showSuggest = newField || newAgency;
  ui.suggest.hidden = !showSuggest;
  if (showSuggest) {
    ui.suggestText.textContent = !suggestion ? t('mod.suggestAgencyOnly', { agency: agencySuggestion })
      : agencySuggestion ? t('mod.suggestServerAgency', { field: fieldLabel(suggestion), agency: agencySuggestion })
        : t('mod.suggest', { v: fieldLabel(suggestion) });
    ui.suggestUse.dataset.value = suggestion || '';
    ui.suggestUse.dataset.agency = agencySuggestion;
  }

  // What the server would refuse anyway is disabled, so the board sees it at once.
  const kind = claimKind(item);
  const held = kind === 'other';
  const closed = CLOSED_STATUSES.has(item.status);
  const onAir = item.status === 'on_air';
  const off = (cond) => held || cond;
  ui.saveEdit.disabled = off(closed);
  ui.useOriginal.disabled = off(closed);
  ui.saveCat.disabled = off(closed);
  ui.suggestUse.disabled = off(closed);
  ui.shortlist.disabled = off(closed || onAir);
  ui.next.disabled = off(closed || onAir || item.status === 'next');
  ui.onAir.disabled = off(closed || onAir);
  ui.answered.disabled = off(!onAir);
  ui.defer.disabled = off(closed || item.status === 'deferred');
  ui.reject.disabled = off(closed || onAir);
  ui.reason.disabled = off(closed || onAir);
  ui.unmerge.disabled = off(item.status !== 'merged');
  for (const input of [ui.edit, ui.agency, ui.responder]) input.readOnly = held || closed;
  ui.field.disabled = held || closed;
  renderRejectButton();

  renderSimilar();
  renderChildren(item);
}

function renderRejectButton() {
  const armed = Date.now() < state.rejectArmedUntil;
  const key = armed ? 'mod.rejectConfirm' : 'mod.reject';
  ui.reject.dataset.i18n = key;
  ui.reject.textContent = t(key);
  ui.reject.classList.toggle('is-armed', armed);
}

function miniRow(other, buttons) {
  const askers = Number(other.askerCount);
  return el('li', { class: 'mini-item', dataset: { id: String(other.id), status: String(other.status ?? '') } },
    el('p', { class: 'mini-head' },
      el('span', { class: 'q-seq', text: seqLabel(other) }),
      statusBadge(other.status),
      askers > 1 ? badge(t('mod.askers', { n: askers }), 'badge-askers') : null,
      el('span', { class: 'muted', text: [other.askerName, other.locality].filter(Boolean).join(', ') })),
    el('p', { class: 'mini-text', text: airText(other) }),
    el('div', { class: 'actions actions-tight' }, ...buttons));
}

function openButton(id) {
  const b = el('button', { type: 'button', class: 'btn btn-small', text: t('mod.open'), dataset: { role: 'open' } });
  b.addEventListener('click', () => openItem(id, { focus: true }));
  return b;
}

function renderSimilar() {
  const item = state.items.get(state.selectedId);
  if (!item || state.similarFor !== state.selectedId) {
    ui.similarList.replaceChildren();
    return;
  }
  const held = claimKind(item) === 'other';
  const cannot = held || CLOSED_STATUSES.has(item.status) || item.status === 'on_air';
  const rows = state.similar.map((s) => {
    const other = state.items.get(String(s.id)) || s;
    const otherId = String(other.id);
    const mergeBtn = el('button', {
      type: 'button', class: 'btn btn-small btn-primary', text: t('mod.mergeInto'), dataset: { role: 'merge' },
      'aria-label': t('mod.mergeIntoLabel', { v: seqLabel(other) }),
    });
    mergeBtn.disabled = cannot || other.status === 'merged' || other.status === 'rejected';
    mergeBtn.addEventListener('click', () => panelAct('merge', { into: otherId }, 'mod.ok.merge'));
    return miniRow(other, [mergeBtn, openButton(otherId)]);
  });
  keepFocus(ui.similarList, () => ui.similarList.replaceChildren(...rows));
}

async function loadSimilar(id) {
  const seq = ++state.similarSeq;
  state.similar = [];
  state.similarFor = null;
  ui.similarStatus.textContent = t('mod.similarLoading');
  ui.similarList.replaceChildren();
  try {
    const res = await getJson(`/api/items/${encodeURIComponent(id)}/similar`);
    if (seq !== state.similarSeq) return;
    state.similar = (Array.isArray(res?.items) ? res.items : []).filter((s) => String(s.id) !== id);
    state.similarFor = id;
    ui.similarStatus.textContent = state.similar.length ? '' : t('mod.similarNone');
    renderSimilar();
  } catch (err) {
    if (seq !== state.similarSeq) return;
    ui.similarStatus.textContent = err.serverMessage || t('mod.similarFailed');
  }
}

function renderChildren(item) {
  const id = String(item.id);
  const children = [...state.items.values()].filter((c) => String(c.mergedInto) === id && c.status === 'merged');
  ui.children.hidden = children.length === 0;
  const rows = children.map((c) => {
    const cid = String(c.id);
    const split = el('button', { type: 'button', class: 'btn btn-small', text: t('mod.unmerge'), dataset: { role: 'split' } });
    split.disabled = claimKind(c) === 'other';
    split.addEventListener('click', async () => {
      if (state.busy) return;
      state.busy = true;
      try {
        if (await act(cid, 'unmerge')) flash(ui.status, t('mod.ok.unmerge'), STATUS_CLEAR_MS);
      } finally {
        state.busy = false;
      }
    });
    return miniRow(c, [split, openButton(cid)]);
  });
  keepFocus(ui.childrenList, () => ui.childrenList.replaceChildren(...rows));
}

function markSelectedRow(previous) {
  if (previous) redrawRow(previous);
  if (state.selectedId) redrawRow(state.selectedId);
}

function openItem(id, { focus = false } = {}) {
  const item = state.items.get(id);
  if (!item) return;
  const previous = state.selectedId;
  if (previous && previous !== id) releaseIfMine(previous);
  if (previous !== id) {
    state.selectedId = id;
    state.dirty.clear();
    state.rejectArmedUntil = 0;
    ui.reason.value = '';
    clearFieldErrors(ui.form, ui.alert);
    ui.status.textContent = '';
    fillInputs(item, { force: true });
    markSelectedRow(previous);
    loadSimilar(id);
  }
  renderDetail();
  if (focus) ui.detailHeading.focus({ preventScroll: true });
  if (claimKind(item) !== 'me') claim(id);
}

function closeDetail({ release = true } = {}) {
  const id = state.selectedId;
  if (!id) return;
  if (release) releaseIfMine(id);
  state.selectedId = null;
  state.dirty.clear();
  state.similarSeq += 1;
  clearFieldErrors(ui.form, ui.alert);
  markSelectedRow(id);
  renderDetail();
  const node = state.nodes.get(id);
  if (node && !node.hidden && ui.detail.contains(document.activeElement)) node.querySelector('.q-open')?.focus();
}

// ---- detail panel: the editor's acts ------------------------------------------------

async function saveEdit() {
  const text = cleanText(ui.edit.value);
  if (!text) {
    showFieldErrors(ui.form, [{ field: 'text', message: t('mod.err.textRequired') }], { alertEl: ui.alert });
    return;
  }
  if (textLength(text) > MAX_TEXT) {
    showFieldErrors(ui.form, [{ field: 'text', message: t('err.text.tooLong', { max: MAX_TEXT }) }], { alertEl: ui.alert });
    return;
  }
  const res = await panelAct('edit', { text }, 'mod.ok.edit');
  if (res) {
    state.dirty.delete('text');
    fillInputs(state.items.get(state.selectedId) || res);
  }
}

async function saveCategory() {
  const field = ui.field.value;
  const agency = cleanText(ui.agency.value);
  if (!field && !agency) {
    showFieldErrors(ui.form, [{ field: 'field', message: t('mod.err.categoryRequired') }], { alertEl: ui.alert });
    return;
  }
  const body = {};
  if (field) body.field = field;
  if (agency) body.agency = agency;
  const res = await panelAct('categorize', body, 'mod.ok.categorize');
  if (res) {
    state.dirty.delete('field');
    state.dirty.delete('agency');
    renderDetail();
  }
}

async function shortlist() {
  const responder = cleanText(ui.responder.value);
  const res = await panelAct('shortlist', responder ? { responder } : {}, 'mod.ok.shortlist');
  if (res) {
    state.dirty.delete('responder');
    renderDetail();
  }
}

async function reject() {
  const reason = ui.reason.value;
  if (!reason) {
    showFieldErrors(ui.form, [{ field: 'reason', message: t('mod.err.reasonRequired') }], { alertEl: ui.alert });
    return;
  }
  // Rejecting cannot be undone: the first press arms, the second confirms.
  if (Date.now() >= state.rejectArmedUntil) {
    state.rejectArmedUntil = Date.now() + REJECT_CONFIRM_MS;
    renderRejectButton();
    setTimeout(renderRejectButton, REJECT_CONFIRM_MS + 50);
    return;
  }
  state.rejectArmedUntil = 0;
  await panelAct('reject', { reason }, 'mod.ok.reject');
}

// ---- run-down ---------------------------------------------------------------------

function rundownItems() {
  const pos = (x) => (Number.isFinite(x.position) ? x.position : Number.POSITIVE_INFINITY);
  const seq = (x) => (Number.isFinite(x.seq) ? x.seq : 0);
  return [...state.items.values()]
    .filter((i) => IN_RUNDOWN.has(i.status))
    .sort((a, b) => pos(a) - pos(b) || seq(a) - seq(b));
}

function onAirItem() {
  let best = null;
  for (const i of state.items.values()) {
    if (i.status !== 'on_air') continue;
    if (!best || Date.parse(i.onAirAt) > Date.parse(best.onAirAt)) best = i;
  }
  return best;
}

function renderOnAirTimer() {
  const item = onAirItem();
  if (!item) return;
  const at = Date.parse(item.onAirAt);
  ui.onAirTimer.textContent = Number.isNaN(at) ? '--:--' : formatElapsed(serverNow() - at);
}

function renderOnAir() {
  const item = onAirItem();
  ui.onAirBox.hidden = !item;
  ui.onAirNone.hidden = Boolean(item);
  if (!item) return;
  ui.onAirBox.dataset.id = String(item.id);
  ui.onAirText.textContent = airText(item);
  const askers = Number(item.askerCount);
  ui.onAirMeta.replaceChildren(...[
    seqLabel(item),
    [item.askerName, item.locality].filter(Boolean).join(', '),
    item.responder && t('mod.responder', { v: item.responder }),
    askers > 1 && t('mod.askers', { n: askers }),
  ].filter(Boolean).map((s) => el('span', { text: s })));
  const held = claimKind(item) === 'other';
  ui.onAirAnswered.disabled = held;
  ui.onAirDefer.disabled = held;
  renderOnAirTimer();
}

function rundownRow(item, index, count) {
  const id = String(item.id);
  const askers = Number(item.askerCount);
  const up = el('button', {
    type: 'button', class: 'btn btn-icon', dataset: { role: 'up' }, text: '▲',
    'aria-label': t('mod.moveUp', { v: seqLabel(item) }), 'aria-keyshortcuts': 'Alt+ArrowUp',
  });
  const down = el('button', {
    type: 'button', class: 'btn btn-icon', dataset: { role: 'down' }, text: '▼',
    'aria-label': t('mod.moveDown', { v: seqLabel(item) }), 'aria-keyshortcuts': 'Alt+ArrowDown',
  });
  up.disabled = index === 0 || state.moving;
  down.disabled = index === count - 1 || state.moving;
  up.addEventListener('click', () => move(id, -1, 'up'));
  down.addEventListener('click', () => move(id, 1, 'down'));

  const open = el('button', { type: 'button', class: 'rd-open', dataset: { role: 'open' } },
    el('span', { class: 'rd-text', text: airText(item) }));
  open.addEventListener('click', () => openItem(id, { focus: true }));

  const held = claimKind(item) === 'other';
  const buttons = [];
  if (item.status === 'shortlisted') {
    const next = el('button', { type: 'button', class: 'btn btn-small', dataset: { role: 'next' }, text: t('mod.nextShort') });
    next.disabled = held;
    next.addEventListener('click', () => rundownAct(id, 'next'));
    buttons.push(next);
  }
  const air = el('button', { type: 'button', class: 'btn btn-small btn-live', dataset: { role: 'air' }, text: t('mod.onAir') });
  air.disabled = held;
  air.addEventListener('click', () => rundownAct(id, 'on-air'));
  buttons.push(air);

  return el('li', {
    class: `rd-item${id === state.selectedId ? ' is-selected' : ''}`,
    dataset: { id, status: String(item.status) },
  },
  el('span', { class: 'rd-pos', 'aria-hidden': 'true', text: String(index + 1) }),
  el('div', { class: 'rd-body' },
    el('p', { class: 'rd-head' },
      statusBadge(item.status),
      el('span', { class: 'q-seq', text: seqLabel(item) }),
      askers > 1 ? badge(t('mod.askers', { n: askers }), 'badge-askers') : null,
      claimNode(item)),
    open,
    el('p', { class: 'rd-meta' },
      [item.askerName, item.locality].filter(Boolean).join(', '),
      item.responder ? el('span', { class: 'rd-responder', text: ` → ${item.responder}` }) : null),
    el('div', { class: 'actions actions-tight' }, ...buttons)),
  el('div', { class: 'rd-move' }, up, down));
}

function renderRundown() {
  const list = rundownItems();
  keepFocus(ui.rundown, () => ui.rundown.replaceChildren(...list.map((item, i) => rundownRow(item, i, list.length))));
  ui.rundownEmpty.hidden = list.length > 0;
  renderOnAir();
}

async function rundownAct(id, action) {
  const res = await act(id, action, {}, { form: ui.rundownForm, alertEl: ui.rundownAlert });
  if (res) hideAlert(ui.rundownAlert);
  return res;
}

/** Moves an item one place in the run-down with order actions (a swap, or a renumbering when positions tie). */
async function move(id, delta, role) {
  if (state.moving) return;
  const list = rundownItems();
  const i = list.findIndex((x) => String(x.id) === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return;
  const distinct = list.every((x, k) => Number.isFinite(x.position) && (k === 0 || x.position > list[k - 1].position));
  let plan;
  if (distinct) {
    plan = [[id, list[j].position], [String(list[j].id), list[i].position]];
  } else {
    const ids = list.map((x) => String(x.id));
    [ids[i], ids[j]] = [ids[j], ids[i]];
    plan = ids.map((x, k) => [x, k + 1]).filter(([x, p]) => state.items.get(x)?.position !== p);
  }
  state.moving = true;
  hideAlert(ui.rundownAlert);
  // Keep the keyboard on the moved item.
  const keep = () => {
    const r = ui.rundown.querySelector(`.rd-item[data-id="${CSS.escape(id)}"]`);
    const b = r?.querySelector(`[data-role="${role}"]`);
    (b && !b.disabled ? b : r?.querySelector('[data-role="open"]'))?.focus({ preventScroll: true });
  };
  try {
    for (const [itemId, position] of plan) {
      const res = await act(itemId, 'order', { position }, { form: ui.rundownForm, alertEl: ui.rundownAlert });
      if (!res) break;
    }
  } finally {
    state.moving = false;
    renderRundown();
    if (role) keep();
  }
}

// ---- rendering batch ---------------------------------------------------------------

function renderDatalists() {
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
function scheduleRender({ rundown = true, detail = true, lists = true } = {}) {
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
function touched(id, before, item) {
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
function tick() {
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
function heartbeat() {
  const id = state.selectedId;
  const item = id && state.items.get(id);
  if (!item || document.visibilityState !== 'visible') return;
  if (Date.now() - state.lastActivity > CLAIM_TTL_MS) return;
  const kind = claimKind(item);
  if (kind === 'other') return;
  if (kind === 'me' && Date.now() - state.lastClaimAt < CLAIM_RENEW_MS) return;
  claim(id, { quiet: true });
}

// ---- producer message -----------------------------------------------------------------

function renderMessage() {
  const m = state.studioMessage;
  ui.messageCurrent.textContent = !state.studioKnown ? '…' : m || t('mod.messageNone');
  ui.messageCurrent.classList.toggle('is-empty', !m);
  ui.messageClear.disabled = state.studioKnown && !m;
}

async function sendMessage(message) {
  const episodeId = state.episodeId;
  if (!episodeId) return;
  clearFieldErrors(ui.messageForm, ui.messageAlert);
  if (message !== null && !message) {
    showFieldErrors(ui.messageForm, [{ field: 'message', message: t('mod.err.messageRequired') }], { alertEl: ui.messageAlert });
    return;
  }
  ui.messageSend.disabled = true;
  ui.messageClear.disabled = true;
  try {
    const res = await postJson(`/api/episodes/${encodeURIComponent(episodeId)}/studio-message`, { message });
    if (episodeId !== state.episodeId) return;
    state.studioMessage = res?.message ?? message;
    state.studioKnown = true;
    if (message !== null) ui.message.value = '';
    flash(ui.messageStatus, t(message === null ? 'mod.messageCleared' : 'mod.messageSent'), STATUS_CLEAR_MS);
  } catch (err) {
    reportSubmitError(ui.messageForm, err, { alertEl: ui.messageAlert });
  } finally {
    ui.messageSend.disabled = false;
    renderMessage();
  }
}

// ---- connection -----------------------------------------------------------------

function renderConn() {
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

function connect() {
  disconnect();
  const episodeId = state.episodeId;
  if (!episodeId) return;
  let diagnosed = false;
  // The session cookie goes with the upgrade; no token in the subprotocol.
  state.socket = openSocket(() => socketPath(episodeId), {
    onMessage,
    onStatus(status, detail) {
      if (detail.reason === 'unauthorized') {
        signalUnauthorized(); // the session is over: the login page
        return;
      }
      setConn(status, detail);
      if (status === 'closed' && !detail.everOpened && !detail.reason && !diagnosed) {
        diagnosed = true;
        diagnose(episodeId);
      }
    },
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

function setEpisodeLinks() {
  const link = document.querySelector('[data-staff-nav] a[data-page="studio"]');
  if (!link) return; // an editor always has it; the nav is drawn before the episodes load
  link.href = state.episodeId ? `/studio.html?episode=${encodeURIComponent(state.episodeId)}` : '/studio.html';
}

async function ensureEpisodes() {
  if (state.episodesLoaded) return true;
  hideAlert(ui.episodeError);
  try {
    state.episodes = await loadEpisodes();
  } catch {
    showAlert(ui.episodeError, t('op.loadFailed'));
    // Retried while signed in: a moderator may not be watching the screen.
    setTimeout(() => {
      if (!state.episodesLoaded) onReady();
    }, 10000);
    return false;
  }
  state.episodesLoaded = true;
  state.episodeId = defaultEpisodeId(state.episodes, urlParam('episode'));
  fillEpisodeSelect(ui.episode, state.episodes, state.episodeId);
  if (!state.episodes.length) showAlert(ui.episodeError, t('op.noEpisodes'), 'info');
  else setUrlParam('episode', state.episodeId);
  setEpisodeLinks();
  return true;
}

async function onReady() {
  if (await ensureEpisodes()) connect();
}

/** Before "Đăng xuất": the open item goes back to the board, the sockets close. */
async function beforeLogout() {
  const id = state.selectedId;
  if (id) await releaseIfMine(id);
  disconnect();
  if (state.selectedId) closeDetail({ release: false });
}

// ---- wiring ---------------------------------------------------------------------

initPage();
fillFilterSelects();
fillReasonSelect();
fillFieldSelect(null);
renderConn();
renderDetail();
renderMessage();
clearErrorsOnEdit(ui.form);
clearErrorsOnEdit(ui.messageForm);

ui.episode.addEventListener('change', () => {
  if (state.selectedId) closeDetail();
  state.episodeId = ui.episode.value || null;
  setUrlParam('episode', state.episodeId);
  setEpisodeLinks();
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

ui.fStatus.addEventListener('change', () => {
  state.statusFilter = ui.fStatus.value;
  applyFilter();
});

ui.fField.addEventListener('change', () => {
  state.fieldFilter = ui.fField.value;
  applyFilter();
});

ui.search.addEventListener('input', () => {
  state.terms = foldAccents(ui.search.value).split(/\s+/).filter(Boolean);
  if (state.serverIds || state.serverQuery) {
    state.serverSeq += 1;
    state.serverIds = null;
    state.serverQuery = '';
    renderServerSearch();
  }
  applyFilter();
});

ui.search.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    serverSearch();
  }
});

ui.serverSearchClear.addEventListener('click', () => {
  clearServerSearch();
  ui.search.focus();
});

// detail panel
ui.form.addEventListener('submit', (e) => e.preventDefault());
ui.form.addEventListener('input', (e) => {
  const name = e.target?.name;
  if (name in DIRTY_INPUTS) state.dirty.add(name);
  if (name === 'text') updateCounter();
  if (name === 'field') renderDetail();
});
ui.form.addEventListener('change', (e) => {
  const name = e.target?.name;
  if (name in DIRTY_INPUTS) state.dirty.add(name);
  if (name === 'field') renderDetail();
  if (name === 'reason') {
    state.rejectArmedUntil = 0;
    renderRejectButton();
  }
});
ui.form.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target === ui.edit) {
    e.preventDefault();
    saveEdit();
  } else if (e.key === 'Enter' && !e.isComposing && (e.target === ui.agency || e.target === ui.field)) {
    e.preventDefault();
    saveCategory();
  } else if (e.key === 'Enter' && !e.isComposing && e.target === ui.responder) {
    e.preventDefault();
    shortlist();
  }
});
ui.detail.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || !state.selectedId) return;
  if (e.target.matches?.('input, textarea, select')) {
    ui.detailHeading.focus(); // a second Escape closes
    return;
  }
  e.preventDefault();
  closeDetail();
});

ui.claimBtn.addEventListener('click', () => {
  const id = state.selectedId;
  if (id) claim(id);
});
ui.release.addEventListener('click', () => closeDetail());
ui.close.addEventListener('click', () => closeDetail());
ui.saveEdit.addEventListener('click', saveEdit);
ui.useOriginal.addEventListener('click', () => {
  const item = state.items.get(state.selectedId);
  if (!item) return;
  ui.edit.value = item.text || '';
  state.dirty.add('text');
  updateCounter();
  ui.edit.focus();
});
ui.suggestUse.addEventListener('click', () => {
  const field = ui.suggestUse.dataset.value || '';
  const agency = ui.suggestUse.dataset.agency || '';
  if (field) {
    if (![...ui.field.options].some((o) => o.value === field)) ui.field.append(el('option', { value: field, text: field }));
    ui.field.value = field;
    state.dirty.add('field');
  }
  if (agency) {
    ui.agency.value = agency;
    state.dirty.add('agency');
  }
  renderDetail();
  ui.saveCat.focus();
});
ui.saveCat.addEventListener('click', saveCategory);
ui.shortlist.addEventListener('click', shortlist);
ui.next.addEventListener('click', () => panelAct('next', {}, 'mod.ok.next'));
ui.onAir.addEventListener('click', () => panelAct('on-air', {}, 'mod.ok.onAir'));
ui.answered.addEventListener('click', () => panelAct('answered', {}, 'mod.ok.answered'));
ui.defer.addEventListener('click', () => panelAct('defer', {}, 'mod.ok.defer'));
ui.reject.addEventListener('click', reject);
ui.unmerge.addEventListener('click', () => panelAct('unmerge', {}, 'mod.ok.unmerge'));
ui.openTarget.addEventListener('click', () => {
  const item = state.items.get(state.selectedId);
  if (item?.mergedInto) openItem(String(item.mergedInto), { focus: true });
});

// run-down
ui.rundownForm.addEventListener('submit', (e) => e.preventDefault());
ui.rundown.addEventListener('keydown', (e) => {
  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
  const r = e.target.closest?.('.rd-item');
  if (!r) return;
  e.preventDefault();
  const role = e.target.dataset?.role || 'open';
  move(r.dataset.id, e.key === 'ArrowUp' ? -1 : 1, role);
});
ui.onAirAnswered.addEventListener('click', () => rundownAct(ui.onAirBox.dataset.id, 'answered'));
ui.onAirDefer.addEventListener('click', () => rundownAct(ui.onAirBox.dataset.id, 'defer'));
ui.onAirOpen.addEventListener('click', () => openItem(ui.onAirBox.dataset.id, { focus: true }));

// producer message
ui.messageForm.addEventListener('submit', (e) => {
  e.preventDefault();
  sendMessage(cleanText(ui.message.value));
});
ui.message.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    sendMessage(cleanText(ui.message.value));
  }
});
ui.messageClear.addEventListener('click', () => sendMessage(null));

// claims: who is at work, renewal, and giving back on leaving
for (const type of ['pointerdown', 'keydown', 'input']) {
  document.addEventListener(type, () => { state.lastActivity = Date.now(); }, { capture: true, passive: true });
}
setInterval(tick, 1000);
setInterval(heartbeat, 10000);
window.addEventListener('pagehide', () => {
  if (state.selectedId) releaseIfMine(state.selectedId, { keepalive: true });
});

onLangChange(() => {
  fillEpisodeSelect(ui.episode, state.episodes, state.episodeId);
  fillFilterSelects();
  fillReasonSelect();
  fillFieldSelect(state.items.get(state.selectedId)?.field, { force: true });
  renderAll();
  renderConn();
  renderServerSearch();
  renderMessage();
});

onBeforeLogout(beforeLogout);
/** The council office's fields and agencies, for the categorise control; the page works without them. */
async function loadCatalog() {
  const names = async (url) => {
    try {
      const res = await getJson(url);
      return (Array.isArray(res?.items) ? res.items : []).filter((x) => x.active !== false).map((x) => String(x.name));
    } catch {
      return [];
    }
  };
  [state.catalogFields, state.catalogAgencies] = await Promise.all([names('/api/fields'), names('/api/agencies')]);
  fillFieldSelect(state.items.get(state.selectedId)?.field, { force: true });
  state.datalistKey = null;
  renderDatalists();
}

requireStaff({ roles: ['editor'] }).then(({ user }) => {
  state.me = actorOf(user);
  onReady();
  loadCatalog();
});
