// Moderation console: the live queue of one episode from every channel, and
// the editorial board's work on it (claim, edit, categorise, merge, reject,
// shortlist, order the run-down, put on air, mark answered, defer) over
// /ws/moderation/{episodeId}, with the studio's message beside it.
// Each panel is a module in js/moderation/ (state, queue, item, rundown, socket);
// keys.js gives every action its key; this file wires them to the page's controls, keys and timers.

import './plan-strings.js';
import { onLangChange } from './i18n.js';
import { actorOf, onBeforeLogout, requireStaff } from './api.js';
import { fillEpisodeSelect } from './episodes.js';
import { cleanText, foldAccents } from './format.js';
import { clearErrorsOnEdit, el, initPage, setUrlParam } from './ui.js';
import { catalogAgencies, catalogFields, consoleSettings } from './catalog.js';
import { claimRenewMs, state, ui } from './moderation/state.js';
import {
  applyFilter, clearQueue, clearServerSearch, fillFilterSelects, renderAll, renderServerSearch, serverSearch,
} from './moderation/queue.js';
import {
  DIRTY_INPUTS, claim, classify, closeDetail, fillFieldSelect, fillReasonSelect, goToMerge, openItem, panelAct, reject,
  releaseIfMine, renderDetail, renderRejectButton, saveCategory, saveEdit, shortlist, updateCounter,
} from './moderation/item.js';
import { onKey } from './moderation/keys.js';
import { loadPlatformStatus, renderPlatforms } from './platforms.js';
import { move, renderMessage, rundownAct, sendMessage } from './moderation/rundown.js';
import {
  beforeLogout, connect, heartbeat, onReady, renderConn, renderDatalists, setEpisodeLinks, tick,
} from './moderation/socket.js';

// ---- the platforms' connections ---------------------------------------------------

const PLATFORMS_MS = 5000;
let platforms = null;

async function refreshPlatforms() {
  if (!state.episodeId) return;
  try {
    platforms = await loadPlatformStatus(state.episodeId);
    renderPlatforms(document.getElementById('platforms'), platforms);
  } catch {
    // the connection line already says when the server is away
  }
}

// ---- wiring ---------------------------------------------------------------------

initPage();
fillFilterSelects();
fillReasonSelect();
fillFieldSelect();
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
  refreshPlatforms();
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
  } else if (e.key === 'Enter' && e.target === ui.reason) {
    e.preventDefault();
    reject();
  }
});
for (const button of ui.kindButtons) {
  button.addEventListener('click', () => classify(button.dataset.kind));
}
// by the key's place, not its letter, so a Vietnamese (Telex) layout gives the same keys
const KIND_KEYS = { KeyK: 'complaint', KeyT: 'denunciation', KeyC: 'question' };
document.addEventListener('keydown', (e) => {
  const kind = KIND_KEYS[e.code];
  if (!kind || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || !state.selectedId) return;
  const button = ui.kindButtons.find((b) => b.dataset.kind === kind);
  if (!button || button.disabled) return;
  e.preventDefault();
  classify(kind);
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
ui.merge.addEventListener('click', goToMerge);
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
// often enough to renew a claim in time however short the server's claim lifetime is
(function beat() {
  heartbeat();
  setTimeout(beat, Math.min(10000, Math.max(500, claimRenewMs() / 2)));
}());
document.addEventListener('keydown', onKey);
window.addEventListener('pagehide', () => {
  if (state.selectedId) releaseIfMine(state.selectedId, { keepalive: true });
});

onLangChange(() => {
  fillEpisodeSelect(ui.episode, state.episodes, state.episodeId);
  fillFilterSelects();
  fillReasonSelect();
  fillFieldSelect(selectedFields(), { force: true });
  renderAll();
  renderConn();
  renderServerSearch();
  renderMessage();
  if (platforms) renderPlatforms(document.getElementById('platforms'), platforms);
});

onBeforeLogout(beforeLogout);
/** The values the open item may show in the categorise list: its own field and the suggested one. */
function selectedFields() {
  const item = state.items.get(state.selectedId);
  return item ? [item.field, item.suggestedField] : [];
}

/**
 * The lists and lifetimes the server keeps: the catalogue's fields and agencies, the reject reasons and the
 * claim lifetime. The page works without them (a failed read leaves the lists empty, the claim at its default).
 */
function loadCatalog() {
  catalogFields().then((fields) => {
    state.fieldNames = fields.map((f) => String(f.name));
    fillFieldSelect(selectedFields(), { force: true });
    fillFilterSelects();
  }, () => {});
  catalogAgencies().then((agencies) => {
    state.catalogAgencies = agencies.map((a) => String(a.name));
    state.datalistKey = null;
    renderDatalists();
  }, () => {});
  consoleSettings().then((settings) => {
    if (Number.isFinite(settings?.claimTtlSeconds)) state.claimTtlMs = settings.claimTtlSeconds * 1000;
    state.rejectReasons = Array.isArray(settings?.rejectReasons) ? settings.rejectReasons : [];
    fillReasonSelect();
    renderAll();
  }, () => {});
}

requireStaff({ roles: ['editor'] }).then(({ user }) => {
  state.me = actorOf(user);
  onReady();
  loadCatalog();
  refreshPlatforms();
  setInterval(refreshPlatforms, PLATFORMS_MS);
});
