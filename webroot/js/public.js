// Public page: the episodes taking questions, and the question form.

import { t, tNodes, onLangChange } from './i18n.js';
import { postJson, idempotencyTracker } from './api.js';
import { loadEpisodes, byLiveThenStart, byStartDesc, statusLabel } from './episodes.js';
import { cleanText, textLength } from './format.js';
import { asks, channels, description, keyFor, kindLabel, when } from './public-episode.js';
import {
  el, initPage, showAlert, clearFieldErrors, clearErrorsOnEdit, showFieldErrors, reportSubmitError, urlParam, setUrlParam,
} from './ui.js';
import { check } from './validate.js';

// Assumed to match the server's limits; the server has the last word.
const MAX = { name: 120, locality: 200, text: 2000 };
const REFRESH_MS = 60000;
const PAST_SHOWN = 10;

const $ = (id) => document.getElementById(id);
const ui = {
  intro: $('intro'),
  focusNav: $('focus-nav'),
  loadStatus: $('load-status'),
  loadError: $('load-error'),
  loadRetry: $('load-retry'),
  openSection: $('open-section'),
  openList: $('open-list'),
  openEmpty: $('open-empty'),
  upcomingSection: $('upcoming-section'),
  upcomingList: $('upcoming-list'),
  pastSection: $('past-section'),
  pastList: $('past-list'),
  askSection: $('ask-section'),
  askHeading: $('ask-heading'),
  askEpisode: $('ask-episode'),
  formWrap: $('ask-form-wrap'),
  form: $('ask-form'),
  alert: $('ask-alert'),
  name: $('q-name'),
  locality: $('q-locality'),
  phone: $('q-phone'),
  email: $('q-email'),
  text: $('q-text'),
  counter: $('q-text-counter'),
  consent: $('q-consent'),
  submit: $('ask-submit'),
  done: $('ask-done'),
  doneHeading: $('done-heading'),
  doneRef: $('done-ref'),
  doneBody: $('done-body'),
  textLabel: $('q-text-label'),
  another: $('ask-another'),
};

const state = {
  episodes: [],
  loaded: false,
  selectedId: null,
  sending: false,
  lastRef: null,
  blockedUntil: 0,
  sentText: null, // the text last accepted, so leaving the page does not warn about it
  focusId: urlParam('episode'), // the episode whose own page this is, read once: choosing another keeps the page
};

const idem = idempotencyTracker();

// ---- episodes ---------------------------------------------------------------

function isOpen(ep) {
  return Boolean(ep?.intake?.open);
}

function selectedEpisode() {
  return state.episodes.find((e) => String(e.id) === state.selectedId) || null;
}

let cardSeq = 0;

function badgesFor(ep, open) {
  const badges = el('div', { class: 'badges' });
  if (ep.status === 'live') {
    // a session or meeting not carried on air is "in progress", never "on air"
    badges.append(el('span', { class: 'badge badge-live', text: ep.broadcast ? statusLabel('live') : t('public.badge.held') }));
  }
  if (open) badges.append(el('span', { class: 'badge badge-open', text: t('public.badgeOpen') }));
  else if (ep.status !== 'live') badges.append(el('span', { class: 'badge badge-muted', text: statusLabel(ep.status) }));
  return badges;
}

function episodeCard(ep, kind) {
  const open = kind === 'open';
  const titleId = `ep-title-${++cardSeq}`;
  const selected = open && String(ep.id) === state.selectedId;
  const focused = String(ep.id) === state.focusId;
  const card = el('li', {
    class: `episode-card${selected ? ' is-selected' : ''}${kind === 'past' ? ' is-past' : ''}`,
    'data-episode': String(ep.id), 'data-kind': ep.kind || 'live',
  },
  badgesFor(ep, open),
  el('h3', { id: titleId }, focused ? (ep.title || '')
    : el('a', { href: `/?episode=${encodeURIComponent(ep.id)}`, text: ep.title || '' })),
  el('p', { class: 'episode-kind', text: kindLabel(ep) }),
  ep.topic ? el('p', { class: 'episode-topic', text: ep.topic }) : null,
  ...description(ep));

  if (ep.status === 'live') {
    card.append(el('p', { class: 'live-link' },
      el('a', { href: `/live.html?episode=${encodeURIComponent(ep.id)}`, 'aria-describedby': titleId },
        el('span', { class: 'live-dot', 'aria-hidden': 'true' }), t(ep.broadcast ? 'public.watchLive' : 'public.followLive'))));
  }
  card.append(channels(ep));

  if (open) {
    if (selected) card.append(el('p', { class: 'episode-meta', text: t(`public.selected.${asks(ep)}`) }));
    const button = el('button', {
      type: 'button', class: 'btn btn-primary btn-block', text: t(`public.ask.${asks(ep)}`), 'aria-describedby': titleId,
    });
    button.addEventListener('click', () => selectEpisode(ep.id, { focus: true }));
    card.append(el('div', { class: 'actions' }, button));
  }
  return card;
}

