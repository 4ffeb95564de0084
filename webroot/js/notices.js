// What the askers were sent (receipts, published answers, replies to lookups and
// complaints) and what became of each: queued, sent, delivered, failed, held back
// by the daily limits. Editors only; recipients come masked from the server.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson, requireStaff } from './api.js';
import { formatDateTime } from './format.js';
import { el, initPage, urlParam, setUrlParam, showAlert, hideAlert } from './ui.js';

const STATUSES = ['queued', 'sending', 'sent', 'unconfirmed', 'delivered', 'undelivered', 'failed', 'limited',
  'cancelled'];

addStrings({
  vi: {
    'nt.docTitle': 'Thông báo gửi người hỏi — Dân hỏi',
    'nt.title': 'Thông báo gửi người hỏi',
    'nt.heading': 'Tin nhắn, thư gửi người hỏi',
    'nt.intro': 'Mã số câu hỏi, câu trả lời đã công bố, trả lời tra cứu: mỗi thông báo chờ trong hàng đợi cho đến khi gửi được; nhà mạng báo lại tin đã đến máy hay chưa. Số điện thoại, thư điện tử chỉ hiện ba ký tự cuối.',
    'nt.status': 'Trạng thái', 'nt.channel': 'Kênh', 'nt.any': 'Tất cả', 'nt.show': 'Xem',
    'nt.col.at': 'Lúc tạo', 'nt.col.kind': 'Loại', 'nt.col.receipt': 'Mã số câu hỏi', 'nt.col.to': 'Người nhận',
    'nt.col.status': 'Trạng thái', 'nt.col.attempts': 'Số lần gửi', 'nt.col.parts': 'Số tin (phần)',
    'nt.col.note': 'Ghi chú của nhà cung cấp',
    'nt.none': 'Không có thông báo nào.',
    'nt.failed': 'Không tải được danh sách. Đề nghị thử lại.',
    'nt.count': '{channel}: {sent} đã gửi, {delivered} đã đến máy, {failed} không gửi được, {queued} đang chờ',
    'nt.kind.submission.receipt': 'Mã số câu hỏi', 'nt.kind.answer.published': 'Câu trả lời đã công bố',
    'nt.kind.track.reply': 'Trả lời tra cứu', 'nt.kind.complaint.reply': 'Trả lời đơn khiếu nại, tố cáo',
    'nt.st.queued': 'Đang chờ gửi', 'nt.st.sending': 'Đang gửi', 'nt.st.sent': 'Đã gửi',
    'nt.st.unconfirmed': 'Chưa rõ (không gửi lại)', 'nt.st.delivered': 'Đã đến máy', 'nt.st.undelivered': 'Không đến máy',
    'nt.st.failed': 'Không gửi được', 'nt.st.limited': 'Vượt giới hạn trong ngày', 'nt.st.cancelled': 'Đã huỷ (dữ liệu đã xoá)',
  },
  en: {
    'nt.docTitle': 'Notices to askers — Dân hỏi',
    'nt.title': 'Notices to askers',
    'nt.heading': 'Messages sent to askers',
    'nt.intro': 'Question codes, published answers, replies to lookups: each notice waits in the queue until it is sent; the carrier reports whether it reached the phone. Phone numbers and e-mail addresses show their last three characters only.',
    'nt.status': 'Status', 'nt.channel': 'Channel', 'nt.any': 'All', 'nt.show': 'Show',
    'nt.col.at': 'Created', 'nt.col.kind': 'Kind', 'nt.col.receipt': 'Question code', 'nt.col.to': 'Recipient',
    'nt.col.status': 'Status', 'nt.col.attempts': 'Attempts', 'nt.col.parts': 'Parts', 'nt.col.note': 'Provider note',
    'nt.none': 'No notice.',
    'nt.failed': 'The list could not be loaded. Please try again.',
    'nt.count': '{channel}: {sent} sent, {delivered} delivered, {failed} failed, {queued} waiting',
    'nt.kind.submission.receipt': 'Question code', 'nt.kind.answer.published': 'Published answer',
    'nt.kind.track.reply': 'Lookup reply', 'nt.kind.complaint.reply': 'Reply to a complaint',
    'nt.st.queued': 'Waiting', 'nt.st.sending': 'Sending', 'nt.st.sent': 'Sent',
    'nt.st.unconfirmed': 'Unknown (not resent)', 'nt.st.delivered': 'Delivered', 'nt.st.undelivered': 'Not delivered',
    'nt.st.failed': 'Failed', 'nt.st.limited': 'Over the daily limit', 'nt.st.cancelled': 'Cancelled (data erased)',
  },
});

const $ = (id) => document.getElementById(id);
let data = null;

function label(key) {
  const s = t(key);
  return s === key ? key.split('.').pop() : s;
}

function render() {
  if (!data) return;
  const counts = data.counts || {};
  $('nt-counts').replaceChildren(...Object.keys(counts).map((c) => el('div', { dataset: { channel: c } },
    el('dt', { text: label(`rp.nch.${c}`) }),
    el('dd', { text: t('nt.count', { channel: label(`rp.nch.${c}`), ...counts[c] }) }))));
  $('nt-rows').replaceChildren(...(data.items.length ? data.items.map((n) => el('tr', { dataset: { status: n.status } },
    el('td', { text: formatDateTime(n.createdAt) }),
    el('td', { text: label(`nt.kind.${n.kind}`) }),
    el('td', { text: n.receipt || '' }),
    el('td', { text: `${label(`rp.nch.${n.channel}`)} ${n.recipient || ''}` }),
    el('td', { text: label(`nt.st.${n.status}`) }),
    el('td', { class: 'num', text: String(n.attempts) }),
    el('td', { class: 'num', text: n.segments ? `${n.segments} (${n.encoding})` : '' }),
    el('td', { text: [n.reportCode, n.error].filter(Boolean).join(' · ') }))) : [el('tr', {},
    el('td', { colspan: '8', text: t('nt.none') }))]));
}

async function load() {
  const params = new URLSearchParams();
  const status = $('nt-status').value;
  const channel = $('nt-channel').value;
  if (status) params.set('status', status);
  if (channel) params.set('channel', channel);
  setUrlParam('status', status || null);
  setUrlParam('channel', channel || null);
  try {
    data = await getJson(`/api/notices?${params}`);
    hideAlert($('nt-alert'));
    render();
  } catch {
    showAlert($('nt-alert'), t('nt.failed'));
  }
}

async function main() {
  initPage();
  await requireStaff({ roles: ['editor'] });
  $('nt-status').append(...STATUSES.map((s) => el('option', { value: s, text: label(`nt.st.${s}`) })));
  $('nt-status').value = urlParam('status') || '';
  $('nt-channel').value = urlParam('channel') || '';
  $('nt-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  onLangChange(() => {
    [...$('nt-status').options].forEach((o) => { if (o.value) o.textContent = label(`nt.st.${o.value}`); });
    render();
  });
  await load();
}

main();
