// The selected item's panel: the actions sent to the server (claim, release,
// edit, categorise, shortlist, reject, merge…), its details, similar and merged items.

import { t } from '../i18n.js';
import { getJson, postJson } from '../api.js';
import { flash } from '../page.js';
import { cleanText, formatDateTime, formatElapsed, formatTime, telHref, textLength } from '../format.js';
import { clearFieldErrors, el, keepFocus, reportSubmitError, showFieldErrors } from '../ui.js';
import {
  CLOSED_STATUSES, channelIconNode, channelLabel, fieldLabel, kindAwaitsConfirmation, kindLabel,
  rejectReasonLabel,
} from '../catalog.js';
import {
  IN_RUNDOWN, MAX_TEXT, REJECT_CONFIRM_MS, STATUS_CLEAR_MS, airText, badge, claimKind, claimLeftMs, learnSkew,
  rememberMe, seqLabel, state, statusBadge, ui,
} from './state.js';
import { redrawRow, setItem } from './queue.js';
import { rundownItems } from './rundown.js';

// ---- actions ----------------------------------------------------------------------

/**
 * POSTs one action. Errors (409 "Câu hỏi đang được xử lý bởi …", invalid
 * transitions, field errors) are shown in alertEl / next to form's control.
 * Resolves with the item after the change, or null.
 */
export async function act(id, action, extra = {}, { form = ui.form, alertEl = ui.alert, quiet = false } = {}) {
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
export async function panelAct(action, extra = {}, okKey = null) {
  const id = state.selectedId;
  if (!id || state.busy) return null;
  state.busy = true;
  let done;
  state.idle = new Promise((resolve) => { done = resolve; });
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
    done();
  }
}

/** Resolves once the panel's action under way (if any) has answered: a key pressed meanwhile waits for it. */
export const whenIdle = () => (state.busy ? state.idle : Promise.resolve());

export async function claim(id, { quiet = false } = {}) {
  state.lastClaimAt = Date.now();
  return act(id, 'claim', {}, { quiet });
}

/**
 * Gives the item back if this editor holds it. Errors are not shown: the
 * claim lapses anyway. Resolves when done (logging out waits for it).
 */
export function releaseIfMine(id, { keepalive = false } = {}) {
  const item = state.items.get(id);
  if (!item || claimKind(item) !== 'me') return Promise.resolve();
  return postJson(`/api/items/${encodeURIComponent(id)}/actions`, { action: 'release' }, { keepalive })
    .then((res) => { if (res?.id != null) setItem(res, { eventId: res.eventId ?? null }); })
    .catch(() => {});
}

// ---- detail panel -----------------------------------------------------------------

export const DIRTY_INPUTS = { text: 'edit', field: 'field', agency: 'agency', responder: 'responder' };

/**
 * The field the categorise control starts from: the item's own, else the one the server suggested (marked
 * "Gợi ý"), else none. Nothing is chosen for the editor that nobody proposed.
 */
const startField = (item) => item.field || item.suggestedField || '';

function fillInputs(item, { force = false } = {}) {
  const set = (name, value) => {
    if (!force && state.dirty.has(name)) return;
    const input = ui[DIRTY_INPUTS[name]];
    if (input.value !== value) input.value = value;
  };
  fillFieldSelect([item.field, item.suggestedField]);
  set('text', airText(item));
  set('field', startField(item));
  set('agency', item.agency || '');
  set('responder', item.responder || '');
  updateCounter();
}

/** A list's option label with the digit that picks it (1–9) while the list has the keyboard. */
const keyed = (i, text) => (i < 9 ? `${i + 1} · ${text}` : text);

/**
 * The categorise list: the catalogue's fields in the office's order (keys 1–9 pick them), then a value an item
 * carries that the catalogue no longer has. `current` are the values the open item may show.
 */
