// The run-down (kịch bản) of one episode, for the editorial board: built from
// the questions shortlisted in moderation, put in order, each given a
// responder from the episode's panel and planned minutes against the
// episode's duration; signed as the editors set it; downloaded as a DOCX or a PDF and e-mailed to each responder
// (at least 5 working days before the recording). Everything the
// server sends is shown with textContent.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson, postJson, patchJson, deleteJson, requireStaff } from './api.js';
import { formatDateTime, formatDate } from './format.js';
import { el, initPage, showAlert, hideAlert, urlParam } from './ui.js';
import { flash, showFailure } from './page.js';
import './download.js'; // export buttons: progress, then the file, or the server's words

addStrings({
  vi: {
    'rd.docTitle': 'Kịch bản — Dân hỏi',
    'rd.title': 'Kịch bản',
    'rd.heading': 'Kịch bản chương trình',
    'rd.build': 'Lấy câu hỏi từ danh sách đã chọn',
    'rd.docx': 'Tải kịch bản (DOCX)',
    'rd.pdf': 'Tải kịch bản (PDF)',
    'rd.signer': 'Người ký kịch bản',
    'rd.details': 'Mục đích, thời gian, diễn biến, phối hợp',
    'rd.f.purpose': 'Mục đích', 'rd.f.recordingAt': 'Thời gian ghi hình', 'rd.f.broadcastAt': 'Thời gian phát sóng',
    'rd.f.timesHint': 'Để trống: giờ bắt đầu của chương trình (phát sóng trực tiếp).',
    'rd.f.segments': 'Diễn biến chương trình (mỗi dòng: tên phần | số phút)',
    'rd.f.duties': 'Phân công phối hợp (mỗi dòng một nhiệm vụ)', 'rd.f.saveDetails': 'Lưu',
    'rd.f.signerAuthority': 'Thẩm quyền ký (TM., KT., TL., TUQ., Q.)',
    'rd.f.signerAuthorityHint': 'Ví dụ: TM. BAN BIÊN TẬP hoặc KT. TRƯỞNG BAN; để trống khi người đứng đầu ký.',
    'rd.f.signerTitle': 'Chức vụ người ký',
    'rd.f.signerName': 'Người ký',
    'rd.f.save': 'Lưu người ký',
    'rd.send': 'Gửi e-mail cho người trả lời',
    'rd.sendConfirm': 'Gửi cho mỗi người trả lời các câu hỏi của mình, kèm kịch bản?',
    'rd.sent': 'Đã gửi {n} thư: {who}.',
    'rd.built': 'Đã cập nhật kịch bản từ danh sách câu hỏi đã chọn.',
    'rd.entries': 'Thứ tự câu hỏi',
    'rd.empty': 'Chưa có câu hỏi. Hãy chọn câu hỏi ở trang Kiểm duyệt, rồi bấm “Lấy câu hỏi từ danh sách đã chọn”.',
    'rd.col.position': 'STT',
    'rd.col.text': 'Nội dung câu hỏi',
    'rd.col.askers': 'Người hỏi',
    'rd.col.responder': 'Người trả lời',
    'rd.col.minutes': 'Phút',
    'rd.col.actions': 'Thao tác',
    'rd.unassigned': '— chưa phân công —',
    'rd.up': 'Lên',
    'rd.down': 'Xuống',
    'rd.remove': 'Bỏ',
    'rd.removeConfirm': 'Bỏ câu hỏi số {n} khỏi kịch bản?',
    'rd.saved': 'Đã lưu.',
    'rd.status.draft': 'Bản nháp',
    'rd.status.sent': 'Đã gửi',
    'rd.sentAt': 'Đã gửi lúc {at}; sửa kịch bản sẽ đưa về bản nháp.',
    'rd.episode': '{title} — {at}, {n} phút',
    'rd.number': 'Văn bản {number}',
    'rd.total': 'Tổng thời lượng: {total} / {duration} phút',
    'rd.over': 'Tổng thời lượng: {total} / {duration} phút — vượt {over} phút',
    'rd.deadline': 'Hạn gửi kịch bản: {date} (còn {n} ngày làm việc)',
    'rd.deadlineOverdue': 'Đã quá hạn gửi kịch bản ({date})',
    'rd.askersN': '{n} người',
    'rd.noEpisode': 'Thiếu mã chương trình (?episode=…) trong địa chỉ trang.',
    'rd.loadFailed': 'Chưa tải được kịch bản.',
    'rd.network': 'Không kết nối được máy chủ; vui lòng thử lại.',
  },
  en: {
    'rd.docTitle': 'Run-down — Dân hỏi',
    'rd.title': 'Run-down',
    'rd.heading': 'Episode run-down',
    'rd.build': 'Take the shortlisted questions',
    'rd.docx': 'Download (DOCX)',
    'rd.pdf': 'Download (PDF)',
    'rd.signer': 'Who signs the run-down',
    'rd.details': 'Purpose, times, segments, coordination',
    'rd.f.purpose': 'Purpose', 'rd.f.recordingAt': 'Recording time', 'rd.f.broadcastAt': 'Broadcast time',
    'rd.f.timesHint': "Empty: the episode's start (broadcast live).",
    'rd.f.segments': 'Segments (one a line: title | minutes)',
    'rd.f.duties': 'Coordination duties (one a line)', 'rd.f.saveDetails': 'Save',
    'rd.f.signerAuthority': 'Signing authority (TM., KT., TL., TUQ., Q.)',
    'rd.f.signerAuthorityHint': 'E.g. TM. BAN BIÊN TẬP or KT. TRƯỞNG BAN; empty when the head signs.',
    'rd.f.signerTitle': "Signer's title",
    'rd.f.signerName': 'Signer',
    'rd.f.save': 'Save signer',
    'rd.send': 'E-mail the responders',
    'rd.sendConfirm': 'Send each responder their own questions, with the run-down attached?',
    'rd.sent': '{n} e-mails sent: {who}.',
    'rd.built': 'The run-down now follows the shortlist.',
    'rd.entries': 'Order of questions',
    'rd.empty': 'No questions yet. Shortlist questions on the Moderation page, then press “Take the shortlisted questions”.',
    'rd.col.position': 'No.',
    'rd.col.text': 'Question',
    'rd.col.askers': 'Asked by',
    'rd.col.responder': 'Responder',
    'rd.col.minutes': 'Minutes',
    'rd.col.actions': 'Actions',
    'rd.unassigned': '— not assigned —',
    'rd.up': 'Up',
    'rd.down': 'Down',
    'rd.remove': 'Remove',
    'rd.removeConfirm': 'Remove question {n} from the run-down?',
    'rd.saved': 'Saved.',
    'rd.status.draft': 'Draft',
    'rd.status.sent': 'Sent',
    'rd.sentAt': 'Sent at {at}; editing puts it back to draft.',
    'rd.episode': '{title} — {at}, {n} minutes',
    'rd.number': 'Document {number}',
    'rd.total': 'Total: {total} / {duration} minutes',
    'rd.over': 'Total: {total} / {duration} minutes — {over} over',
    'rd.deadline': 'Send the run-down by {date} ({n} working days left)',
    'rd.deadlineOverdue': 'The run-down is overdue ({date})',
    'rd.askersN': '{n} people',
    'rd.noEpisode': 'The page address lacks the episode (?episode=…).',
    'rd.loadFailed': 'Could not load the run-down.',
    'rd.network': 'Cannot reach the server; please try again.',
  },
});

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('rd-status'),
  episode: $('rd-episode'),
  number: $('rd-number'),
  deadline: $('rd-deadline'),
  total: $('rd-total'),
  build: $('rd-build'),
  docx: $('rd-docx'),
  pdf: $('rd-pdf'),
  signer: $('rd-signer'),
  details: $('rd-details'),
  send: $('rd-send'),
  alert: $('rd-alert'),
  flash: $('rd-flash'),
  empty: $('rd-empty'),
  rows: $('rd-rows'),
};

