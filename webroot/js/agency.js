// The agency portal (cổng trả lời): an agency officer's questions with their
// deadlines, the editors' comments on a returned answer, a form to answer
// (text and one file: PDF, DOCX, JPEG or PNG) and to send a question back
// when it is not the agency's to answer. The asker's contact data comes masked
// unless the council office granted this agency access.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson, postJson, requireStaff } from './api.js';
import { el, initPage } from './ui.js';
import { formatDateTime } from './format.js';
import { statusBadge, dueLine, answerBlock, act } from './followup-common.js';
import { flash } from './page.js';

addStrings({
  vi: {
    'ag.docTitle': 'Cổng trả lời của cơ quan — Dân hỏi',
    'ag.title': 'Cổng trả lời của cơ quan',
    'ag.heading': 'Câu hỏi được giao trả lời',
    'ag.empty': 'Chưa có câu hỏi nào được giao.',
    'ag.agency': 'Cơ quan: {agency}',
    'ag.all': 'Tất cả cơ quan (quản trị)',
    'ag.asker': 'Người hỏi: {who}',
    'ag.instruction': 'Ý kiến chỉ đạo: {text}',
    'ag.answer': 'Nội dung trả lời',
    'ag.file': 'Tệp đính kèm (PDF, DOCX, JPEG, PNG; không bắt buộc)',
    'ag.send': 'Gửi câu trả lời',
    'ag.reason': 'Lý do chuyển lại (không thuộc thẩm quyền…)',
    'ag.sendBack': 'Chuyển lại Ban Biên tập',
    'ag.answered': 'Đã gửi câu trả lời; Ban Biên tập sẽ duyệt.',
    'ag.sentBack': 'Đã chuyển lại câu hỏi cho Ban Biên tập.',
    'ag.reportsHeading': 'Báo cáo giải trình',
    'ag.reportsHelp': 'Các phiên giải trình cơ quan được mời: nộp báo cáo bằng văn bản (PDF hoặc DOCX) trước hạn.',
    'ag.subjects': 'Nội dung giải trình: {text}',
    'ag.reportDue': 'Hạn nộp báo cáo: {date}',
    'ag.reportsFiled': 'Đã nộp {n} tệp báo cáo.',
    'ag.reportFile': 'Tệp báo cáo (PDF hoặc DOCX)',
    'ag.upload': 'Nộp báo cáo',
    'ag.uploaded': 'Đã nộp báo cáo.',
    'ag.chooseFile': 'Vui lòng chọn tệp báo cáo.',
  },
  en: {
    'ag.docTitle': 'Agency portal — Dân hỏi',
    'ag.title': 'Agency portal',
    'ag.heading': 'Questions assigned to answer',
    'ag.empty': 'No question has been assigned yet.',
    'ag.agency': 'Agency: {agency}',
    'ag.all': 'All agencies (admin)',
    'ag.asker': 'Asked by: {who}',
    'ag.instruction': 'Instruction: {text}',
    'ag.answer': 'Answer',
    'ag.file': 'Attachment (PDF, DOCX, JPEG, PNG; optional)',
    'ag.send': 'Send the answer',
    'ag.reason': 'Why it is sent back (not our competence…)',
    'ag.sendBack': 'Send back to the editors',
    'ag.answered': 'Answer sent; the editors will review it.',
    'ag.sentBack': 'Question sent back to the editors.',
    'ag.reportsHeading': 'Written reports',
    'ag.reportsHelp': 'Accountability sessions your agency is called to: file the written report (PDF or DOCX) before the deadline.',
    'ag.subjects': 'Subjects: {text}',
    'ag.reportDue': 'Report due: {date}',
    'ag.reportsFiled': '{n} report file(s) filed.',
    'ag.reportFile': 'Report file (PDF or DOCX)',
    'ag.upload': 'File the report',
    'ag.uploaded': 'Report filed.',
    'ag.chooseFile': 'Please choose the report file.',
  },
});

const $ = (id) => document.getElementById(id);
const ui = {
  count: $('ag-count'),
  agency: $('ag-agency'),
  alert: $('ag-alert'),
  flash: $('ag-flash'),
  empty: $('ag-empty'),
  list: $('ag-list'),
};

let data = null;
let sessions = [];
let csrfToken = null;
const reportsUi = {
  panel: $('ag-reports'),
  alert: $('ag-reports-alert'),
  flash: $('ag-reports-flash'),
  list: $('ag-sessions'),
};

/** Multipart, as the server's upload routes read it; the session cookie and the CSRF token go with it. */
async function sendAnswer(id, form) {
  const body = new FormData(form);
  const file = body.get('attachment');
  if (file instanceof File && !file.name) body.delete('attachment');
  return upload(`/api/agency/assignments/${encodeURIComponent(id)}/answer`, body);
}

