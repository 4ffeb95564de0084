// The editors' follow-up of an ended episode: every
// question not answered on air, to give to an agency one by one or a whole
// field at once, with a deadline in working days; what was given, with its
// countdown and overdue in red; the agencies' answers to approve or return
// with a comment; approved answers to publish (approval alone keeps them off
// the public page). Everything the server sends is shown with textContent.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson, postJson, requireStaff } from './api.js';
import { formatDateTime } from './format.js';
import { el, initPage, showAlert, urlParam } from './ui.js';
import { statusBadge, dueLine, answerBlock, act } from './followup-common.js';
import { flash } from './page.js';

addStrings({
  vi: {
    'fu.docTitle': 'Theo dõi sau chương trình — Dân hỏi',
    'fu.title': 'Theo dõi sau chương trình',
    'fu.heading': 'Theo dõi sau chương trình',
    'fu.episode': '{title} — kết thúc lúc {at}; cơ quan trả lời trong {days} ngày làm việc',
    'fu.open': 'Câu hỏi chưa trả lời, chờ giao',
    'fu.openEmpty': 'Mọi câu hỏi đã được giao.',
    'fu.field': 'Lĩnh vực',
    'fu.agency': 'Cơ quan trả lời',
    'fu.instruction': 'Ý kiến chỉ đạo',
    'fu.days': 'Số ngày làm việc',
    'fu.bulk': 'Giao cả lĩnh vực',
    'fu.assign': 'Giao',
    'fu.noField': '(chưa phân lĩnh vực)',
    'fu.suggested': 'gợi ý',
    'fu.sentBack': '{agency} chuyển lại: {reason}',
    'fu.assigned': 'Đã giao',
    'fu.overdueN': '{n} quá hạn',
    'fu.pending': 'Câu trả lời chờ duyệt',
    'fu.pendingEmpty': 'Không có câu trả lời chờ duyệt.',
    'fu.approve': 'Duyệt',
    'fu.return': 'Trả lại kèm ý kiến',
    'fu.comment': 'Ý kiến khi trả lại',
    'fu.done': 'Đã giao {n} câu hỏi cho {agency}.',
    'fu.approved': 'Đã duyệt câu trả lời.',
    'fu.returned': 'Đã trả lại câu trả lời cho cơ quan.',
    'fu.toPublish': 'Đã duyệt, chờ công bố',
    'fu.toPublishEmpty': 'Không có câu trả lời chờ công bố.',
    'fu.publish': 'Công bố',
    'fu.published': 'Đã công bố câu trả lời.',
    'fu.col.seq': 'Số',
    'fu.col.text': 'Câu hỏi',
    'fu.col.asker': 'Người hỏi',
    'fu.col.field': 'Lĩnh vực',
    'fu.col.assign': 'Giao cho',
    'fu.col.agency': 'Cơ quan',
    'fu.col.status': 'Trạng thái',
    'fu.col.due': 'Hạn trả lời',
    'fu.noEpisode': 'Thiếu mã chương trình (?episode=…) trong địa chỉ trang.',
    'fu.channel.web': 'Web', 'fu.channel.sms': 'SMS', 'fu.channel.hotline': 'Đường dây nóng',
    'fu.channel.email': 'E-mail', 'fu.channel.post': 'Thư', 'fu.channel.form': 'Phiếu',
  },
  en: {
    'fu.docTitle': 'After the show — Dân hỏi',
    'fu.title': 'After the show',
    'fu.heading': 'After the show',
    'fu.episode': '{title} — ended at {at}; agencies answer within {days} working days',
    'fu.open': 'Unanswered questions to assign',
    'fu.openEmpty': 'Every question has been assigned.',
    'fu.field': 'Field',
    'fu.agency': 'Answering agency',
    'fu.instruction': 'Instruction',
    'fu.days': 'Working days',
    'fu.bulk': 'Assign the whole field',
    'fu.assign': 'Assign',
    'fu.noField': '(no field)',
    'fu.suggested': 'suggested',
    'fu.sentBack': 'Sent back by {agency}: {reason}',
    'fu.assigned': 'Assigned',
    'fu.overdueN': '{n} overdue',
    'fu.pending': 'Answers awaiting review',
    'fu.pendingEmpty': 'No answers awaiting review.',
    'fu.approve': 'Approve',
    'fu.return': 'Return with a comment',
    'fu.comment': 'Comment for the agency',
    'fu.done': '{n} questions assigned to {agency}.',
    'fu.approved': 'Answer approved.',
    'fu.returned': 'Answer returned to the agency.',
    'fu.toPublish': 'Approved, to publish',
    'fu.toPublishEmpty': 'No approved answers to publish.',
    'fu.publish': 'Publish',
    'fu.published': 'Answer published.',
    'fu.col.seq': 'No.',
    'fu.col.text': 'Question',
    'fu.col.asker': 'Asked by',
    'fu.col.field': 'Field',
    'fu.col.assign': 'Assign to',
    'fu.col.agency': 'Agency',
    'fu.col.status': 'Status',
    'fu.col.due': 'Deadline',
    'fu.noEpisode': 'The page address lacks the episode (?episode=…).',
    'fu.channel.web': 'Web', 'fu.channel.sms': 'SMS', 'fu.channel.hotline': 'Hotline',
    'fu.channel.email': 'E-mail', 'fu.channel.post': 'Letter', 'fu.channel.form': 'Form',
  },
});

