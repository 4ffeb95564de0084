// The queue panel: one row per item, the channel/status/field filters, the
// local search and the server search, and how items from the socket land in it.

import { t } from '../i18n.js';
import { getJson } from '../api.js';
import { cleanText, foldAccents, formatTime } from '../format.js';
import { el } from '../ui.js';
import {
  CLOSED_STATUSES, STATUSES, channelIconNode, channelLabel, fieldLabel, itemStatusLabel, kindAwaitsConfirmation,
  kindLabel, rejectReasonLabel,
} from '../catalog.js';
import {
  HIGHLIGHT_MS, NO_FIELD, OPEN_FILTER, airText, badge, claimKind, seqLabel, state, statusBadge, ui,
} from './state.js';
import { closeDetail, openItem } from './item.js';
import { scheduleRender, touched } from './socket.js';

// ---- queue rows -------------------------------------------------------------------

function haystack(item) {
  return foldAccents([
    item.text, item.editedText, item.askerName, item.locality, item.field, item.agency, item.responder,
    item.phone, item.email, item.notes, item.callbackPhone, item.seq != null ? `#${item.seq}` : null,
  ].filter(Boolean).join(' \u0000 '));
}

export function claimNode(item) {
  const kind = claimKind(item);
  if (kind === 'other') {
    return el('span', { class: 'badge badge-claim', text: t('mod.claimedBy', { name: item.claimedName || '?' }) });
  }
  if (kind === 'me') return el('span', { class: 'badge badge-mine', text: t('mod.claimedByMe') });
  return null;
}

function row(item) {
  const id = String(item.id);
  const askers = Number(item.askerCount);
  const supports = Number(item.supports);
  const head = el('span', { class: 'q-head' },
    el('span', { class: 'ch-label' },
      channelIconNode(item.channel), ' ', channelLabel(item.channel)),
    el('span', { class: 'q-seq', text: seqLabel(item) }),
    el('time', { class: 'q-time', datetime: item.receivedAt || null, text: formatTime(item.receivedAt) }),
    statusBadge(item.status),
    item.readyForAir ? badge(t('mod.ready'), 'badge-ready') : null,
    kindAwaitsConfirmation(item) ? badge(t('mod.kind.maybe'), 'badge-complaint') : null,
    item.kind && item.kind !== 'question' ? badge(kindLabel(item.kind), 'badge-complaint') : null,
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

export function fillFilterSelects() {
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
    ...state.fieldNames.map((v) => el('option', { value: v, text: fieldLabel(v) })),
    // a filter chosen before the catalogue arrived (or a field it no longer has) stays chosen
    ...(fv && fv !== NO_FIELD && !state.fieldNames.includes(fv) ? [el('option', { value: fv, text: fieldLabel(fv) })] : []));
  ui.fField.value = fv;
}

function renderSummary() {
  const counts = { all: state.order.length, hotline: 0, sms: 0, web: 0, zalo: 0, youtube: 0, facebook: 0 };
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

export function renderAll() {
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

export function applyFilter() {
  for (const id of state.order) state.nodes.get(id).hidden = !matches(id);
  renderSummary();
}

/** Re-draws one row where it is, keeping keyboard focus on it. */
export function redrawRow(id, { flashIt = false } = {}) {
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

export function clearQueue() {
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
export function applySnapshot(items) {
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
export function setItem(item, { eventId = null, fresh = false } = {}) {
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

export function renderServerSearch() {
  ui.serverSearch.hidden = !state.serverIds && !state.serverQuery;
  if (state.serverIds) {
    ui.serverSearchText.textContent = t('mod.serverResults', { q: state.serverQuery, n: state.serverIds.size });
  } else if (state.serverQuery) {
    ui.serverSearchText.textContent = t('mod.serverSearching', { q: state.serverQuery });
  }
}

export async function serverSearch() {
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

export function clearServerSearch() {
  state.serverSeq += 1;
  state.serverIds = null;
  state.serverQuery = '';
  renderServerSearch();
  applyFilter();
}

// ---- moving by keyboard -----------------------------------------------------------

/**
 * J/K and ↓/↑: opens the next or previous row the filters show (as a click would: it claims it) and keeps
 * the keyboard on that row, so the next key acts on the item the editor sees selected.
 */
export function step(delta) {
  const shown = state.order.filter((id) => state.nodes.get(id) && !state.nodes.get(id).hidden);
  if (!shown.length) return;
  const focused = document.activeElement?.closest?.('.q-item')?.dataset.id;
  const at = shown.indexOf(state.selectedId ?? focused);
  const id = at < 0 ? shown[delta > 0 ? 0 : shown.length - 1]
    : shown[Math.min(shown.length - 1, Math.max(0, at + delta))];
  if (id !== state.selectedId) openItem(id);
  const button = state.nodes.get(id)?.querySelector('.q-open');
  button?.focus({ preventScroll: true });
  button?.scrollIntoView({ block: 'nearest' });
}
