// The audit log panel: its filters (kept in the address), the list and the CSV export.

import { t } from '../i18n.js';
import { userName } from '../api.js';
import { cleanText, formatDateTime, shortRef } from '../format.js';
import { clearFieldErrors, el, showFieldErrors } from '../ui.js';
import { AUDIT_FILTERS, listStatus, resource, sameId, ui } from './common.js';
import { staffById } from './accounts.js';
import { tokens } from './tokens.js';

// ---- audit log -----------------------------------------------------------------------

/** "2026-11-22" → "2026-11-23" (calendar arithmetic, no time zone involved). */
function nextDay(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The filters as the server takes them; limit only for the list, not the
 * CSV. The server's "to" is the first instant left out (the start of that
 * day); "Đến ngày" on screen includes the day, so the next day is sent.
 */
function auditParams({ withLimit = true } = {}) {
  const q = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    const v = cleanText(ui.audForm.elements[name].value);
    if (v) q.set(name, name === 'to' ? nextDay(v) : v);
  }
  if (withLimit) q.set('limit', ui.audForm.elements.limit.value);
  return q;
}

let auditQuery = auditParams();

export const audit = resource(() => `/api/audit?${auditQuery}`, { onChange: renderAudit });

export function updateCsvLink() {
  const q = auditParams({ withLimit: false }).toString();
  ui.audCsv.href = q ? `/api/audit.csv?${q}` : '/api/audit.csv';
}

/**
 * "Nguyễn Văn A (nva)" for staff:<id>, "Mã máy: PBX" for token:<id>, "Hệ thống" for the server's own jobs,
 * else as recorded. The audit rows carry the names (actorName, actorUsername); other lists look them up.
 */
export function actorName(actor, entry = {}) {
  const s = String(actor ?? '');
  const m = /^(staff|token):(.+)$/.exec(s);
  if (m && m[1] === 'staff') {
    if (entry.actorName) return `${entry.actorName} (${entry.actorUsername || ''})`;
    const account = staffById(m[2]);
    if (account) return `${userName(account)} (${account.username || ''})`;
  }
  if (m && m[1] === 'token') {
    const token = entry.actorName ? { name: entry.actorName } : (tokens.data || []).find((k) => sameId(k.id, m[2]));
    if (token) return `${t('aud.tokenActor')}: ${token.name || ''}`;
  }
  if (s === 'system' || s.startsWith('system:')) return t('aud.system');
  if (s === 'admin') return t('aud.bootstrapAdmin');
  return s;
}

/** The event type in words ("Đưa lên sóng"); the code itself when the page has no label for it. */
export function actionLabel(action) {
  const key = `aud.ev.${action}`;
  const label = t(key);
  return label === key ? String(action ?? '') : label;
}

/** What the event is about (a question, an agency, the register's list…), in words; the code where none. */
export function entityLabel(type) {
  const key = `aud.entity.${type}`;
  const label = t(key);
  return label === key ? String(type ?? '') : label;
}

/** before/after may come as objects or as JSON text: shown indented either way. */
function pretty(value) {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v, null, 2);
}

function changesCell(entry) {
  const has = (v) => v != null && v !== '' && !(typeof v === 'object' && !Object.keys(v).length);
  if (!has(entry.before) && !has(entry.after)) return el('td', { class: 'muted', text: '—' });
  const block = (key, v) => el('div', { class: 'diff-side' },
    el('p', { class: 'diff-label', text: t(key) }),
    el('pre', { text: has(v) ? pretty(v) : '—' }));
  return el('td', {},
    el('details', { class: 'diff' },
      el('summary', { text: t('aud.details') }),
      el('div', { class: 'diff-body' }, block('aud.before', entry.before), block('aud.after', entry.after))));
}

/** A value in the log that narrows the filter to itself when pressed. */
function filterButton(field, value, text, titlePrefix = '', mono = true) {
  const b = el('button', {
    type: 'button', class: mono ? 'link-btn sub mono' : 'link-btn sub', title: titlePrefix + t('aud.filterBy', { v: value }), text,
  });
  b.addEventListener('click', () => {
    ui.audForm.elements[field].value = value;
    applyAudit();
  });
  return b;
}

function auditRow(entry) {
  const actor = String(entry.actor ?? '');
  const name = actorName(actor, entry);
  return el('tr', {},
    el('td', { class: 'nowrap' }, el('time', { datetime: entry.at || null, text: formatDateTime(entry.at) })),
    // the name reads; the recorded code (staff:<id>) stays in the button's title and filters the log
    el('td', {}, actor ? filterButton('actor', actor, name, `${actor} — `, false) : null),
    el('td', {}, el('span', { title: entry.action || '', 'data-code': entry.action || '', text: actionLabel(entry.action) })),
    el('td', {},
      el('span', { title: entry.entityType || '', 'data-code': entry.entityType || '', text: entityLabel(entry.entityType) }),
      entry.entityId != null ? filterButton('entity', String(entry.entityId), shortRef(entry.entityId)) : null),
    el('td', { class: 'mono' }, entry.episodeId != null
      ? el('span', { title: String(entry.episodeId), text: shortRef(entry.episodeId) }) : null),
    el('td', { class: 'mono', text: entry.address || '' }),
    changesCell(entry));
}

export function renderAudit() {
  const list = audit.data || [];
  ui.audRows.replaceChildren(...list.map(auditRow));
  const limit = Number(auditQuery.get('limit'));
  let status = listStatus(audit, { emptyKey: 'aud.empty', countKey: 'aud.count' });
  if (!audit.error && list.length && list.length >= limit) status = t('aud.capped', { n: list.length });
  ui.audStatus.textContent = status;
}

export function applyAudit(e) {
  e?.preventDefault();
  clearFieldErrors(ui.audForm, ui.audAlert);
  const from = ui.audForm.elements.from.value;
  const to = ui.audForm.elements.to.value;
  if (from && to && from > to) {
    showFieldErrors(ui.audForm, [{ field: 'to', message: t('aud.err.range') }], { alertEl: ui.audAlert });
    return;
  }
  auditQuery = auditParams();
  updateCsvLink();
  audit.load();
}