export function fillFieldSelect(current = [], { force = false } = {}) {
  const value = ui.field.value;
  const names = state.fieldNames;
  const extra = [...new Set([].concat(current).filter((v) => v && !names.includes(v)))];
  const item = state.items.get(state.selectedId);
  const suggested = item && !item.field ? item.suggestedField || '' : '';
  const key = `${names.join('\u0000')}\u0001${extra.join('\u0000')}\u0001${suggested}`;
  // Rebuilt only when needed: rebuilding closes a select the editor has open.
  if (!force && ui.field.options.length && ui.field.dataset.extra === key) return;
  ui.field.dataset.extra = key;
  const label = (v) => (v === suggested ? `${fieldLabel(v)} — ${t('mod.suggestedMark')}` : fieldLabel(v));
  ui.field.replaceChildren(
    el('option', { value: '', text: t('op.fieldNone') }),
    ...names.map((v, i) => el('option', { value: v, text: keyed(i, label(v)) })),
    ...extra.map((v) => el('option', { value: v, text: label(v) })));
  ui.field.value = value;
}

/** The reasons the server accepts (console settings), keyed 1–9 in its order. */
export function fillReasonSelect() {
  const value = ui.reason.value;
  ui.reason.replaceChildren(
    el('option', { value: '', text: t('mod.rejectChoose') }),
    ...state.rejectReasons.map((r, i) => el('option', { value: r.id, text: keyed(i, reasonLabel(r)) })));
  ui.reason.value = value;
}

/** The page's language when it has the reason, else the server's own label. */
function reasonLabel(reason) {
  const label = rejectReasonLabel(reason.id);
  return label === reason.id ? reason.label || reason.id : label;
}

