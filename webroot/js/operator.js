// Hotline operator console: log a call in under 30 seconds, keyboard only.

import { t, onLangChange } from './i18n.js';
import { getJson, postJson, requireStaff, idempotencyTracker } from './api.js';
import { ensureEpisodes, fillEpisodeSelect } from './episodes.js';
import { formatTime, formatElapsed, cleanText, textLength } from './format.js';
import {
  el, initPage, clearFieldErrors, clearErrorsOnEdit, showFieldErrors, reportSubmitError,
  showAlert, hideAlert, urlParam, setUrlParam,
} from './ui.js';
import { check } from './validate.js';
import { FIELDS } from './catalog.js';

const MAX = { name: 120, locality: 200, text: 2000, notes: 1000 };
const TARGET_SECONDS = 30;
const RECENT_LIMIT = 10;
const LOCALITY_KEY = 'danhoi.op.localities';
const LOCALITY_KEEP = 30;
const STATUS_CLEAR_MS = 8000;
// Server field names that may come back for this form under another name.
const ALIASES = { name: 'callerName', phone: 'callerPhone' };

const $ = (id) => document.getElementById(id);
const ui = {
  episode: $('episode'),
  episodeError: $('episode-error'),
  timer: $('timer'),
  timerValue: $('timer-value'),
  prefillNote: $('prefill-note'),
  form: $('call-form'),
  alert: $('call-alert'),
  name: $('c-name'),
  phone: $('c-phone'),
  locality: $('c-locality'),
  localities: $('locality-suggestions'),
  field: $('c-field'),
  text: $('c-text'),
  counter: $('c-text-counter'),
  ready: $('c-ready'),
  callback: $('c-callback'),
  notes: $('c-notes'),
  submit: $('call-submit'),
  submitLabel: $('call-submit-label'),
  status: $('call-status'),
  recentRefresh: $('recent-refresh'),
  recentStatus: $('recent-status'),
  recentList: $('recent-list'),
};

const state = {
  episodes: [],
  episodesLoaded: false,
  episodeId: null,
  sending: false,
  timerStart: null,
  timerHandle: null,
  statusHandle: null,
  recent: null,
  recentSeq: 0,
  prefillPhone: null,
  statusKey: null,
  statusSeconds: null,
};

const idem = idempotencyTracker();

// ---- field <select> -------------------------------------------------------------

function renderFieldOptions() {
  const value = ui.field.value;
  ui.field.replaceChildren(
    el('option', { value: '', text: t('op.fieldNone') }),
    // The digit lets the select's type-ahead pick a field with one key.
    ...FIELDS.map(([v, key], i) => el('option', { value: v, text: `${i + 1} · ${t(key)}` })),
  );
  ui.field.value = value;
}

// ---- timer ----------------------------------------------------------------------

function renderTimer() {
  const ms = state.timerStart ? Date.now() - state.timerStart : 0;
  ui.timerValue.textContent = formatElapsed(ms);
  ui.timer.classList.toggle('is-running', Boolean(state.timerStart));
  ui.timer.classList.toggle('is-over', ms >= TARGET_SECONDS * 1000);
}

function startTimer() {
  if (state.timerStart) return;
  state.timerStart = Date.now();
  state.timerHandle = setInterval(renderTimer, 250);
  renderTimer();
}

function stopTimer() {
  const seconds = state.timerStart ? Math.round((Date.now() - state.timerStart) / 1000) : null;
  clearInterval(state.timerHandle);
  state.timerHandle = null;
  state.timerStart = null;
  renderTimer();
  return seconds;
}

// ---- status line ----------------------------------------------------------------

function renderStatus() {
  if (!state.statusKey) {
    ui.status.textContent = '';
    return;
  }
  ui.status.textContent = state.statusSeconds != null
    ? t('op.savedIn', { n: state.statusSeconds })
    : t(state.statusKey);
}

function flashSaved(seconds) {
  state.statusKey = 'op.saved';
  state.statusSeconds = seconds;
  renderStatus();
  clearTimeout(state.statusHandle);
  state.statusHandle = setTimeout(() => {
    state.statusKey = null;
    renderStatus();
  }, STATUS_CLEAR_MS);
}

// ---- locality suggestions (this browser only) -----------------------------------

