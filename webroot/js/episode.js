// One episode's whole state for the editorial board and the council office:
// the intake window with a countdown, questions by channel and by status, the
// plan and the panel, and the deadlines and run-down when the server has them
// ("chưa có" otherwise). Counters refresh every 30 s; the countdown every second.

import './plan-strings.js';
import { t, onLangChange } from './i18n.js';
import { getJson, requireStaff, hasRole } from './api.js';
import { formatDate, formatDateTime, formatTime } from './format.js';
import { el, initPage, urlParam, showAlert, hideAlert } from './ui.js';
import { showFailure } from './page.js';
import { mountOverlayLinks } from './overlay-links.js';

const REFRESH_MS = 30000;
const CHANNELS = ['web', 'sms', 'hotline', 'email', 'post', 'form'];
const $ = (id) => document.getElementById(id);
const ui = {
  alert: $('ev-alert'),
  heading: $('ev-heading'),
  sub: $('ev-sub'),
  refresh: $('ev-refresh'),
  moderation: $('ev-moderation'),
  rundownPage: $('ev-rundown-page'),
  session: $('ev-session'),
  dialogue: $('ev-dialogue'),
  followup: $('ev-followup'),
  conclusion: $('ev-conclusion'),
  report: $('ev-report'),
  edit: $('ev-edit'),
  updated: $('ev-updated'),
  countdown: $('ev-countdown'),
  range: $('ev-range'),
  channels: $('ev-channels'),
  total: $('ev-total'),
  statuses: $('ev-statuses'),
  plan: $('ev-plan'),
  people: $('ev-people'),
  peopleEmpty: $('ev-people-empty'),
  deadlines: $('ev-deadlines'),
  rundown: $('ev-rundown'),
};

const state = {
  id: urlParam('id'),
  details: null,
  summary: null,
  deadlines: null, // the answer, or null when the server has none yet
  rundown: null,
  skew: 0, // server clock minus this clock, so the countdown follows the server
  loadedAt: null,
};

const path = (suffix = '') => `/api/episodes/${encodeURIComponent(state.id)}${suffix}`;

/** An optional section: its JSON on 200, null on anything else (not built yet, nothing planned). */
async function optional(url) {
  try {
    return await getJson(url);
  } catch {
    return null;
  }
}

async function load() {
  ui.refresh.disabled = true;
  try {
    const [details, summary, deadlines, rundown] = await Promise.all([
      getJson(path('/details')), getJson(path('/summary')), optional(path('/deadlines')), optional(path('/rundown')),
    ]);
    Object.assign(state, { details, summary, deadlines, rundown, loadedAt: new Date() });
    const serverNow = Date.parse(summary.now);
    if (!Number.isNaN(serverNow)) state.skew = serverNow - Date.now();
    hideAlert(ui.alert);
    render();
  } catch (err) {
    // No focus: the overview refreshes by itself and must not pull the reader away.
    showFailure(ui.alert, err, { fallback: 'admin.loadFailed', focus: false });
  } finally {
    ui.refresh.disabled = false;
  }
}

// ---- rendering ------------------------------------------------------------------------

function render() {
  const d = state.details;
  if (!d) return;
  document.title = `${d.title} — ${t('epv.docTitle')}`;
  ui.heading.textContent = d.title || '';
  ui.sub.textContent = [
    formatDateTime(d.startsAt), t('epv.rundown.minutes', { n: d.durationMinutes }),
    t(`ep.kind.${d.kind}`), t(`ep.live.${d.liveStatus}`),
  ].filter(Boolean).join(' · ');
  ui.moderation.href = `/moderation.html?episode=${encodeURIComponent(d.id)}`;
  ui.rundownPage.href = `/rundown.html?episode=${encodeURIComponent(d.id)}`;
  // after the show, and the pages only some kinds of episode have
  const id = encodeURIComponent(d.id);
  ui.followup.href = `/followup.html?episode=${id}`;
  ui.conclusion.href = `/conclusion.html?episode=${id}`;
  ui.report.href = `/reports.html?episode=${id}`;
  ui.session.href = `/session.html?episode=${id}`;
  ui.session.hidden = d.kind !== 'accountability';
  ui.dialogue.href = `/dialogue.html?episode=${id}`;
  ui.dialogue.hidden = d.kind !== 'dialogue' && d.kind !== 'accountability';
  ui.edit.href = `/programs.html?edit=${encodeURIComponent(d.id)}#episodes`;
  ui.updated.textContent = state.loadedAt ? t('epv.updated', { t: formatTime(state.loadedAt.toISOString()) }) : '';
  renderCountdown();
  renderCounts();
  renderPlan();
  renderPeople();
  renderDeadlines();
  renderRundown();
}