async function upload(url, body) {
  let res;
  try {
    res = await fetch(url, {
      method: 'POST', body, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken || '' },
    });
  } catch (cause) {
    throw Object.assign(new Error('network'), { network: true, cause });
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    throw Object.assign(new Error('failed'), { serverMessage: json?.error?.message, field: json?.error?.field });
  }
  return json;
}

function card(a) {
  const q = a.question || {};
  const open = a.status === 'assigned' || a.status === 'returned';
  const answer = el('form', { class: 'fu-form', novalidate: true },
    el('label', {}, el('span', { text: t('ag.answer') }),
      el('textarea', { name: 'text', rows: 5, maxlength: 20000, required: true })),
    el('label', {}, el('span', { text: t('ag.file') }),
      el('input', { type: 'file', name: 'attachment', accept: '.pdf,.docx,.jpg,.jpeg,.png' })),
    el('button', { type: 'submit', class: 'btn btn-primary', text: t('ag.send') }));
  answer.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await act(ui, () => sendAnswer(a.id, answer), t('ag.answered'))) await reload(t('ag.answered'));
  });
  const reason = el('input', { maxlength: 2000, 'aria-label': t('ag.reason'), placeholder: t('ag.reason') });
  const back = el('button', { type: 'button', class: 'btn', text: t('ag.sendBack') });
  back.addEventListener('click', async () => {
    const r = await act(ui, () => postJson(`/api/agency/assignments/${encodeURIComponent(a.id)}/send-back`,
      { reason: reason.value }));
    if (r) await reload(t('ag.sentBack'));
  });
  const who = [q.askerName, q.locality, q.phone, q.email].filter(Boolean).join(', ');
  return el('li', { class: a.overdue ? 'fu-card fu-late' : 'fu-card', dataset: { id: a.id } },
    el('div', { class: 'fu-actions' }, statusBadge(a), dueLine(a)),
    el('p', { class: 'fu-text', text: a.text }),
    who ? el('p', { class: 'muted', text: t('ag.asker', { who }) }) : null,
    a.instruction ? el('p', { class: 'fu-comment', text: t('ag.instruction', { text: a.instruction }) }) : null,
    (a.answers || []).map(answerBlock),
    open ? answer : null,
    open ? el('div', { class: 'fu-actions' }, reason, back) : null);
}

function sessionCard(s) {
  const form = el('form', { class: 'fu-form', novalidate: true },
    el('label', {}, el('span', { text: t('ag.reportFile') }),
      el('input', { type: 'file', name: 'report', accept: '.pdf,.docx', required: true })),
    el('button', { type: 'submit', class: 'btn btn-primary', text: t('ag.upload') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = new FormData(form);
    const file = body.get('report');
    if (!(file instanceof File) || !file.name) {
      reportsUi.alert.textContent = t('ag.chooseFile');
      reportsUi.alert.hidden = false;
      return;
    }
    const url = `/api/episodes/${encodeURIComponent(s.episodeId)}/accountability/report`;
    if (await act(reportsUi, () => upload(url, body), t('ag.uploaded'))) await reloadSessions(t('ag.uploaded'));
  });
  return el('li', { class: 'fu-card', dataset: { id: s.id } },
    el('p', { class: 'fu-text', text: s.title }),
    el('p', { class: 'muted', text: t('ag.subjects', { text: s.subjects }) }),
    el('p', { class: 'muted', text: t('ag.reportDue', { date: formatDateTime(s.reportDueAt) }) }),
    s.reports > 0 ? el('p', { class: 'status-line', text: t('ag.reportsFiled', { n: s.reports }) }) : null,
    form);
}

async function reloadSessions(message) {
  const r = await act(reportsUi, () => getJson('/api/agency/accountability'));
  if (r) {
    sessions = Array.isArray(r) ? r : [];
    reportsUi.panel.hidden = sessions.length === 0;
    reportsUi.list.replaceChildren(...sessions.map(sessionCard));
    if (message) flash(reportsUi.flash, message, 0);
  }
}

function render() {
  if (!data) return;
  ui.agency.textContent = data.agency ? t('ag.agency', { agency: data.agency }) : t('ag.all');
  ui.count.textContent = String(data.items.length);
  ui.empty.hidden = data.items.length > 0;
  ui.list.replaceChildren(...data.items.map(card));
}

async function reload(message) {
  const r = await act(ui, () => getJson('/api/agency/assignments'));
  if (r) {
    data = r;
    render();
    if (message) flash(ui.flash, message, 0);
  }
}

async function main() {
  initPage();
  const session = await requireStaff({ roles: ['agency'] });
  csrfToken = session.csrfToken;
  onLangChange(() => {
    render();
    reportsUi.list.replaceChildren(...sessions.map(sessionCard));
  });
  await reload();
  if (session.user?.agency) await reloadSessions();
}

main();