const episodeId = urlParam('episode');
const base = `/api/episodes/${encodeURIComponent(episodeId || '')}/rundown`;
let rundown = null;
let deadline = null;

const fail = (err) => showFailure(ui.alert, err, { network: 'rd.network', fallback: 'rd.loadFailed' });
// The last confirmation stays: the editor may look back at what was sent to whom.
const say = (message) => flash(ui.flash, message, 0);

/** Runs a change; the server answers with the whole run-down, which is drawn again. */
async function change(call, done) {
  hideAlert(ui.alert);
  say('');
  try {
    rundown = await call();
    render();
    say(done || t('rd.saved'));
  } catch (err) {
    fail(err);
    render();
  }
}

function renderHead() {
  if (!rundown) return;
  ui.status.textContent = t(`rd.status.${rundown.status}`);
  ui.status.className = rundown.status === 'sent' ? 'badge badge-ready' : 'badge badge-muted';
  ui.episode.textContent = t('rd.episode', {
    title: rundown.title, at: formatDateTime(rundown.startsAt), n: rundown.durationMinutes,
  });
  ui.number.textContent = rundown.status === 'sent' && rundown.sentAt
    ? `${t('rd.number', { number: rundown.documentNumber })} · ${t('rd.sentAt', { at: formatDateTime(rundown.sentAt) })}`
    : t('rd.number', { number: rundown.documentNumber });
  const over = rundown.totalMinutes - rundown.durationMinutes;
  ui.total.textContent = over > 0
    ? t('rd.over', { total: rundown.totalMinutes, duration: rundown.durationMinutes, over })
    : t('rd.total', { total: rundown.totalMinutes, duration: rundown.durationMinutes });
  ui.total.dataset.kind = over > 0 ? 'error' : '';
  if (deadline && rundown.status !== 'sent') {
    ui.deadline.textContent = deadline.overdue
      ? t('rd.deadlineOverdue', { date: formatDate(deadline.dueAt) })
      : t('rd.deadline', { date: formatDate(deadline.dueAt), n: deadline.workingDaysLeft });
    ui.deadline.dataset.kind = deadline.overdue ? 'error' : '';
  } else {
    ui.deadline.textContent = '';
  }
  ui.send.disabled = rundown.entries.length === 0;
}

