// The moderation page's shared pieces: its settings, the page's elements (ui), the
// one state object every panel reads and writes, and the small rules about claims
// and labels that several panels use.

import { el } from '../ui.js';
import { itemStatusLabel } from '../catalog.js';

export const HIGHLIGHT_MS = 6000;
export const STATUS_CLEAR_MS = 5000;
export const REJECT_CONFIRM_MS = 5000;
export const MAX_TEXT = 2000;
export const NO_FIELD = '__none';
export const OPEN_FILTER = '__open';
export const IN_RUNDOWN = new Set(['shortlisted', 'next']);

const $ = (id) => document.getElementById(id);
export const ui = {
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
  received: $('d-received'),
  receivedText: $('d-received-text'),
  merged: $('d-merged'),
  mergedText: $('d-merged-text'),
  openTarget: $('d-open-target'),
  unmerge: $('d-unmerge'),
  edit: $('d-edit'),
  editCounter: $('d-edit-counter'),
  saveEdit: $('d-save-edit'),
  useOriginal: $('d-use-original'),
  field: $('d-field'),
  fieldSuggested: $('d-field-suggested'),
  agency: $('d-agency'),
  agencyList: $('agency-list'),
  kindBox: $('d-kind'),
  kindText: $('d-kind-text'),
  kindButtons: [$('d-kind-complaint'), $('d-kind-denunciation'), $('d-kind-question')],
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
  merge: $('d-merge'),
  reason: $('d-reason'),
  reject: $('d-reject'),
  rejectLabel: $('d-reject-label'),
  actionBar: $('d-actions'),
  legend: $('key-legend'),
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

// One object, read and written by every panel; its keys are grouped by the module that owns them.
export const state = {
  // socket.js: the episode, the sockets, the batched redraw
  episodes: [],
  episodesLoaded: false,
  episodeId: null,
  socket: null,
  studioSocket: null,
  conn: { status: 'closed', detail: { stopped: true } },
  haveSnapshot: false,
  lastEventId: null, // highest eventId seen on the socket: where a reconnection resumes
  renderQueued: false,
  pendingRender: { rundown: false, detail: false, lists: false },
  datalistKey: '',
  lastActivity: Date.now(),
  // queue.js: the items, their rows, the filters and the server search
  items: new Map(), // id → item
  order: [], // ids, newest first
  nodes: new Map(), // id → <li>
  haystacks: new Map(), // id → folded searchable text
  itemEvents: new Map(), // id → eventId of the version shown
  channel: '',
  statusFilter: '',
  fieldFilter: '',
  terms: [],
  serverIds: null, // Set of ids found by the server search, or null
  serverQuery: '',
  serverSeq: 0,
  // item.js: the selected item, its claim and its edits
  selectedId: null,
  claimed: new Set(), // ids with a claim, checked every second for lapses
  dirty: new Set(), // names of the detail inputs edited since they were filled
  busy: false,
  idle: Promise.resolve(), // settles when the action under way answers
  similar: [],
  similarFor: null,
  similarSeq: 0,
  rejectArmedUntil: 0,
  catalogAgencies: [], // agency names from /api/agencies
  me: null, // this editor's actor id ("staff:<id>"), from /api/auth/me
  skewMs: 0, // local clock minus server clock, learnt from our own claims
  lastClaimAt: 0,
  // The server lets an editor's claim lapse this long after claimedAt (GET /api/console/settings, claimTtlSeconds);
  // until the settings arrive, the server's default.
  claimTtlMs: 120 * 1000,
  fieldNames: [], // the catalogue's field names, in the office's order: the categorise list and the queue filter
  rejectReasons: [], // [{ id, label }] from the console settings
  // rundown.js: moving rows, the producer's message
  moving: false,
  studioMessage: null,
  studioKnown: false,
};

// ---- small helpers ---------------------------------------------------------------

/**
 * The server's answer to our own claim names us as it records us: should it
 * spell the actor otherwise than "staff:<id>", that spelling is the one to compare.
 */
export function rememberMe(actor) {
  if (!actor || actor === state.me) return;
  state.me = actor;
}

export const serverNow = () => Date.now() - state.skewMs;

/** The server stamped `iso` between sentAt and receivedAt (local clock). */
export function learnSkew(iso, sentAt, receivedAt) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return;
  const skew = Math.round((sentAt + receivedAt) / 2 - at);
  // Under a second is network noise; only a mis-set clock is worth correcting.
  state.skewMs = Math.abs(skew) > 1000 ? skew : 0;
}

/**
 * While the editor works on the open item, the claim is renewed this often: well before it lapses, with time
 * for a slow answer (50 s of the default two minutes).
 */
export const claimRenewMs = () => Math.max(1000, Math.floor(state.claimTtlMs * 5 / 12));

function claimActive(item) {
  if (!item?.claimedBy || !item.claimedAt) return false;
  const at = Date.parse(item.claimedAt);
  return !Number.isNaN(at) && at + state.claimTtlMs > serverNow();
}

/** 'me' | 'other' | null: who holds the item now. */
export function claimKind(item) {
  if (!claimActive(item)) return null;
  return state.me && item.claimedBy === state.me ? 'me' : 'other';
}

export function claimLeftMs(item) {
  return Math.max(0, Date.parse(item.claimedAt) + state.claimTtlMs - serverNow());
}

export const airText = (item) => item.editedText || item.text || '';
export const seqLabel = (item) => (item?.seq != null ? `#${item.seq}` : '');

export function badge(text, cls = '') {
  return el('span', { class: `badge ${cls}`.trim(), text });
}

export function statusBadge(status) {
  return el('span', { class: `badge status-badge`, dataset: { status: String(status ?? '') }, text: itemStatusLabel(status) });
}