/** On an episode's own page (/?episode=…) only that episode is listed, in the section its state puts it. */
function focusedEpisode() {
  return state.focusId ? state.episodes.find((e) => String(e.id) === state.focusId) || null : null;
}

function renderEpisodes() {
  const focus = focusedEpisode();
  const shown = focus ? [focus] : state.episodes;
  const open = shown.filter(isOpen).sort(byLiveThenStart);
  const upcoming = shown
    .filter((e) => !isOpen(e) && (e.status === 'upcoming' || e.status === 'live'))
    .sort(byLiveThenStart);
  const past = shown
    .filter((e) => !isOpen(e) && !upcoming.includes(e))
    .sort(byStartDesc)
    .slice(0, PAST_SHOWN);

  ui.focusNav.hidden = !state.focusId;
  const introKey = focus ? `public.intro.${asks(focus)}` : 'public.intro';
  ui.intro.dataset.i18n = introKey;
  ui.intro.textContent = t(introKey);
  if (state.focusId && state.loaded && !focus) ui.loadStatus.textContent = t('public.notFound');
  if (focus) document.title = `${focus.title || ''} — ${t('app.name')}`;

  ui.openSection.hidden = !state.loaded || (focus && !open.length);
  ui.openList.replaceChildren(...open.map((e) => episodeCard(e, 'open')));
  ui.openEmpty.hidden = open.length > 0;
  ui.upcomingSection.hidden = upcoming.length === 0;
  ui.upcomingList.replaceChildren(...upcoming.map((e) => episodeCard(e, 'upcoming')));
  ui.pastSection.hidden = past.length === 0;
  ui.pastList.replaceChildren(...past.map((e) => episodeCard(e, 'past')));
  renderAskEpisode();
}

/** The form's words follow the episode: a question to a show, opinions and recommendations to a session. */
function renderFormWords(ep) {
  const words = [
    [ui.askHeading, 'form.heading'], [ui.textLabel, 'form.text'], [ui.doneHeading, 'done.title'],
    [ui.doneBody, 'done.body'], [ui.another, 'done.another'],
  ];
  for (const [node, key] of words) {
    node.dataset.i18n = keyFor(ep, key);
    node.textContent = t(node.dataset.i18n);
  }
  setSending(state.sending);
}

function renderAskEpisode() {
  const ep = selectedEpisode();
  if (!ep) return;
  const at = when(ep.startsAt);
  ui.askEpisode.textContent = t('form.for', { title: `${ep.title || ''}${at ? ` — ${at}` : ''}` });
  renderFormWords(ep);
}

let lastPayload = null;

async function refreshEpisodes({ quiet = false } = {}) {
  if (!quiet) {
    ui.loadStatus.textContent = t('public.loading');
    ui.loadError.hidden = true;
  }
  try {
    const list = await loadEpisodes();
    const payload = JSON.stringify(list);
    state.loaded = true;
    ui.loadStatus.textContent = '';
    ui.loadError.hidden = true;
    // Re-render only on change, so a periodic refresh does not move the page under a finger.
    if (payload !== lastPayload) {
      lastPayload = payload;
      state.episodes = list;
      renderEpisodes();
    }
    return true;
  } catch {
    if (!quiet || !state.loaded) {
      ui.loadStatus.textContent = '';
      ui.loadError.hidden = false;
    }
    return false;
  }
}

// ---- question form ------------------------------------------------------------

