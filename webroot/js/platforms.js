// Each live platform's connection as the moderation console and the live-chat
// tab show it: per stream its state, the last comment's time, comments per
// minute, the quota left and the last error; and the Zalo OA beside them.

import { t, addStrings } from './i18n.js';
import { getJson } from './api.js';
import { formatDateTime } from './format.js';
import { el } from './ui.js';

addStrings({
  vi: {
    'pf.st.connected': 'Đã kết nối', 'pf.st.waiting': 'Đang chờ kết nối', 'pf.st.backoff': 'Mất kết nối, đang thử lại',
    'pf.st.failed': 'Lỗi, cần quản trị viên', 'pf.st.ended': 'Buổi phát đã kết thúc', 'pf.st.stopped': 'Đã dừng',
    'pf.lastMessage': 'Tin gần nhất: {at}', 'pf.never': 'chưa có', 'pf.perMinute': '{n} tin/phút',
    'pf.quotaUnits': 'Hạn mức còn {left}/{of} đơn vị hôm nay', 'pf.quotaPercent': 'Hạn mức gọi còn {left}%',
    'pf.lastError': 'Lỗi gần nhất ({at}): {error}', 'pf.none': 'Chương trình chưa có buổi phát trực tiếp nào.',
    'pf.stop': 'Dừng đọc', 'pf.start': 'Đọc lại', 'pf.newCredential': 'Đổi mã truy cập',
    'pf.zalo': 'Zalo OA', 'pf.zaloOff': 'Chưa cấu hình', 'pf.zaloOn': 'Đang nhận tin nhắn',
  },
  en: {
    'pf.st.connected': 'Connected', 'pf.st.waiting': 'Waiting to connect', 'pf.st.backoff': 'Disconnected, retrying',
    'pf.st.failed': 'Failed, needs an admin', 'pf.st.ended': 'Broadcast ended', 'pf.st.stopped': 'Stopped',
    'pf.lastMessage': 'Last message: {at}', 'pf.never': 'none yet', 'pf.perMinute': '{n}/min',
    'pf.quotaUnits': 'Quota left today: {left}/{of} units', 'pf.quotaPercent': 'Rate budget left: {left}%',
    'pf.lastError': 'Last error ({at}): {error}', 'pf.none': 'The episode has no live stream yet.',
    'pf.stop': 'Stop reading', 'pf.start': 'Read again', 'pf.newCredential': 'Change credential',
    'pf.zalo': 'Zalo OA', 'pf.zaloOff': 'Not configured', 'pf.zaloOn': 'Receiving messages',
  },
});

export const PLATFORM_NAMES = { youtube: 'YouTube', facebook: 'Facebook', zalo: 'Zalo' };

/** GET /api/platforms/status for an episode: {streams, platforms, zalo}. */
export function loadPlatformStatus(episodeId) {
  return getJson(`/api/platforms/status?episode=${encodeURIComponent(episodeId)}`);
}

function lastMessage(at, perMinute) {
  return `${t('pf.lastMessage', { at: at ? formatDateTime(at) : t('pf.never') })} · ${t('pf.perMinute', { n: perMinute ?? 0 })}`;
}

function errorLine(s) {
  return s.lastError ? el('div', { class: 'pf-error', text: t('pf.lastError', { at: formatDateTime(s.lastErrorAt), error: s.lastError }) }) : null;
}

/** Fills a <ul> with one item per stream and one for Zalo; admin: with the stop/start and credential buttons. */
export function renderPlatforms(list, data, { admin = false } = {}) {
  const items = (data?.streams || []).map((s) => {
    const over = s.state === 'stopped' || s.state === 'ended';
    return el('li', { dataset: { platform: s.platform, state: s.state, stream: s.id } },
      el('div', {}, el('strong', { text: `${PLATFORM_NAMES[s.platform] || s.platform}${s.label ? ` — ${s.label}` : ''}` }),
        ' ', el('span', { class: 'pf-state', text: t(`pf.st.${s.state}`) })),
      el('div', { text: lastMessage(s.lastMessageAt, s.perMinute) }),
      s.quotaLeft?.units != null ? el('div', { text: t('pf.quotaUnits', { left: s.quotaLeft.units, of: s.quotaLeft.of }) }) : null,
      s.quotaLeft?.percent != null ? el('div', { text: t('pf.quotaPercent', { left: s.quotaLeft.percent }) }) : null,
      errorLine(s),
      admin ? el('div', { class: 'actions actions-tight' },
        el('button', { type: 'button', class: 'btn btn-small', dataset: { stream: s.id, action: over ? 'start' : 'stop' }, text: t(over ? 'pf.start' : 'pf.stop') }),
        el('button', { type: 'button', class: 'btn btn-small', dataset: { stream: s.id, action: 'credential' }, text: t('pf.newCredential') })) : null);
  });
  const z = data?.zalo;
  if (z) {
    items.push(el('li', { dataset: { platform: 'zalo', state: z.configured ? 'connected' : 'stopped' } },
      el('div', {}, el('strong', { text: t('pf.zalo') }), ' ', el('span', { class: 'pf-state', text: t(z.configured ? 'pf.zaloOn' : 'pf.zaloOff') })),
      z.configured ? el('div', { text: lastMessage(z.lastMessageAt, z.perMinute) }) : null,
      errorLine(z)));
  }
  list.replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: t('pf.none') })]));
}