/** Picks the n-th option (1–9) of the categorise or reason list, as keys do; false when there is none. */
export function pickOption(select, n) {
  const option = select.options[n];
  if (!option || !option.value || select.disabled) return false;
  select.value = option.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

export function updateCounter() {
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

export function renderClaimLine(item) {
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
  // Always in its place, so the bar does not jump: disabled while this editor or another holds the item.
  ui.claimBtn.disabled = kind !== null;
  ui.release.hidden = kind !== 'me';
}

export function renderDetail() {
  const item = state.selectedId ? state.items.get(state.selectedId) : null;
  ui.detailEmpty.hidden = Boolean(item);
  ui.form.hidden = !item;
  ui.detail.classList.toggle('is-open', Boolean(item));
  if (!item) return;

  const askers = Number(item.askerCount);
  const place = IN_RUNDOWN.has(item.status) ? rundownItems().findIndex((x) => String(x.id) === String(item.id)) + 1 : 0;
  ui.head.replaceChildren(...[
    el('span', { class: 'ch-label', dataset: { channel: String(item.channel ?? '') } },
      channelIconNode(item.channel), ' ', channelLabel(item.channel)),
    el('span', { class: 'q-seq', text: seqLabel(item) }),
    el('time', { class: 'q-time', datetime: item.receivedAt || null, text: formatTime(item.receivedAt) }),
    statusBadge(item.status),
    askers > 1 ? badge(t('mod.askers', { n: askers }), 'badge-askers') : null,
    place ? badge(t('mod.position', { n: place }), 'badge-muted') : null,
  ].filter(Boolean));
  renderClaimLine(item);
  ui.asker.replaceChildren(...askerList(item));
  ui.original.textContent = item.text || '';
  // the message as it arrived (an SMS with its keyword, an e-mail's whole body), when the stored text differs
  const received = item.originalText && item.originalText !== item.text ? item.originalText : '';
  ui.received.hidden = !received;
  ui.receivedText.textContent = received;

  // merged into another
  const target = item.mergedInto ? state.items.get(String(item.mergedInto)) : null;
  ui.merged.hidden = item.status !== 'merged' && !item.mergedInto;
  ui.mergedText.replaceChildren(
    el('strong', { text: t('mod.mergedIntoLong', { v: target ? seqLabel(target) : '' }) }), ' ',
    target ? airText(target) : '');
  ui.openTarget.hidden = !target;

  renderKind(item);
  fillInputs(item);
  // Only the server suggests (the council office's catalogue, whole words, made at intake for every channel):
  // a second list of keywords in the page would disagree with it.
  const suggestion = item.suggestedField || null;
  const agencySuggestion = item.suggestedAgency || '';
  // the control shows the server's suggestion, not the item's own field: say so
  ui.fieldSuggested.hidden = !(suggestion && !item.field && ui.field.value === suggestion);
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
  ui.merge.disabled = off(closed || onAir);
  ui.unmerge.disabled = off(item.status !== 'merged');
  // a complaint or denunciation never goes on air: confirmed, it is out of the queue; suggested, it waits for a word
  const notQuestion = (item.kind && item.kind !== 'question') || kindAwaitsConfirmation(item);
  ui.shortlist.disabled ||= notQuestion;
  ui.next.disabled ||= notQuestion;
  ui.onAir.disabled ||= notQuestion;
  for (const b of ui.kindButtons) {
    const k = b.dataset.kind;
    const same = (item.kind || 'question') === k && (k !== 'question' || !kindAwaitsConfirmation(item));
    b.disabled = off(same || onAir || (closed && item.status !== 'referred'));
  }
  for (const input of [ui.edit, ui.agency, ui.responder]) input.readOnly = held || closed;
  ui.field.disabled = held || closed;
  renderRejectButton();

  renderSimilar();
  renderChildren(item);
}

/** The rules' reading of the message (a badge when they suspect a complaint) and what an editor confirmed. */
function renderKind(item) {
  const parts = [];
  if (kindAwaitsConfirmation(item)) {
    parts.push(badge(t('mod.kind.maybe'), 'badge-complaint'), ' ',
      t('mod.kind.suggested', { v: kindLabel(item.suggestedKind) }));
  } else if (item.kind && item.kind !== 'question') {
    parts.push(badge(kindLabel(item.kind), 'badge-complaint'), ' ', t('mod.kind.referred'));
  } else {
    parts.push(t('mod.kind.isQuestion'));
  }
  ui.kindText.replaceChildren(...parts);
}

/** Confirms what the message is (Alt+Shift+K/T/C): complaint, denunciation, or a question after all. */
export async function classify(kind) {
  const res = await panelAct('classify', { kind }, kind === 'question' ? 'mod.ok.kindQuestion' : 'mod.ok.kindReferred');
  if (res) renderDetail();
}

export function renderRejectButton() {
  const armed = Date.now() < state.rejectArmedUntil;
  const key = armed ? 'mod.rejectConfirm' : 'mod.rejectShort';
  ui.rejectLabel.dataset.i18n = key;
  ui.rejectLabel.textContent = t(key);
  ui.reject.classList.toggle('is-armed', armed);
}

/** "Gộp trùng" (G): to the first similar question that can take this one, its merge button under the keyboard. */
export function goToMerge() {
  const button = [...ui.similarList.querySelectorAll('button[data-role="merge"]')].find((b) => !b.disabled);
  if (!button) {
    flash(ui.status, state.similarFor === state.selectedId ? t('mod.mergeNone') : t('mod.similarLoading'),
      STATUS_CLEAR_MS);
    return;
  }
  button.focus({ preventScroll: true });
  button.scrollIntoView({ block: 'nearest' });
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

export function openItem(id, { focus = false } = {}) {
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

export function closeDetail({ release = true } = {}) {
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

export async function saveEdit() {
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

export async function saveCategory() {
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

export async function shortlist() {
  const responder = cleanText(ui.responder.value);
  const res = await panelAct('shortlist', responder ? { responder } : {}, 'mod.ok.shortlist');
  if (res) {
    state.dirty.delete('responder');
    renderDetail();
  }
}

export async function reject() {
  const reason = ui.reason.value;
  if (!reason) {
    showFieldErrors(ui.form, [{ field: 'reason', message: t('mod.err.reasonRequired') }], { alertEl: ui.alert });
    ui.reason.focus({ preventScroll: true });
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