/** "3 ngày 4 giờ", "2 giờ 5 phút", "4 phút 10 giây". */
function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('epv.days', { d, h });
  if (h > 0) return t('epv.hours', { h, m });
  return t('epv.minutes', { m, s: s % 60 });
}

function renderCountdown() {
  const intake = state.details?.intake;
  if (!intake) return;
  const now = Date.now() + state.skew;
  const opens = Date.parse(intake.opensAt);
  const closes = Date.parse(intake.closesAt);
  let key;
  let left = 0;
  if (state.details.status === 'cancelled' || now >= closes) {
    key = 'closed';
  } else if (now < opens) {
    key = 'not_open';
    left = opens - now;
  } else {
    key = 'open';
    left = closes - now;
  }
  ui.countdown.dataset.state = key;
  ui.countdown.textContent = t(`epv.window.${key}`, { left: duration(left) });
  ui.range.textContent = t('epv.window.range', { from: formatDateTime(intake.opensAt), to: formatDateTime(intake.closesAt) });
}

function countItem(label, n) {
  return el('li', {}, el('span', { class: 'n', text: String(n ?? 0) }), el('span', { text: label }));
}

function renderCounts() {
  const s = state.summary;
  if (!s) return;
  ui.channels.replaceChildren(...CHANNELS.map((c) => countItem(t(`epv.channel.${c}`), s.channels?.[c])));
  ui.total.textContent = t('epv.total', { n: s.total ?? 0, s: s.suggested ?? 0, c: s.categorised ?? 0 });
  const statuses = Object.entries(s.statuses || {});
  ui.statuses.replaceChildren(...statuses.map(([status, n]) => {
    const key = `item.status.${status}`;
    const label = t(key);
    return countItem(label === key ? status : label, n);
  }));
}

function renderPlan() {
  const d = state.details;
  const rows = [];
  const add = (key, value) => {
    if (value == null || value === '' || (Array.isArray(value) && !value.length)) return;
    rows.push(el('dt', { text: t(key) }), el('dd', { text: Array.isArray(value) ? value.join(', ') : String(value) }));
  };
  add('ep.topic', d.topic);
  add('ep.platforms', (d.platforms || []).map((p) => t(`ep.platform.${p}`)));
  add('ep.venue', d.venue);
  add('ep.chair', d.chair);
  add('ep.hosts', d.hosts);
  add('ep.broadcastAt', d.broadcastAt ? formatDateTime(d.broadcastAt) : null);
  add('ep.delegatesDueAt', d.delegatesDueAt ? formatDateTime(d.delegatesDueAt) : null);
  const i = d.intake || {};
  add('ep.hotline', i.hotline);
  add('ep.smsNumber', i.smsNumber ? `${i.smsNumber}${i.smsKeyword ? ` (${i.smsKeyword})` : ''}` : null);
  add('ep.emailAddress', i.emailAddress);
  add('ep.postalAddress', i.postalAddress);
  ui.plan.replaceChildren(...rows);
}

function renderPeople() {
  const people = state.details.people || [];
  ui.peopleEmpty.hidden = people.length > 0;
  ui.people.replaceChildren(...people.map((p) => el('tr', {},
    el('td', { text: t(`ep.role.${p.role}`) }), el('td', { text: p.name || '' }), el('td', { text: p.title || '' }),
    el('td', { text: p.agencyName || '' }), el('td', { text: p.email || '' }))));
}

const notYet = () => el('p', { class: 'muted', text: t('epv.notYet') });

/**
 * The questions to pass on, grouped by agency and due day ("Sở Xây dựng — 5 câu hỏi — hạn 28/12/2026", each
 * group opening on its questions); the run-down's and delegates' deadlines on a line each; overdue first.
 */
