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

// Channel icons are drawn as inline SVG (paths after Feather icons, MIT): a
// glyph such as ⌨ or ☎ is missing from many fonts and showed as a box.
// the platforms' messages: a speech bubble (Feather's message-circle)
const CHAT_BUBBLE = 'M21 11.5a8.38 8.38 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.38 8.38 0 0 1-3.8-.9L3 21l1.9-5.7a8.38 '
  + '8.38 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.38 8.38 0 0 1 3.8-.9h.5a8.48 8.48 0 0 1 8 8v.5z';
export const CHANNELS = {
  hotline: { key: 'channel.hotline', paths: ['M22 16.92v3a2 2 0 0 1-2.18 2 19.79 19.79 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6 '
    + '19.79 19.79 0 0 1-3.07-8.67A2 2 0 0 1 4.11 2h3a2 2 0 0 1 2 1.72 12.84 12.84 0 0 0 .7 2.81 2 2 0 0 1-.45 2.11L8.09 '
    + '9.91a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45 12.84 12.84 0 0 0 2.81.7A2 2 0 0 1 22 16.92z'] },
  sms: { key: 'channel.sms', paths: ['M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z'] },
  web: { key: 'channel.web', paths: ['M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0z', 'M2 12h20',
    'M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z'] },
  zalo: { key: 'channel.zalo', paths: [CHAT_BUBBLE] },
  facebook: { key: 'channel.facebook', paths: [CHAT_BUBBLE] },
  youtube: { key: 'channel.youtube', paths: ['M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0z', 'M10 8l6 4-6 4V8z'] },
};
const OTHER_CHANNEL = ['M15 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0z'];

/** The channel's icon, decorative (aria-hidden): its label is always written beside it. */
export function channelIconNode(channel, className = 'ch-icon') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [name, value] of Object.entries({ class: className, viewBox: '0 0 24 24', width: '1em', height: '1em',
    fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
    'aria-hidden': 'true', focusable: 'false' })) {
    svg.setAttribute(name, value);
  }
  for (const d of CHANNELS[channel]?.paths || OTHER_CHANNEL) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

// Static pages mark where a channel's icon goes (<span data-channel-icon="web">); any page that loads this
// module gets them drawn (module scripts run once the document is parsed).
for (const slot of document.querySelectorAll('[data-channel-icon]')) {
  slot.replaceChildren(channelIconNode(slot.dataset.channelIcon));
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