function storedLocalities() {
  try {
    const v = JSON.parse(localStorage.getItem(LOCALITY_KEY) || '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function renderLocalities() {
  ui.localities.replaceChildren(...storedLocalities().map((v) => el('option', { value: v })));
}

function rememberLocality(value) {
  const list = [value, ...storedLocalities().filter((v) => v !== value)].slice(0, LOCALITY_KEEP);
  try {
    localStorage.setItem(LOCALITY_KEY, JSON.stringify(list));
  } catch {
    // suggestions are a convenience
  }
  renderLocalities();
}

// ---- form -----------------------------------------------------------------------

function updateCounter() {
  const n = textLength(ui.text.value.trim());
  ui.counter.textContent = t('form.counter', { n, max: MAX.text });
  ui.counter.classList.toggle('over', n > MAX.text);
}

function renderPrefill() {
  ui.prefillNote.hidden = !state.prefillPhone;
  if (state.prefillPhone) ui.prefillNote.textContent = t('op.prefilled', { phone: state.prefillPhone });
}

function readForm() {
  return {
    callerName: cleanText(ui.name.value),
    callerPhone: cleanText(ui.phone.value),
    locality: cleanText(ui.locality.value),
    field: ui.field.value,
    text: cleanText(ui.text.value),
    readyForAir: ui.ready.checked,
    callbackPhone: cleanText(ui.callback.value),
    notes: cleanText(ui.notes.value),
  };
}

function validate(d) {
  return check([
    ['callerName', d.callerName, { required: 'err.name.required', max: [MAX.name, 'err.name.tooLong'] }],
    ['callerPhone', d.callerPhone, { required: 'err.phone.required', phone: 'err.phone.invalid' }],
    ['locality', d.locality, { required: 'err.locality.required', max: [MAX.locality, 'err.locality.tooLong'] }],
    ['text', d.text, { required: 'err.text.required', max: [MAX.text, 'err.text.tooLong'] }],
    ['callbackPhone', d.callbackPhone, { phone: 'err.phone.invalid' }],
    ['notes', d.notes, { max: [MAX.notes, 'err.notes.tooLong'] }],
  ]);
}

function setSending(sending) {
  state.sending = sending;
  const key = sending ? 'op.saving' : 'op.save';
  ui.submitLabel.dataset.i18n = key;
  ui.submitLabel.textContent = t(key);
  ui.submit.disabled = sending;
  ui.form.setAttribute('aria-busy', String(sending));
}

function resetForm() {
  ui.form.reset();
  clearFieldErrors(ui.form, ui.alert);
  state.prefillPhone = null;
  renderPrefill();
  updateCounter();
}

function focusName() {
  ui.name.focus();
  ui.name.select();
}

async function submit(e) {
  e?.preventDefault();
  if (state.sending) return;
  clearFieldErrors(ui.form, ui.alert);
  if (!state.episodeId) {
    showAlert(ui.alert, t('op.noEpisodes'));
    ui.episode.focus();
    return;
  }
  const d = readForm();
  const errors = validate(d);
  if (errors.length) {
    showFieldErrors(ui.form, errors, { alertEl: ui.alert });
    return;
  }
  const body = {
    callerName: d.callerName,
    callerPhone: d.callerPhone,
    locality: d.locality,
    text: d.text,
    readyForAir: d.readyForAir,
  };
  if (d.field) body.field = d.field;
  const callback = d.callbackPhone || (d.readyForAir ? d.callerPhone : '');
  if (callback) body.callbackPhone = callback;
  if (d.notes) body.notes = d.notes;
  const episodeId = state.episodeId;
  const idempotencyKey = idem.keyFor([episodeId, body]);

  setSending(true);
  try {
    await postJson(`/api/episodes/${encodeURIComponent(episodeId)}/calls`, body, { idempotencyKey });
    idem.done();
    rememberLocality(d.locality);
    const seconds = stopTimer();
    resetForm();
    flashSaved(seconds);
    focusName();
    loadRecent();
  } catch (err) {
    reportSubmitError(ui.form, err, {
      alertEl: ui.alert,
      aliases: ALIASES,
      messages: { network: 'op.networkError' },
    });
  } finally {
    setSending(false);
  }
}

// ---- recent calls ---------------------------------------------------------------

function callItem(c) {
  const head = el('div', { class: 'call-head' },
    el('time', { class: 'call-time', datetime: c.receivedAt || null, text: formatTime(c.receivedAt) }),
    el('strong', { text: c.askerName || '' }),
    c.phone ? el('span', { text: c.phone }) : null,
    c.locality ? el('span', { text: c.locality }) : null,
    c.field ? el('span', { class: 'badge badge-muted', text: c.field }) : null,
    c.readyForAir ? el('span', { class: 'badge badge-ready', text: t('mod.ready') }) : null);
  return el('li', {},
    head,
    el('p', { class: 'call-text', text: c.text || '' }),
    c.callbackPhone ? el('p', { class: 'hint', text: t('op.callback', { phone: c.callbackPhone }) }) : null);
}

function renderRecent() {
  if (state.recent == null) return;
  ui.recentList.replaceChildren(...state.recent.map(callItem));
  ui.recentStatus.textContent = state.recent.length ? '' : t('op.recentEmpty');
}

async function loadRecent() {
  const episodeId = state.episodeId;
  if (!episodeId) return;
  const seq = ++state.recentSeq;
  try {
    const res = await getJson(`/api/episodes/${encodeURIComponent(episodeId)}/calls?limit=${RECENT_LIMIT}`);
    if (seq !== state.recentSeq) return; // an episode switch overtook this answer
    state.recent = Array.isArray(res?.items) ? res.items : [];
    renderRecent();
  } catch (err) {
    if (seq !== state.recentSeq || err.status === 401) return;
    ui.recentStatus.textContent = t('op.recentFailed');
  }
}

// ---- episodes -------------------------------------------------------------------

function episodesLoaded() {
  return ensureEpisodes(state, { select: ui.episode, alert: ui.episodeError, retry: loadEpisodesAndRecent });
}

async function loadEpisodesAndRecent() {
  if (await episodesLoaded()) loadRecent();
}

async function start() {
  await requireStaff({ roles: ['operator'] });
  focusName();
  await loadEpisodesAndRecent();
}

// ---- wiring ---------------------------------------------------------------------

initPage();
renderFieldOptions();
renderLocalities();
updateCounter();
renderTimer();

// A PBX opens the console with ?phone=…&episode=… when a call rings. Read
// raw: URLSearchParams would turn the "+" of "+84…" into a space.
const pbxMatch = location.search.match(/[?&]phone=([^&]*)/);
let pbxPhone = null;
try {
  pbxPhone = pbxMatch ? decodeURIComponent(pbxMatch[1]) : null;
} catch {
  pbxPhone = urlParam('phone');
}
if (pbxPhone) {
  ui.phone.value = cleanText(pbxPhone);
  state.prefillPhone = ui.phone.value;
  renderPrefill();
  startTimer(); // the call has started
  setUrlParam('phone', null); // a reload must not pre-fill a finished call
}

ui.form.addEventListener('submit', submit);
clearErrorsOnEdit(ui.form);
ui.form.addEventListener('input', startTimer);
ui.form.addEventListener('change', startTimer);
ui.text.addEventListener('input', updateCounter);

ui.form.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
    e.preventDefault();
    submit();
  }
});

document.addEventListener('keydown', (e) => {
  if (e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N')) {
    if (ui.form.closest('[data-auth-content]')?.hidden) return; // not (yet) allowed: the form is hidden
    e.preventDefault();
    focusName();
  }
});

ui.ready.addEventListener('change', () => {
  if (ui.ready.checked && !ui.callback.value.trim()) ui.callback.value = cleanText(ui.phone.value);
});

ui.episode.addEventListener('change', () => {
  state.episodeId = ui.episode.value || null;
  setUrlParam('episode', state.episodeId);
  state.recent = null;
  ui.recentList.replaceChildren();
  loadRecent();
});

ui.recentRefresh.addEventListener('click', loadEpisodesAndRecent);

onLangChange(() => {
  renderFieldOptions();
  fillEpisodeSelect(ui.episode, state.episodes, state.episodeId);
  updateCounter();
  renderPrefill();
  renderStatus();
  renderRecent();
  setSending(state.sending);
});

start();