function selectEpisode(id, { focus } = {}) {
  const changed = state.selectedId !== String(id);
  state.selectedId = String(id);
  setUrlParam('episode', state.selectedId);
  if (changed) {
    clearFieldErrors(ui.form, ui.alert);
    showForm();
  }
  ui.askSection.hidden = false;
  renderEpisodes();
  if (focus) {
    const target = ui.done.hidden ? ui.askHeading : ui.doneHeading;
    target.focus();
    target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
}

function showForm() {
  ui.done.hidden = true;
  ui.formWrap.hidden = false;
}

function updateCounter() {
  const n = textLength(ui.text.value.trim());
  ui.counter.textContent = t('form.counter', { n, max: MAX.text });
  ui.counter.classList.toggle('over', n > MAX.text);
}

function readForm() {
  return {
    name: cleanText(ui.name.value),
    locality: cleanText(ui.locality.value),
    phone: cleanText(ui.phone.value),
    email: cleanText(ui.email.value),
    text: cleanText(ui.text.value),
    consent: ui.consent.checked,
  };
}

function validate(d) {
  return check([
    ['name', d.name, { required: 'err.name.required', max: [MAX.name, 'err.name.tooLong'] }],
    ['locality', d.locality, { required: 'err.locality.required', max: [MAX.locality, 'err.locality.tooLong'] }],
    ['phone', d.phone, { phone: 'err.phone.invalid' }],
    ['email', d.email, { email: 'err.email.invalid' }],
    ['text', d.text, { required: 'err.text.required', max: [MAX.text, 'err.text.tooLong'] }],
    ['consent', d.consent, { checked: 'err.consent.required' }],
  ]);
}

function setSending(sending) {
  state.sending = sending;
  const key = sending ? 'form.sending' : keyFor(selectedEpisode(), 'form.submit');
  ui.submit.dataset.i18n = key;
  ui.submit.textContent = t(key);
  ui.submit.disabled = sending || Date.now() < state.blockedUntil;
  ui.form.setAttribute('aria-busy', String(sending));
}

function blockFor(seconds) {
  state.blockedUntil = Date.now() + seconds * 1000;
  ui.submit.disabled = true;
  setTimeout(() => {
    if (Date.now() >= state.blockedUntil && !state.sending) ui.submit.disabled = false;
  }, seconds * 1000 + 50);
}

async function submit(e) {
  e.preventDefault();
  if (state.sending || !state.selectedId) return;
  clearFieldErrors(ui.form, ui.alert);
  const wait = Math.ceil((state.blockedUntil - Date.now()) / 1000);
  if (wait > 0) {
    showAlert(ui.alert, t('err.rate', { n: wait }));
    return;
  }
  const d = readForm();
  const errors = validate(d);
  if (errors.length) {
    showFieldErrors(ui.form, errors, { alertEl: ui.alert });
    return;
  }
  const body = { name: d.name, locality: d.locality, text: d.text, consent: true };
  if (d.phone) body.phone = d.phone;
  if (d.email) body.email = d.email;
  const episodeId = state.selectedId;
  const idempotencyKey = idem.keyFor([episodeId, body]);

  setSending(true);
  try {
    const res = await postJson(`/api/episodes/${encodeURIComponent(episodeId)}/questions`, body, { idempotencyKey });
    idem.done();
    state.sentText = ui.text.value;
    showDone(res);
  } catch (err) {
    const kind = reportSubmitError(ui.form, err, {
      alertEl: ui.alert,
      messages: { network: 'form.networkError', server: 'form.serverError' },
    });
    if (kind === 'rate' && err.retryAfter) blockFor(err.retryAfter);
  } finally {
    setSending(false);
  }
}

function renderDoneRef() {
  if (!state.lastRef) {
    ui.doneRef.replaceChildren();
    return;
  }
  const link = el('a', { href: `track.html?code=${encodeURIComponent(state.lastRef)}`, text: t('done.follow') });
  ui.doneRef.replaceChildren(
    tNodes('done.ref', { ref: el('strong', { class: 'ref', text: state.lastRef }) }),
    el('br'), t('done.keep'), ' ', link);
}

function showDone(res) {
  state.lastRef = res && res.receipt ? res.receipt : null;
  renderDoneRef();
  ui.formWrap.hidden = true;
  ui.done.hidden = false;
  ui.doneHeading.focus();
}

function askAnother() {
  // Name, locality and contact stay: the same person often asks twice.
  // Consent is per question, so it is asked again.
  ui.text.value = '';
  ui.consent.checked = false;
  state.sentText = null;
  updateCounter();
  clearFieldErrors(ui.form, ui.alert);
  showForm();
  ui.text.focus();
}

// ---- wiring -------------------------------------------------------------------

initPage();
updateCounter();

ui.form.addEventListener('submit', submit);
ui.text.addEventListener('input', updateCounter);
ui.another.addEventListener('click', askAnother);
ui.loadRetry.addEventListener('click', () => refreshEpisodes());

clearErrorsOnEdit(ui.form);

window.addEventListener('beforeunload', (e) => {
  const text = ui.text.value.trim();
  if (text && ui.done.hidden && ui.text.value !== state.sentText) {
    e.preventDefault();
    e.returnValue = '';
  }
});

onLangChange(() => {
  renderEpisodes();
  updateCounter();
  renderDoneRef();
  setSending(state.sending);
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.loaded) refreshEpisodes({ quiet: true });
});
setInterval(() => {
  if (document.visibilityState === 'visible') refreshEpisodes({ quiet: true });
}, REFRESH_MS);

refreshEpisodes().then((ok) => {
  if (!ok) return;
  const open = state.episodes.filter(isOpen);
  const wanted = urlParam('episode');
  if (wanted && open.some((e) => String(e.id) === wanted)) selectEpisode(wanted, { focus: false });
  else if (open.length === 1) selectEpisode(open[0].id, { focus: false });
});