function deadlineGroups(items) {
  const groups = new Map();
  for (const x of items) {
    const key = x.kind === 'forward' ? `forward|${x.agency || ''}|${formatDate(x.dueAt)}` : `${x.kind}|${x.dueAt}`;
    if (!groups.has(key)) groups.set(key, { kind: x.kind, agency: x.agency, dueAt: x.dueAt, overdue: false, items: [] });
    const g = groups.get(key);
    g.items.push(x);
    g.overdue = g.overdue || Boolean(x.overdue);
    if (Date.parse(x.dueAt) < Date.parse(g.dueAt)) g.dueAt = x.dueAt;
  }
  return [...groups.values()].sort((a, b) => (Number(b.overdue) - Number(a.overdue))
    || (Date.parse(a.dueAt) - Date.parse(b.dueAt)));
}

function renderDeadlines() {
  const d = state.deadlines;
  const items = Array.isArray(d?.items) ? d.items : null;
  if (!items) {
    ui.deadlines.replaceChildren(notYet());
    return;
  }
  const label = (x) => {
    const key = `epv.deadline.${x.kind}`;
    const s = t(key);
    return x.label || (s === key ? String(x.kind ?? '') : s);
  };
  const left = (x) => (x.overdue ? t('epv.overdue') : t('epv.daysLeft', { n: x.workingDaysLeft ?? '?' }));
  const group = (g) => {
    if (g.kind !== 'forward') {
      const x = g.items[0];
      return el('li', { class: g.overdue ? 'is-overdue' : null },
        el('strong', { text: label(x) }), ' — ', formatDateTime(x.dueAt), ' · ', left(x));
    }
    const head = t('epv.deadline.group', {
      agency: g.agency || t('epv.deadline.noAgency'), n: g.items.length, due: formatDate(g.dueAt),
    });
    return el('li', { class: g.overdue ? 'is-overdue' : null },
      el('details', {}, el('summary', {}, head, ' · ', left(g.items.find((x) => x.overdue) || g.items[0])),
        el('ul', { class: 'plain-list' }, ...g.items.map((x) => el('li', { text: label(x) })))));
  };
  ui.deadlines.replaceChildren(
    Number(d.overdueCount) > 0 ? el('p', { class: 'is-overdue', text: t('epv.overdueCount', { n: d.overdueCount }) }) : null,
    items.length ? el('ul', { class: 'deadline-groups' }, ...deadlineGroups(items).map(group)) : notYet());
}

function renderRundown() {
  const r = state.rundown;
  const entries = Array.isArray(r?.entries) ? r.entries : null;
  if (!entries) {
    ui.rundown.replaceChildren(notYet());
    return;
  }
  const over = Number(r.totalMinutes) > Number(r.durationMinutes);
  ui.rundown.replaceChildren(
    el('p', {},
      el('span', { class: 'badge badge-muted', text: t(r.status === 'sent' ? 'epv.rundown.sent' : 'epv.rundown.draft') }), ' ',
      el('span', { class: over ? 'is-overdue' : null,
        text: t('epv.rundown.total', { total: r.totalMinutes ?? 0, duration: r.durationMinutes ?? state.details.durationMinutes }) })),
    entries.length ? el('ol', {}, ...entries.map((e) => el('li', {},
      el('span', { text: e.text || '' }), ' ',
      el('span', { class: 'muted', text: [
        Number(e.askers) > 1 ? t('epv.rundown.askers', { n: e.askers }) : null,
        e.responder, t('epv.rundown.minutes', { n: e.minutes ?? 0 }),
      ].filter(Boolean).join(' · ') })))) : notYet());
}

// ---- start ------------------------------------------------------------------------------

async function start() {
  const { user } = await requireStaff({ roles: ['editor'] });
  ui.edit.hidden = !hasRole(user, ['admin']);
  if (!state.id) {
    showAlert(ui.alert, t('epv.missingId'));
    return;
  }
  mountOverlayLinks(state.id);
  await load();
  setInterval(renderCountdown, 1000);
  setInterval(() => {
    if (!document.hidden) load();
  }, REFRESH_MS);
}

initPage();
ui.refresh.addEventListener('click', load);
onLangChange(render);
start();