function responderSelect(entry) {
  const select = el('select', { 'aria-label': t('rd.col.responder') },
    el('option', { value: '', text: t('rd.unassigned') }),
    rundown.responders.map((p) => el('option', {
      value: p.id, text: p.title ? `${p.name}, ${p.title}` : p.name, selected: p.id === entry.responderId,
    })));
  select.addEventListener('change', () => change(() => patchJson(`${base}/entries/${entry.id}`,
    { responderId: select.value || null })));
  return select;
}

function move(index, by) {
  const ids = rundown.entries.map((e) => e.id);
  const [moved] = ids.splice(index, 1);
  ids.splice(index + by, 0, moved);
  return change(() => postJson(`${base}/order`, { entries: ids }));
}

function row(entry, index) {
  const text = el('textarea', { rows: 3, 'aria-label': t('rd.col.text'), maxlength: 2000 });
  text.value = entry.text;
  text.addEventListener('change', () => change(() => patchJson(`${base}/entries/${entry.id}`, { text: text.value })));
  const minutes = el('input', { type: 'number', min: 0, max: 600, step: 1, 'aria-label': t('rd.col.minutes') });
  minutes.value = String(entry.minutes);
  minutes.addEventListener('change', () => change(() => patchJson(`${base}/entries/${entry.id}`,
    { minutes: Number(minutes.value) })));
  const up = el('button', { type: 'button', class: 'btn btn-small', text: `↑ ${t('rd.up')}`, disabled: index === 0 });
  up.addEventListener('click', () => move(index, -1));
  const down = el('button', {
    type: 'button', class: 'btn btn-small', text: `↓ ${t('rd.down')}`, disabled: index === rundown.entries.length - 1,
  });
  down.addEventListener('click', () => move(index, 1));
  const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('rd.remove') });
  remove.addEventListener('click', () => {
    if (window.confirm(t('rd.removeConfirm', { n: entry.position }))) {
      change(() => deleteJson(`${base}/entries/${entry.id}`));
    }
  });
  return el('tr', {},
    el('td', { text: String(entry.position) }),
    el('td', {}, text),
    el('td', {}, entry.asker ? `${entry.asker}${entry.locality ? ` (${entry.locality})` : ''} ` : '',
      el('span', { class: 'badge badge-askers', text: t('rd.askersN', { n: entry.askers }) })),
    el('td', {}, responderSelect(entry)),
    el('td', {}, minutes),
    el('td', {}, up, ' ', down, ' ', remove));
}

