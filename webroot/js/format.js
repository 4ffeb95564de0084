// Formatting shared by every page: dates the Vietnamese way, accent-free
// matching, short references, tel: links.

// Programs air in Vietnam; showing broadcast times in Vietnam time keeps a
// viewer abroad or a mis-set PC from reading the wrong hour.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters = new Map();

function formatter(withSeconds) {
  const cacheKey = withSeconds ? 's' : 'm';
  if (!formatters.has(cacheKey)) {
    const opts = {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    };
    if (withSeconds) opts.second = '2-digit';
    let f;
    try {
      f = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: TIME_ZONE });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', opts); // a browser without tz data: local time
    }
    formatters.set(cacheKey, f);
  }
  return formatters.get(cacheKey);
}

function parts(value, withSeconds) {
  const d = value instanceof Date ? value : new Date(value);
  if (value == null || value === '' || Number.isNaN(d.getTime())) return null;
  const p = {};
  for (const { type, value: v } of formatter(withSeconds).formatToParts(d)) p[type] = v;
  if (p.hour === '24') p.hour = '00';
  return p;
}

/** ISO-8601 (or Date) → "dd/MM/yyyy HH:mm"; '' when missing or invalid. */
export function formatDateTime(value) {
  const p = parts(value, false);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '';
}

/** ISO-8601 (or Date) → "dd/MM/yyyy"; a calendar day "YYYY-MM-DD" is that day, whatever the zone. */
export function formatDate(value) {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const p = parts(value, false);
  return p ? `${p.day}/${p.month}/${p.year}` : '';
}

/** ISO-8601 (or Date) → "HH:mm:ss". */
export function formatTime(value) {
  const p = parts(value, true);
  return p ? `${p.hour}:${p.minute}:${p.second}` : '';
}

/** Milliseconds → "mm:ss" (minutes grow past 59). */
export function formatElapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * Folds Vietnamese text for searching: NFD, combining marks U+0300–U+036F
 * removed, đ/Đ → d, lower case. "Nước sạch" → "nuoc sach".
 */
export function foldAccents(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** The first 8 characters of an id: how the audit log names a record briefly. */
export function shortRef(id) {
  return String(id ?? '').slice(0, 8);
}

/** A tel: URL that keeps only digits and a leading +. */
export function telHref(number) {
  const s = String(number ?? '').trim();
  const digits = s.replace(/[^\d]/g, '');
  return 'tel:' + (s.startsWith('+') ? '+' : '') + digits;
}

/** An sms: URL for a short code or number. */
export function smsHref(number) {
  return 'sms:' + telHref(number).slice(4);
}

/** User text as sent to the server: NFC (some keyboards send decomposed Vietnamese), trimmed. */
export function cleanText(value) {
  return String(value ?? '').normalize('NFC').trim();
}

/** Length as the server is assumed to count it: characters of the NFC form. */
export function textLength(value) {
  return [...String(value ?? '').normalize('NFC')].length;
}
