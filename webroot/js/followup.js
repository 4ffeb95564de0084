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
import { catalogAgencies, catalogFields } from './catalog.js';

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
    'fu.chooseAgency': '— Chọn cơ quan —',
    'fu.chooseField': '— Chọn lĩnh vực —',
    'fu.suggestion': 'Gợi ý',
    'fu.suggestion.editor': 'Gợi ý: cơ quan Ban Biên tập đã chọn khi biên tập',
    'fu.suggestion.suggested': 'Gợi ý: theo từ khóa của câu hỏi',
    'fu.suggestion.field': 'Gợi ý: cơ quan phụ trách lĩnh vực trong danh mục',
    'fu.refused': '{agency} (đã chuyển lại)',
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
    'fu.channel.zalo': 'Zalo', 'fu.channel.youtube': 'YouTube', 'fu.channel.facebook': 'Facebook',
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
    'fu.chooseAgency': '— Choose an agency —',
    'fu.chooseField': '— Choose a field —',
    'fu.suggestion': 'Suggested',
    'fu.suggestion.editor': 'Suggested: the agency an editor chose while screening',
    'fu.suggestion.suggested': 'Suggested: from the question\u2019s keywords',
    'fu.suggestion.field': 'Suggested: the catalogue\u2019s agency for the field',
    'fu.refused': '{agency} (sent it back)',
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
    'fu.channel.zalo': 'Zalo', 'fu.channel.youtube': 'YouTube', 'fu.channel.facebook': 'Facebook',
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
/** The catalogue's active agencies, [{ name }], from the server. */
let agencies = [];
/** The catalogue's fields, [{ name, agencyName }], for the agency of a field chosen in the bulk form. */
let fields = [];

const fold = (s) => String(s ?? '').normalize('NFC').toLocaleLowerCase('vi');

/**
 * An agency choice that decides nothing by itself (issue #19): it starts on "— Chọn cơ quan —" unless the
 * server proposed an agency, and an agency that sent the question back is shown but cannot be chosen.
 */
function agencySelect(proposed, refused = []) {
  const out = new Set(refused.map(fold));
  return el('select', { class: 'fu-agencies', 'aria-label': t('fu.agency'), required: true },
    el('option', { value: '', text: t('fu.chooseAgency'), selected: !proposed }),
    agencies.map(({ name }) => out.has(fold(name))
      ? el('option', { value: name, text: t('fu.refused', { agency: name }), disabled: true, dataset: { refused: '' } })
      : el('option', { value: name, text: name, selected: fold(name) === fold(proposed) })));
}

/** The "Gợi ý" mark beside a proposed agency; gone once the editor picks another one. */
function suggestionMark(source) {
  return el('span', { class: 'badge fu-suggestion', text: t('fu.suggestion'), title: t(`fu.suggestion.${source}`) });
}

/** The send button follows the select: nothing is sent before an agency is chosen. */
function bindChoice(select, button, mark, proposed) {
  const sync = () => {
    button.disabled = !select.value;
    if (mark) mark.hidden = !proposed || fold(select.value) !== fold(proposed);
  };
  select.addEventListener('change', sync);
  sync();
}

function openRow(item) {
  const proposed = item.agencySuggested ? item.agency : null;
  const agency = agencySelect(proposed, item.excludedAgencies || []);
  const mark = proposed ? suggestionMark(item.agencySource) : null;
  const instruction = el('input', { maxlength: 2000, placeholder: t('fu.instruction'), 'aria-label': t('fu.instruction') });
  const assign = el('button', { type: 'button', class: 'btn btn-small btn-primary', text: t('fu.assign') });
  bindChoice(agency, assign, mark, proposed);
  assign.addEventListener('click', () => {
    if (!agency.value) return;
    change(() => postJson(`/api/items/${encodeURIComponent(item.id)}/assign`,
      { agency: agency.value, instruction: instruction.value || null }), agency.value);
  });
  return el('tr', { dataset: { id: item.id } },
    el('td', { text: `#${item.seq}` }),
    el('td', {},
      el('span', { class: 'badge', text: t(`fu.channel.${item.channel}`) }), ' ',
      el('span', { class: 'fu-text', text: item.text }),
      item.sentBack ? el('p', { class: 'fu-comment', text: t('fu.sentBack', item.sentBack) }) : null),
    el('td', { text: [item.askerName, item.locality].filter(Boolean).join(', ') }),
    el('td', {}, item.field || t('fu.noField'),
      item.suggested && item.field ? el('span', { class: 'muted', text: ` (${t('fu.suggested')})` }) : null),
    el('td', { class: 'fu-assign' }, agency, mark, instruction, assign));
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
  renderBulk();
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

/**
 * The bulk form: the fields of the questions still open, none chosen; once a field is chosen, its catalogue
 * agency is proposed and marked, and "Giao cả lĩnh vực" waits for both.
 */
function renderBulk() {
  const open = [...new Set(data.unassigned.map((i) => i.field).filter(Boolean))];
  const chosen = open.includes(ui.bulkField.value) ? ui.bulkField.value : '';
  ui.bulkField.replaceChildren(el('option', { value: '', text: t('fu.chooseField') }),
    ...open.map((f) => el('option', { value: f, text: f, selected: f === chosen })));
  bulkAgency(fieldAgency(chosen));
}

function fieldAgency(field) {
  if (!field) return null;
  const f = fields.find((x) => fold(x.name) === fold(field));
  const name = f?.agencyName;
  return name && agencies.some((a) => fold(a.name) === fold(name)) ? name : null;
}

function bulkAgency(proposed) {
  const old = ui.bulk.querySelector('.fu-agencies');
  const select = agencySelect(proposed);
  select.name = 'agency';
  select.removeAttribute('aria-label');
  select.id = 'fu-bulk-agency';
  old.replaceWith(select);
  ui.bulk.querySelector('.fu-suggestion')?.remove();
  const mark = proposed ? suggestionMark('field') : null;
  if (mark) select.closest('label').after(mark);
  const send = ui.bulk.querySelector('button[type=submit]');
  const sync = () => {
    send.disabled = !ui.bulkField.value || !select.value;
    if (mark) mark.hidden = fold(select.value) !== fold(proposed);
  };
  select.addEventListener('change', sync);
  sync();
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
  const lists = await act(ui, () => Promise.all([catalogAgencies(), catalogFields()]));
  [agencies, fields] = lists || [[], []];
  ui.bulkField.addEventListener('change', () => bulkAgency(fieldAgency(ui.bulkField.value)));
  ui.bulk.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(ui.bulk);
    if (!form.get('field') || !form.get('agency')) return;
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
