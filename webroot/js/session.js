// The council office's page for an accountability session (phiên giải trình): the
// agencies called to account (filed, late, remind, download), and the
// speakers' list (register, order, minutes). The chair's screen is chair.html.

import { addStrings, t } from './i18n.js';
import { getJson, postJson, requireStaff } from './api.js';
import { showFailure } from './page.js';
import { formatDate, formatDateTime } from './format.js';
import './download.js'; // reports filed: fetched, a missing file said beside the link
import { el, initPage, urlParam, hideAlert, showFieldErrors, clearFieldErrors } from './ui.js';

addStrings({
  vi: {
    'session.title': 'Phiên giải trình', 'session.openChair': 'Mở màn hình chủ toạ',
    'session.reports': 'Báo cáo bằng văn bản của cơ quan giải trình', 'session.agency': 'Cơ quan',
    'session.subjects': 'Nội dung', 'session.due': 'Hạn', 'session.state': 'Tình trạng',
    'session.call': 'Thêm cơ quan giải trình', 'session.speakers': 'Đăng ký phát biểu', 'session.delegate': 'Đại biểu',
    'session.room': 'Điểm cầu', 'session.roomPlaceholder': 'Ví dụ: Điểm cầu phường Tân An', 'session.subject': 'Nội dung phát biểu', 'session.asks': 'Cơ quan được hỏi',
    'session.minutes': 'Số phút', 'session.register': 'Đăng ký', 'session.filed': 'Đã gửi',
    'session.late': 'Chậm {n} ngày làm việc', 'session.waiting': 'Chưa đến hạn', 'session.remind': 'Đôn đốc',
    'session.reminded': 'đã đôn đốc', 'session.up': 'Lên',
  },
  en: {
    'session.title': 'Accountability session', 'session.openChair': "Open the chair's screen",
    'session.reports': 'Written reports of the agencies called to account', 'session.agency': 'Agency',
    'session.subjects': 'Subjects', 'session.due': 'Due', 'session.state': 'State',
    'session.call': 'Call an agency', 'session.speakers': 'Registration to speak', 'session.delegate': 'Delegate',
    'session.room': 'Remote room', 'session.roomPlaceholder': 'e.g. Điểm cầu phường Tân An (commune or ward)', 'session.subject': 'Subject', 'session.asks': 'Agency questioned',
    'session.minutes': 'Minutes', 'session.register': 'Register', 'session.filed': 'Filed',
    'session.late': 'Late by {n} working day(s)', 'session.waiting': 'Not due yet', 'session.remind': 'Remind',
    'session.reminded': 'reminded', 'session.up': 'Up',
  },
});

const $ = (id) => document.getElementById(id);
const episodeId = urlParam('episode');
const base = `/api/episodes/${episodeId}`;
let speakers = [];

const fail = (err) => showFailure($('alert'), err);

async function load() {
  const data = await getJson(`${base}/accountability`);
  $('agencies').replaceChildren(...data.agencies.map((a) => el('tr', {},
    el('td', {}, a.agency), el('td', {}, a.subjects), el('td', {}, formatDate(a.reportDueAt)),
    el('td', {}, a.filed ? a.reports.map((r) => el('a', { href: r.download, download: '' }, `${t('session.filed')}: ${r.fileName} `))
      : a.late ? t('session.late', { n: a.workingDaysLate }) : t('session.waiting'),
    a.remindedAt ? ` (${t('session.reminded')} ${formatDateTime(a.remindedAt)})` : ''),
    el('td', {}, a.filed ? '' : button(t('session.remind'), () => postJson(`${base}/accountability/agencies/${a.id}/remind`, {}))))));
  speakers = data.speakers;
  $('speakers').replaceChildren(...speakers.map((s, i) => el('li', {},
    `${s.delegateName} — ${s.room}: ${s.subject} (${s.agency}, ${s.minutes}′) `,
    i > 0 ? button(t('session.up'), () => moveUp(i)) : '')));
}

function button(label, action) {
  const b = el('button', { type: 'button', class: 'btn btn-small' }, label);
  b.addEventListener('click', async () => {
    hideAlert($('alert'));
    try {
      await action();
      await load();
    } catch (err) {
      fail(err);
    }
  });
  return b;
}

function moveUp(i) {
  const order = speakers.map((s) => ({ id: s.id }));
  [order[i - 1], order[i]] = [order[i], order[i - 1]];
  return postJson(`${base}/speakers/order`, { speakers: order });
}

function wire(form, url, toBody) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form, $('alert'));
    try {
      await postJson(url, toBody(new FormData(form)));
      form.reset();
      await load();
    } catch (err) {
      if (err.field) showFieldErrors(form, [{ field: err.field, message: err.message }], { alertEl: $('alert') });
      else fail(err);
    }
  });
}

async function main() {
  initPage();
  await requireStaff({ roles: ['editor'] });
  $('chair-link').href = `/chair.html?episode=${encodeURIComponent(episodeId)}`;
  wire($('call-form'), `${base}/accountability/agencies`, (f) => Object.fromEntries(f));
  wire($('speaker-form'), `${base}/speakers`, (f) => ({ ...Object.fromEntries(f), minutes: Number(f.get('minutes')) }));
  load().catch(fail);
}

main();