const $ = (id) => document.getElementById(id);
const ui = {
  episode: $('fu-episode'),
  alert: $('fu-alert'),
  flash: $('fu-flash'),
  openCount: $('fu-open-count'),
  openEmpty: $('fu-open-empty'),
  openRows: $('fu-open-rows'),
  bulk: $('fu-bulk'),
  bulkField: $('fu-bulk-field'),
  overdueCount: $('fu-overdue-count'),
  assignedRows: $('fu-assigned-rows'),
  pending: $('fu-pending'),
  pendingEmpty: $('fu-pending-empty'),
  toPublish: $('fu-publish'),
  toPublishEmpty: $('fu-publish-empty'),
};

const episodeId = urlParam('episode');
let data = null;
let agencies = [];

function agencySelect(chosen) {
  return el('select', { class: 'fu-agencies', 'aria-label': t('fu.agency') },
    agencies.map((name) => el('option', { value: name, text: name, selected: name === chosen })));
}

function openRow(item) {
  const agency = agencySelect(item.agency);
  const instruction = el('input', { maxlength: 2000, placeholder: t('fu.instruction'), 'aria-label': t('fu.instruction') });
  const assign = el('button', { type: 'button', class: 'btn btn-small btn-primary', text: t('fu.assign') });
  assign.addEventListener('click', () => change(() => postJson(`/api/items/${encodeURIComponent(item.id)}/assign`,
    { agency: agency.value, instruction: instruction.value || null }), agency.value));
  return el('tr', { dataset: { id: item.id } },
    el('td', { text: `#${item.seq}` }),
    el('td', {},
      el('span', { class: 'badge', text: t(`fu.channel.${item.channel}`) }), ' ',
      el('span', { class: 'fu-text', text: item.text }),
      item.sentBack ? el('p', { class: 'fu-comment', text: t('fu.sentBack', item.sentBack) }) : null),
    el('td', { text: [item.askerName, item.locality].filter(Boolean).join(', ') }),
    el('td', {}, item.field || t('fu.noField'),
      item.suggested && item.field ? el('span', { class: 'muted', text: ` (${t('fu.suggested')})` }) : null),
    el('td', { class: 'fu-assign' }, agency, instruction, assign));
}

function assignedRow(a) {
  return el('tr', { class: a.overdue ? 'fu-late' : '' },
    el('td', { class: 'fu-text', text: a.text }),
    el('td', { text: a.agency }),
    el('td', {}, statusBadge(a)),
    el('td', {}, dueLine(a)));
}

