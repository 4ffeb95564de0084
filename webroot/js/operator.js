// Hotline operator console: log a call in under 30 seconds, keyboard only. The keys (shown on the page): Tab
// through the call in the order it is told; Alt+1…9 anywhere, or the digit alone while on the field group,
// chooses the field; Ctrl+Enter saves and brings focus back to the caller's name; Esc twice clears. A plain digit
// in a text box is left alone: Telex and VNI type Vietnamese with letters and digits.

import { t, onLangChange } from './i18n.js';
import { getJson, postJson, requireStaff, idempotencyTracker } from './api.js';
import { ensureEpisodes, fillEpisodeSelect } from './episodes.js';
import { formatTime, formatElapsed, cleanText, textLength } from './format.js';
import {
  el, initPage, clearFieldErrors, clearErrorsOnEdit, showFieldErrors, reportSubmitError,
  showAlert, hideAlert, urlParam, setUrlParam,
} from './ui.js';
import { check } from './validate.js';
import { catalogFields, consoleSettings } from './catalog.js';

// Until GET /api/console/settings answers; then the server's limits.
const MAX = { name: 120, locality: 200, text: 2000, notes: 1000 };
const TARGET_SECONDS = 30;
const RECENT_LIMIT = 10;
const LOCALITY_KEY = 'danhoi.op.localities';
const LOCALITY_KEEP = 30;
const ESC_AGAIN_MS = 3000;
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
  fieldOptions: $('c-field-options'),
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
  fields: null,
  fieldsFailed: false,
  escAt: 0,
  recent: null,
  recentSeq: 0,
  prefillPhone: null,
  status: null,
};

const idem = idempotencyTracker();

// ---- field choice (the catalogue's fields, nothing chosen until the operator chooses) ----------

/** The radios of the field group, in the catalogue's order; the first nine have a digit key. */
function fieldRadios() {
  return [...ui.fieldOptions.querySelectorAll('input[name="field"]')];
}

function renderFieldOptions() {
  const chosen = ui.form.querySelector('input[name="field"]:checked')?.value ?? null;
  if (state.fields == null) {
    const key = state.fieldsFailed ? 'op.fieldsFailed' : 'op.fieldsLoading';
    ui.fieldOptions.replaceChildren(el('p', { class: 'muted', text: t(key) }));
    return;
  }
  if (!state.fields.length) {
    ui.fieldOptions.replaceChildren(el('p', { class: 'muted', text: t('op.fieldsEmpty') }));
    return;
  }
  ui.fieldOptions.replaceChildren(...state.fields.map((f, i) => {
    const id = `c-field-${i + 1}`;
    const radio = el('input', { type: 'radio', name: 'field', id, value: f.name });
    radio.checked = f.name === chosen;
    if (i < 9) radio.setAttribute('aria-keyshortcuts', `Alt+${i + 1} ${i + 1}`);
    return el('label', { class: 'op-field-option', for: id },
      radio,
      i < 9 ? el('kbd', { 'aria-hidden': 'true', text: String(i + 1) }) : null,
      el('span', { text: f.name }));
  }));
}

async function loadFields() {
  try {
    state.fields = await catalogFields();
  } catch (err) {
    if (err.status === 401) return;
    state.fieldsFailed = true;
  }
  renderFieldOptions();
}

/** Chooses the n-th field (1-based); false when there is none. */
function chooseField(n) {
  const radio = fieldRadios()[n - 1];
  if (!radio) return false;
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

function clearField() {
  for (const r of fieldRadios()) r.checked = false;
}

async function applyLimits() {
  try {
    const { limits } = await consoleSettings();
    for (const k of Object.keys(MAX)) {
      if (Number.isInteger(limits?.[k]) && limits[k] > 0) MAX[k] = limits[k];
    }
  } catch {
    // the defaults above hold until the next load; the server checks the lengths anyway
  }
  ui.name.maxLength = MAX.name;
  ui.locality.maxLength = MAX.locality;
  ui.text.maxLength = MAX.text;
  ui.notes.maxLength = MAX.notes;
  updateCounter();
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

// ---- status line (next to Save, so the confirmation is seen where the operator looks) ---------

/** status: { key, params } or null; kept until the operator starts the next call. */
function setStatus(status) {
  state.status = status;
  renderStatus();
}

function renderStatus() {
  ui.status.textContent = state.status ? t(state.status.key, state.status.params) : '';
  ui.status.classList.toggle('is-saved', Boolean(state.status?.saved));
}

// the code is read out to the caller before the call ends: it is how they follow their question
function flashSaved(name, seconds, code) {
  const suffix = code ? 'Code' : '';
  setStatus(seconds != null
    ? { key: `op.savedIn${suffix}`, params: { name, n: seconds, code }, saved: true }
    : { key: `op.savedFor${suffix}`, params: { name, code }, saved: true });
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
    field: ui.form.querySelector('input[name="field"]:checked')?.value || '',
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
  clearField();
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
    const res = await postJson(`/api/episodes/${encodeURIComponent(episodeId)}/calls`, body, { idempotencyKey });
    idem.done();
    rememberLocality(d.locality);
    const seconds = stopTimer();
    resetForm();
    flashSaved(d.callerName, seconds, res && res.receipt);
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
    c.receipt ? el('span', { class: 'badge badge-muted', title: t('op.receipt'), text: c.receipt }) : null,
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
  loadFields();
  applyLimits();
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
// The last confirmation stays until the next call is begun.
ui.form.addEventListener('input', () => { if (state.status) setStatus(null); });
ui.text.addEventListener('input', updateCounter);

ui.form.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
    e.preventDefault();
    submit();
  }
});

/** The digit key of an Alt chord, by position (e.code): with Alt held, e.key may be another character. */
function altDigitOf(e) {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(e.code || '');
  return m ? Number(m[1]) : null;
}

// On the field group a digit chooses (a radio takes no text); 0, Backspace or Delete leaves the field unchosen.
ui.field.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
  // by e.key: a numeric keypad without Num Lock sends End, arrows… with the digits' codes
  const n = /^[0-9]$/.test(e.key) ? Number(e.key) : null;
  if (n != null && n > 0 && chooseField(n)) {
    e.preventDefault();
    fieldRadios()[n - 1].focus();
  } else if (n === 0 || e.key === 'Backspace' || e.key === 'Delete') {
    e.preventDefault();
    clearField();
  }
});

function escapePressed() {
  const now = Date.now();
  if (now - state.escAt > ESC_AGAIN_MS) {
    // one Esc also closes the locality suggestions: a second one, soon after, is needed to clear
    state.escAt = now;
    setStatus({ key: 'op.escAgain' });
    return;
  }
  state.escAt = 0;
  stopTimer();
  resetForm();
  setStatus({ key: 'op.cleared' });
  focusName();
}

document.addEventListener('keydown', (e) => {
  if (ui.form.closest('[data-auth-content]')?.hidden || e.isComposing) return; // not (yet) allowed: hidden
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    const n = altDigitOf(e);
    if (e.code === 'KeyN') {
      e.preventDefault();
      focusName();
    } else if (n === 0) {
      e.preventDefault();
      clearField();
    } else if (n != null && chooseField(n)) {
      e.preventDefault();
    }
  } else if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && ui.form.contains(document.activeElement)) {
    e.preventDefault();
    escapePressed();
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
