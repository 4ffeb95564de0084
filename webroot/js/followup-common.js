// What the follow-up page and the agency portal share: the words for an
// assignment's state, its deadline as a countdown in working days, an
// answer's files, and the page's alert and status line.

import { t, addStrings } from './i18n.js';
import { formatDate, formatDateTime } from './format.js';
import { el, hideAlert } from './ui.js';
import { flash, showFailure } from './page.js';

addStrings({
  vi: {
    'as.status.assigned': 'Đã giao, chờ trả lời',
    'as.status.answered': 'Đã trả lời, chờ duyệt',
    'as.status.returned': 'Trả lại để bổ sung',
    'as.status.approved': 'Đã duyệt',
    'as.status.sent_back': 'Cơ quan chuyển lại',
    'as.status.withdrawn': 'Đã thu hồi',
    'as.due': 'Hạn {date} (còn {n} ngày làm việc)',
    'as.dueToday': 'Hạn {date} (hết hạn hôm nay)',
    'as.overdue': 'Quá hạn từ {date}',
    'as.answeredAt': 'Trả lời lúc {at}',
    'as.comment': 'Ý kiến Ban Biên tập: {comment}',
    'as.network': 'Không kết nối được máy chủ; vui lòng thử lại.',
    'as.failed': 'Chưa thực hiện được thao tác.',
    'as.file': 'Tệp đính kèm: {name}',
  },
  en: {
    'as.status.assigned': 'Assigned, awaiting answer',
    'as.status.answered': 'Answered, awaiting review',
    'as.status.returned': 'Returned for more',
    'as.status.approved': 'Approved',
    'as.status.sent_back': 'Sent back by the agency',
    'as.status.withdrawn': 'Withdrawn',
    'as.due': 'Due {date} ({n} working days left)',
    'as.dueToday': 'Due {date} (today)',
    'as.overdue': 'Overdue since {date}',
    'as.answeredAt': 'Answered at {at}',
    'as.comment': 'Editors\u2019 comment: {comment}',
    'as.network': 'Cannot reach the server; please try again.',
    'as.failed': 'That did not work.',
    'as.file': 'Attachment: {name}',
  },
});

export function statusBadge(a) {
  const kind = a.overdue ? 'badge fu-badge-late' : a.status === 'approved' ? 'badge fu-badge-done' : 'badge';
  return el('span', { class: kind, text: t(`as.status.${a.status}`) });
}

/** The deadline as the officer reads it: a countdown in working days, in red once past. */
export function dueLine(a) {
  const date = formatDate(a.dueAt);
  const text = a.overdue ? t('as.overdue', { date })
    : a.workingDaysLeft <= 0 ? t('as.dueToday', { date }) : t('as.due', { date, n: a.workingDaysLeft });
  return el('span', { class: a.overdue ? 'fu-due fu-overdue' : 'fu-due', text });
}

export function answerBlock(n) {
  return el('div', { class: 'fu-answer' },
    el('p', { class: 'muted', text: `${t('as.answeredAt', { at: formatDateTime(n.answeredAt) })} · ${t(`rv.${n.review}`)}` }),
    el('p', { class: 'fu-text', text: n.text }),
    (n.attachments || []).map((f) => el('p', {},
      el('a', { href: `/api/answers/attachments/${encodeURIComponent(f.id)}`, text: t('as.file', { name: f.fileName }) }))),
    n.reviewComment ? el('p', { class: 'fu-comment', text: t('as.comment', { comment: n.reviewComment }) }) : null);
}

addStrings({
  vi: { 'rv.pending': 'chờ duyệt', 'rv.approved': 'đã duyệt', 'rv.returned': 'đã trả lại' },
  en: { 'rv.pending': 'awaiting review', 'rv.approved': 'approved', 'rv.returned': 'returned' },
});

/** Runs an action; a failure goes to the alert (the server's Vietnamese message), success to the status line. */
export async function act(ui, call, done) {
  hideAlert(ui.alert);
  flash(ui.flash, '', 0);
  try {
    const result = await call();
    if (done) flash(ui.flash, done, 0);
    return result;
  } catch (err) {
    showFailure(ui.alert, err, { network: 'as.network', fallback: 'as.failed' });
    return null;
  }
}
