// The conclusion notice (thông báo kết luận) of one episode, for the editorial
// board and the council office: drafted from the episode, edited, exported as
// DOCX and PDF, and each item followed up until closed, as the councils' conclusion
// notices and dialogue reports require.
// Everything the server sends is shown with textContent.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson, postJson, patchJson, deleteJson, requireStaff } from './api.js';
import { el, initPage, hideAlert, urlParam } from './ui.js';
import { flash, showFailure } from './page.js';
import { formatDate } from './format.js';
import './download.js'; // export buttons: progress, then the file, or the server's words

addStrings({
  vi: {
    'cc.docTitle': 'Thông báo kết luận — Dân hỏi', 'cc.title': 'Thông báo kết luận',
    'cc.heading': 'Thông báo kết luận', 'cc.none': 'Chương trình này chưa có thông báo kết luận.',
    'cc.draft': 'Lập dự thảo', 'cc.docx': 'Tải DOCX', 'cc.pdf': 'Tải PDF',
    'cc.f.title': 'Tiêu đề', 'cc.f.body': 'Nội dung', 'cc.f.recipients': 'Nơi nhận (mỗi dòng một nơi)',
    'cc.f.signerAuthority': 'Thẩm quyền ký (TM., KT., TL., TUQ., Q.)',
    'cc.f.signerAuthorityHint': 'Ví dụ: TM. THƯỜNG TRỰC HĐND hoặc KT. CHỦ TỊCH; để trống khi người đứng đầu ký.',
    'cc.f.signerTitle': 'Chức vụ người ký', 'cc.f.signerName': 'Người ký', 'cc.save': 'Lưu',
    'cc.saved': 'Đã lưu.', 'cc.items': 'Nội dung giao thực hiện và theo dõi',
    'cc.col.n': 'STT', 'cc.col.text': 'Nội dung', 'cc.col.owner': 'Cơ quan thực hiện', 'cc.col.due': 'Thời hạn',
    'cc.col.status': 'Trạng thái', 'cc.col.progress': 'Tiến độ', 'cc.add.text': 'Nội dung mới',
    'cc.add.go': 'Thêm nội dung', 'cc.up': 'Lên', 'cc.remove': 'Xóa', 'cc.removeConfirm': 'Xóa nội dung này?',
    'cc.overdue': 'Quá hạn', 'cc.status.draft': 'Dự thảo', 'cc.status.issued': 'Đã ban hành',
    'cc.st.open': 'Chưa thực hiện', 'cc.st.in_progress': 'Đang thực hiện', 'cc.st.done': 'Đã hoàn thành',
    'cc.st.dropped': 'Không thực hiện', 'cc.failed': 'Không thực hiện được. Vui lòng thử lại.',
  },
  en: {
    'cc.docTitle': 'Conclusion notice — Dân hỏi', 'cc.title': 'Conclusion notice',
    'cc.heading': 'Conclusion notice', 'cc.none': 'This programme has no conclusion notice yet.',
    'cc.draft': 'Draft it', 'cc.docx': 'Download DOCX', 'cc.pdf': 'Download PDF',
    'cc.f.title': 'Title', 'cc.f.body': 'Body', 'cc.f.recipients': 'Recipients (one per line)',
    'cc.f.signerAuthority': 'Signing authority (TM., KT., TL., TUQ., Q.)',
    'cc.f.signerAuthorityHint': 'E.g. TM. THƯỜNG TRỰC HĐND or KT. CHỦ TỊCH; empty when the head signs.',
    'cc.f.signerTitle': "Signer's title", 'cc.f.signerName': 'Signer', 'cc.save': 'Save',
    'cc.saved': 'Saved.', 'cc.items': 'Tasks assigned and their follow-up',
    'cc.col.n': 'No.', 'cc.col.text': 'Task', 'cc.col.owner': 'Responsible agency', 'cc.col.due': 'Due',
    'cc.col.status': 'Status', 'cc.col.progress': 'Progress', 'cc.add.text': 'New task',
    'cc.add.go': 'Add task', 'cc.up': 'Up', 'cc.remove': 'Remove', 'cc.removeConfirm': 'Remove this task?',
    'cc.overdue': 'Overdue', 'cc.status.draft': 'Draft', 'cc.status.issued': 'Issued',
    'cc.st.open': 'Not started', 'cc.st.in_progress': 'In progress', 'cc.st.done': 'Done',
    'cc.st.dropped': 'Dropped', 'cc.failed': 'That did not work. Please try again.',
  },
});

