// The fixed vocabularies of the staff and public pages: fields (lĩnh vực),
// channels, item statuses, reject reasons, and the keyword suggestion of a
// field. Values are what the server stores; labels come from i18n.js.

import { t } from './i18n.js';
import { foldAccents } from './format.js';

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

// ---- field suggestion from keywords --------------------------------------------

// Keywords per field, written with their accents: the board's own map, plus
// each field's name ("giao thông", "môi trường"), which a caller often says.
const FIELD_KEYWORDS = [
  ['Điện', ['điện']],
  ['Nước sạch', ['nước', 'nước sạch']],
  ['Đất đai', ['đất', 'đất đai']],
  ['Y tế', ['bệnh viện', 'y tế']],
  ['Giáo dục', ['trường', 'học', 'giáo dục']],
  ['Giao thông', ['đường', 'cầu', 'giao thông']],
  ['Môi trường', ['rác', 'ô nhiễm', 'môi trường']],
];

// Common phrases that contain a keyword but say nothing of its field: "số
// điện thoại", "môi trường" (not a school), "yêu cầu" (not a bridge), "câu
// hỏi" typed without accents ("cau hoi", folded like "cầu")… An occurrence
// inside one of them does not count for that keyword.
const NOT_KEYWORDS = {
  'điện': ['điện thoại', 'điện biên', 'đại diện', 'diện tích'],
  'nước': ['nhà nước', 'đất nước', 'nước ngoài'],
  'đất': ['đất nước'],
  'trường': ['môi trường', 'thị trường'],
  'đường': ['đường dây', 'đường lối'],
  'cầu': ['yêu cầu', 'nhu cầu', 'câu hỏi', 'đặt câu'],
};

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How many times phrase occurs in hay as whole words (no letter or digit on either side). */
function countWords(hay, phrase) {
  const re = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRe(phrase)}(?=$|[^\\p{L}\\p{N}])`, 'gu');
  return (hay.match(re) || []).length;
}

const lowerNfc = (s) => String(s).normalize('NFC').toLowerCase();

/**
 * The field the words of a question point to, or null. Text without any
 * Vietnamese marks (many SMS) is matched folded ("nuoc sach"); text with
 * marks keeps them, so "đặt" is not "đất" and "câu" is not "cầu". When several
 * fields match, the one with the most hits wins (ties: the order above).
 */
export function suggestField(text) {
  const source = String(text ?? '');
  if (!source.trim()) return null;
  const norm = foldAccents(source) === lowerNfc(source) ? foldAccents : lowerNfc;
  const hay = norm(source);
  const hits = (word) => {
    const blocked = (NOT_KEYWORDS[word] || []).reduce((n, phrase) => n + countWords(hay, norm(phrase)), 0);
    return Math.max(0, countWords(hay, norm(word)) - blocked);
  };
  let best = null;
  let bestHits = 0;
  for (const [field, words] of FIELD_KEYWORDS) {
    const n = words.reduce((sum, w) => sum + hits(w), 0);
    if (n > bestHits) {
      best = field;
      bestHits = n;
    }
  }
  return best;
}