/** A button that posts to one of the answer's actions, then reloads the lists and says what was done. */
function answerButton(n, action, { label, done, primary = false, body = () => ({}) }) {
  const button = el('button', { type: 'button', class: primary ? 'btn btn-primary' : 'btn', text: t(label) });
  button.addEventListener('click', () => settle(() => postJson(
    `/api/answers/${encodeURIComponent(n.id)}/${action}`, body()), t(done)));
  return button;
}

/** The agency, the question and the answer with its files, then what the editor can do with it. */
function answerItem(n, ...actions) {
  return el('li', { class: 'fu-card' },
    el('p', { class: 'fu-text' }, el('strong', { text: n.agency }), ' — ', n.question),
    answerBlock(n), ...actions);
}

function pendingCard(n) {
  const comment = el('textarea', { rows: 2, maxlength: 2000, 'aria-label': t('fu.comment'), placeholder: t('fu.comment') });
  return answerItem(n, comment, el('div', { class: 'fu-actions' },
    answerButton(n, 'approve', { label: 'fu.approve', done: 'fu.approved', primary: true }),
    answerButton(n, 'return', { label: 'fu.return', done: 'fu.returned', body: () => ({ comment: comment.value }) })));
}

function toPublishCard(n) {
  return answerItem(n, el('div', { class: 'fu-actions' },
    answerButton(n, 'publish', { label: 'fu.publish', done: 'fu.published', primary: true })));
}

function render() {
  if (!data) return;
  const ep = data.episode;
  ui.episode.textContent = t('fu.episode', { title: ep.title, at: formatDateTime(ep.endsAt), days: ep.answerWorkingDays });
  ui.openCount.textContent = String(data.unassigned.length);
  ui.openEmpty.hidden = data.unassigned.length > 0;
  ui.openRows.replaceChildren(...data.unassigned.map(openRow));
  const fields = [...new Set(data.unassigned.map((i) => i.field).filter(Boolean))];
  ui.bulkField.replaceChildren(...fields.map((f) => el('option', { value: f, text: f })));
  for (const s of ui.bulk.querySelectorAll('.fu-agencies')) {
    s.replaceChildren(...agencies.map((name) => el('option', { value: name, text: name })));
  }
  const late = data.assignments.filter((a) => a.overdue).length;
  ui.overdueCount.textContent = late ? t('fu.overdueN', { n: late }) : '';
  ui.overdueCount.className = 'badge fu-badge-late';
  ui.overdueCount.hidden = !late;
  ui.assignedRows.replaceChildren(...data.assignments.map(assignedRow));
  ui.pendingEmpty.hidden = data.pendingAnswers.length > 0;
  ui.pending.replaceChildren(...data.pendingAnswers.map(pendingCard));
  ui.toPublishEmpty.hidden = data.toPublish.length > 0;
  ui.toPublish.replaceChildren(...data.toPublish.map(toPublishCard));
}

async function load() {
  const r = await act(ui, () => getJson(`/api/episodes/${encodeURIComponent(episodeId)}/followup`));
  if (r) {
    data = r;
    render();
  }
}

async function change(call, agency) {
  const r = await act(ui, call);
  if (r) {
    await load();
    flash(ui.flash, t('fu.done', { n: r.count, agency }), 0);
  }
}

async function settle(call, done) {
  if (await act(ui, call)) {
    await load();
    flash(ui.flash, done, 0);
  }
}

async function main() {
  initPage();
  await requireStaff({ roles: ['editor'] });
  if (!episodeId) {
    showAlert(ui.alert, t('fu.noEpisode'));
    return;
  }
  const list = await act(ui, () => getJson('/api/agencies'));
  agencies = (list?.items || []).filter((a) => a.active !== false).map((a) => a.name);
  ui.bulk.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(ui.bulk);
    const days = form.get('workingDays');
    change(() => postJson(`/api/episodes/${encodeURIComponent(episodeId)}/assign-by-field`, {
      field: form.get('field'), agency: form.get('agency'), instruction: form.get('instruction') || null,
      workingDays: days ? Number(days) : null,
    }), form.get('agency'));
  });
  onLangChange(render);
  await load();
}

main();