const STATUSES = ['open', 'in_progress', 'done', 'dropped'];
const $ = (id) => document.getElementById(id);
const episodeId = urlParam('episode');
const base = `/api/episodes/${encodeURIComponent(episodeId || '')}/conclusion`;
let notice = null;

const fail = (err) => showFailure($('cc-alert'), err, { fallback: 'cc.failed' });

async function change(call) {
  hideAlert($('cc-alert'));
  flash($('cc-flash'), '', 0);
  try {
    const result = await call();
    notice = result.items ? result : await getJson(base);
    render();
    flash($('cc-flash'), t('cc.saved'), 0);
  } catch (err) {
    fail(err);
  }
}

function itemRow(item, index) {
  const status = el('select', { 'aria-label': t('cc.col.status') },
    ...STATUSES.map((s) => el('option', { value: s, text: t(`cc.st.${s}`), selected: s === item.status })));
  status.addEventListener('change', () => change(() => patchJson(`${base}/items/${item.id}`, { status: status.value })));
  const progress = el('input', { type: 'text', value: item.progress || '', maxlength: 5000, 'aria-label': t('cc.col.progress') });
  progress.addEventListener('change', () => change(() => patchJson(`${base}/items/${item.id}`,
    { progress: progress.value })));
  const up = el('button', { type: 'button', class: 'btn btn-secondary', text: t('cc.up'), disabled: index === 0 });
  up.addEventListener('click', () => {
    const ids = notice.items.map((i) => i.id);
    [ids[index - 1], ids[index]] = [ids[index], ids[index - 1]];
    change(() => postJson(`${base}/items/order`, { items: ids }));
  });
  const remove = el('button', { type: 'button', class: 'btn btn-secondary', text: t('cc.remove') });
  remove.addEventListener('click', () => {
    if (confirm(t('cc.removeConfirm'))) change(() => deleteJson(`${base}/items/${item.id}`));
  });
  return el('tr', { class: item.overdue ? 'overdue' : '' },
    el('td', { text: String(item.position) }), el('td', { text: item.text }),
    el('td', { text: item.ownerAgency || '' }),
    el('td', {}, formatDate(item.dueDate), item.overdue ? el('span', { class: 'badge badge-live', text: t('cc.overdue') }) : ''),
    el('td', {}, status), el('td', {}, progress), el('td', {}, up, remove));
}

function render() {
  $('cc-none').hidden = !!notice;
  $('cc-notice').hidden = !notice;
  $('cc-items-panel').hidden = !notice;
  if (!notice) return;
  $('cc-number').textContent = notice.documentNumber;
  $('cc-status').textContent = t(`cc.status.${notice.status}`);
  const form = $('cc-form');
  form.elements.title.value = notice.title;
  form.elements.body.value = notice.body;
  form.elements.recipients.value = notice.recipients.join('\n');
  form.elements.signerAuthority.value = notice.signerAuthority;
  form.elements.signerTitle.value = notice.signerTitle;
  form.elements.signerName.value = notice.signerName;
  $('cc-rows').replaceChildren(...notice.items.map(itemRow));
}

async function start() {
  initPage();
  await requireStaff({ roles: ['editor'] });
  $('cc-docx').href = `${base}.docx`;
  $('cc-pdf').href = `${base}.pdf`;
  try {
    notice = await getJson(base);
  } catch (err) {
    if (err.status !== 404) fail(err);
  }
  render();
  $('cc-draft').addEventListener('click', () => change(() => postJson(`${base}/draft`, {})));
  $('cc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    change(() => patchJson(base, {
      title: f.title.value, body: f.body.value, signerAuthority: f.signerAuthority.value,
      signerTitle: f.signerTitle.value, signerName: f.signerName.value,
      recipients: f.recipients.value.split('\n').map((s) => s.trim()).filter(Boolean),
    }));
  });
  $('cc-add').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    change(() => postJson(`${base}/items`, { text: f.text.value, ownerAgency: f.ownerAgency.value || null,
      dueDate: f.dueDate.value || null })).then(() => e.target.reset());
  });
  onLangChange(render);
}

start();
