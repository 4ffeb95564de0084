// The fixed vocabularies of the staff and public pages: fields (lĩnh vực),
// channels, item statuses, reject reasons, and the keyword suggestion of a
// field. Values are what the server stores; labels come from i18n.js.

import { getJson } from './api.js';
import { t } from './i18n.js';

/** [stored value, i18n key]; the order is the operator console's 1–8 keys. */
export const FIELDS = [
  ['Điện', 'field.electricity'],
  ['Nước sạch', 'field.water'],
  ['Đất đai', 'field.land'],
  ['Y tế', 'field.health'],
  ['Giáo dục', 'field.education'],
  ['Giao thông', 'field.transport'],
  ['Môi trường', 'field.environment'],
  ['Khác', 'field.other'],
];

/** A stored field value in the page's language (unknown values as they are). */
export function fieldLabel(value) {
  const f = FIELDS.find(([v]) => v === value);
  return f ? t(f[1]) : String(value ?? '');
}

export const CHANNELS = {
  hotline: { icon: '☎', key: 'channel.hotline' },
  sms: { icon: '✉', key: 'channel.sms' },
  web: { icon: '⌨', key: 'channel.web' },
};

export function channelIcon(channel) {
  return CHANNELS[channel]?.icon || '•';
}

export function channelLabel(channel) {
  const c = CHANNELS[channel];
  return c ? t(c.key) : String(channel ?? '');
}

/** Every item status, in the order of the moderation filter. */
export const STATUSES = ['received', 'shortlisted', 'next', 'on_air', 'answered', 'deferred', 'rejected', 'merged',
  'referred', 'unrouted'];

/** Statuses after which an item takes no more editorial steps. */
export const CLOSED_STATUSES = new Set(['answered', 'rejected', 'merged', 'referred']);

/** What a message is: a question, or a complaint or denunciation for the citizen reception office. */
export function kindLabel(kind) {
  const key = `kind.${kind}`;
  const s = t(key);
  return s === key ? String(kind ?? '') : s;
}

/** The rules read it as a complaint or denunciation and no editor has said yet. */
export function kindAwaitsConfirmation(item) {
  return Boolean(item?.suggestedKind && item.suggestedKind !== 'question' && !item.kindConfirmedAt);
}

export function itemStatusLabel(status) {
  const key = `item.status.${status}`;
  const s = t(key);
  return s === key ? String(status ?? '') : s;
}

export const REJECT_REASONS = ['spam', 'abuse', 'off_topic', 'duplicate', 'complaint'];

export function rejectReasonLabel(reason) {
  const key = `reject.${reason}`;
  const s = t(key);
  return s === key ? String(reason ?? '') : s;
}

// The lists and settings a staff page must take from the server, never from this file: the fields and
// agencies the office keeps in the catalogue, and GET /api/console/settings (time zone, claim lifetime,
// reject reasons, length limits). Each is read once per page load.
let settingsPromise = null;
let fieldsPromise = null;
let agenciesPromise = null;

function read(url) {
  return getJson(url);
}

/** { timeZone, claimTtlSeconds, rejectReasons: [{ id, label }], limits: { text, name, locality, notes } } */
export function consoleSettings() {
  settingsPromise ??= read('/api/console/settings').catch((e) => { settingsPromise = null; throw e; });
  return settingsPromise;
}

/** The catalogue's active fields, [{ id, name, keywords, agencyId, agencyName }], in the office's order. */
export function catalogFields() {
  fieldsPromise ??= read('/api/fields').then((r) => (r.items || []).filter((f) => f.active !== false))
    .catch((e) => { fieldsPromise = null; throw e; });
  return fieldsPromise;
}

/** The catalogue's active agencies, [{ id, name, active, ... }]. */
export function catalogAgencies() {
  agenciesPromise ??= read('/api/agencies').then((r) => (r.items || []).filter((a) => a.active !== false))
    .catch((e) => { agenciesPromise = null; throw e; });
  return agenciesPromise;
}