/** Filled on load and after saving it, so a change elsewhere never wipes what an editor is typing. */
function renderSigner() {
  const f = ui.signer.elements;
  f.signerAuthority.value = rundown.signerAuthority || '';
  f.signerTitle.value = rundown.signerTitle || '';
  f.signerName.value = rundown.signerName || '';
}

/** The script's parts; times as the council's local time, segments as "title | minutes" lines. */
function renderDetails() {
  const f = ui.details.elements;
  f.purpose.value = rundown.purpose || '';
  f.recordingAt.value = (rundown.recordingAt || '').slice(0, 16);
  f.broadcastAt.value = (rundown.broadcastAt || '').slice(0, 16);
  f.segments.value = (rundown.segments || []).map((s) => `${s.title} | ${s.minutes}`).join('\n');
  f.duties.value = (rundown.duties || []).join('\n');
}

function detailsBody() {
  const f = ui.details.elements;
  const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    purpose: f.purpose.value,
    recordingAt: f.recordingAt.value,
    broadcastAt: f.broadcastAt.value,
    segments: lines(f.segments.value).map((l) => {
      const at = l.lastIndexOf('|');
      return at < 0 ? { title: l, minutes: 0 } : { title: l.slice(0, at).trim(), minutes: Number(l.slice(at + 1).trim()) || 0 };
    }),
    duties: lines(f.duties.value),
  };
}

function render() {
  if (!rundown) return;
  renderHead();
  ui.empty.hidden = rundown.entries.length > 0;
  ui.rows.replaceChildren(...rundown.entries.map(row));
}

async function load() {
  try {
    const [r, d] = await Promise.all([getJson(base), getJson(`/api/episodes/${encodeURIComponent(episodeId)}/deadlines`)]);
    rundown = r;
    deadline = (d.items || []).find((item) => item.kind === 'rundown') || null;
    render();
    renderSigner();
    renderDetails();
  } catch (err) {
    fail(err);
  }
}

async function main() {
  initPage();
  await requireStaff({ roles: ['editor'] });
  if (!episodeId) {
    showAlert(ui.alert, t('rd.noEpisode'));
    for (const b of [ui.build, ui.send]) b.disabled = true;
    return;
  }
  ui.docx.href = `${base}.docx`;
  ui.pdf.href = `${base}.pdf`;
  ui.signer.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = ui.signer.elements;
    change(() => patchJson(base, {
      signerAuthority: f.signerAuthority.value, signerTitle: f.signerTitle.value, signerName: f.signerName.value,
    })).then(() => { if (rundown) renderSigner(); });
  });
  ui.details.addEventListener('submit', (e) => {
    e.preventDefault();
    change(() => patchJson(base, detailsBody())).then(() => { if (rundown) renderDetails(); });
  });
  ui.build.addEventListener('click', () => change(() => postJson(`${base}/build`, {}), t('rd.built')));
  ui.send.addEventListener('click', async () => {
    if (!window.confirm(t('rd.sendConfirm'))) return;
    ui.send.disabled = true;
    await change(() => postJson(`${base}/send`, {}), null);
    const sent = rundown?.sendings || [];
    if (sent.length) {
      say(t('rd.sent', { n: sent.length, who: sent.map((s) => `${s.responder} <${s.recipient}>`).join(', ') }));
    }
  });
  onLangChange(render);
  await load();
}

main();
