// What the studio sees: the run-down (order, next, on air with its timer)
// and the producer's message to the studio.

import { t } from '../i18n.js';
import { postJson } from '../api.js';
import { flash } from '../page.js';
import { formatElapsed } from '../format.js';
import { clearFieldErrors, el, hideAlert, keepFocus, reportSubmitError, showFieldErrors } from '../ui.js';
import {
  IN_RUNDOWN, STATUS_CLEAR_MS, airText, badge, claimKind, seqLabel, serverNow, state, statusBadge, ui,
} from './state.js';
import { claimNode } from './queue.js';
import { act, openItem } from './item.js';

// ---- run-down ---------------------------------------------------------------------

export function rundownItems() {
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

export function renderOnAirTimer() {
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

export function renderRundown() {
  const list = rundownItems();
  keepFocus(ui.rundown, () => ui.rundown.replaceChildren(...list.map((item, i) => rundownRow(item, i, list.length))));
  ui.rundownEmpty.hidden = list.length > 0;
  renderOnAir();
}

export async function rundownAct(id, action) {
  const res = await act(id, action, {}, { form: ui.rundownForm, alertEl: ui.rundownAlert });
  if (res) hideAlert(ui.rundownAlert);
  return res;
}

/** Moves an item one place in the run-down with order actions (a swap, or a renumbering when positions tie). */
export async function move(id, delta, role) {
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

// ---- producer message -----------------------------------------------------------------

export function renderMessage() {
  const m = state.studioMessage;
  ui.messageCurrent.textContent = !state.studioKnown ? '…' : m || t('mod.messageNone');
  ui.messageCurrent.classList.toggle('is-empty', !m);
  ui.messageClear.disabled = state.studioKnown && !m;
}

export async function sendMessage(message) {
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
