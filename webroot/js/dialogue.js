// Opinion entry at an in-person dialogue (tiếp xúc, đối thoại), on a commune hall's
// laptop with a weak connection: every opinion goes to an outbox in
// localStorage with its own Idempotency-Key before it is sent, and is sent
// again (same key, so stored once) when the network comes back.

import { addStrings, t } from './i18n.js';
import { getJson, postJson, requireStaff, newUuid, hasRole } from './api.js';
import { el, initPage, urlParam, hideAlert, setFieldError, clearFieldErrors } from './ui.js';
import { showFailure } from './page.js';

addStrings({
  vi: {
    'dialogue.title': 'Ý kiến tại buổi đối thoại', 'dialogue.stage': 'Thời điểm', 'dialogue.meeting': 'Nêu tại hội nghị',
    'dialogue.before': 'Thu thập trước hội nghị', 'dialogue.topic': 'Nhóm vấn đề', 'dialogue.commune': 'Xã, phường, đặc khu',
    'dialogue.asker': 'Người nêu ý kiến', 'dialogue.locality': 'Thôn, tổ dân phố', 'dialogue.text': 'Nội dung ý kiến',
    'dialogue.save': 'Lưu ý kiến', 'dialogue.list': 'Ý kiến theo nhóm vấn đề',
    'dialogue.pending': '{n} ý kiến chưa gửi được (mất mạng) — sẽ tự gửi lại khi có mạng.',
    'dialogue.allSent': 'Đã gửi hết ý kiến.', 'dialogue.answered': 'Đã trả lời: {who}', 'dialogue.assigned': 'Giao {agency}',
    'dialogue.who': 'Người trả lời tại hội nghị', 'dialogue.reply': 'Nội dung trả lời (không bắt buộc)',
    'dialogue.markAnswered': 'Đã trả lời tại hội nghị', 'dialogue.agency': 'Cơ quan giải quyết',
    'dialogue.assign': 'Giao cơ quan giải quyết',
  },
  en: {
    'dialogue.title': 'Opinions at the dialogue', 'dialogue.stage': 'When', 'dialogue.meeting': 'Raised at the meeting',
    'dialogue.before': 'Collected before', 'dialogue.topic': 'Topic', 'dialogue.commune': 'Commune, ward or special zone',
    'dialogue.asker': 'Raised by', 'dialogue.locality': 'Village', 'dialogue.text': 'Opinion',
    'dialogue.save': 'Save the opinion', 'dialogue.list': 'Opinions by topic',
    'dialogue.pending': '{n} opinion(s) not sent yet (offline) — they will be sent when the network is back.',
    'dialogue.allSent': 'All opinions sent.', 'dialogue.answered': 'Answered: {who}', 'dialogue.assigned': 'Assigned to {agency}',
    'dialogue.who': 'Answered in the room by', 'dialogue.reply': 'Answer (optional)',
    'dialogue.markAnswered': 'Answered in the room', 'dialogue.agency': 'Agency to resolve it',
    'dialogue.assign': 'Assign to the agency',
  },
});

const $ = (id) => document.getElementById(id);
const episodeId = urlParam('episode');
const OUTBOX = `danhoi.dialogue.outbox.${episodeId}`;
const DRAFT = `danhoi.dialogue.draft.${episodeId}`;
let flushing = false;
let editor = false;
// "all sent" means something this visit: before anything was typed there is nothing to report
let sentThisVisit = false;

const outbox = () => JSON.parse(localStorage.getItem(OUTBOX) || '[]');
const saveOutbox = (items) => localStorage.setItem(OUTBOX, JSON.stringify(items));

function showOutbox() {
  const n = outbox().length;
  $('outbox').textContent = n ? t('dialogue.pending', { n }) : sentThisVisit ? t('dialogue.allSent') : '';
}

/** Sends what waits, oldest first; stops at the first network failure and tries again later. */
async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    for (const item of outbox()) {
      try {
        await postJson(`/api/episodes/${episodeId}/opinions`, item.body, { idempotencyKey: item.key });
        sentThisVisit = true;
      } catch (err) {
        if (err.network || err.status >= 500) break;
        // refused for good (invalid, key reused): dropped from the outbox, shown to the user
        showFailure($('form-alert'), err, { focus: false });
      }
      saveOutbox(outbox().filter((x) => x.key !== item.key));
    }
  } finally {
    flushing = false;
    showOutbox();
    load();
  }
}

async function load() {
  try {
    const data = await getJson(`/api/episodes/${episodeId}/opinions`);
    $('topics').replaceChildren(...data.topics.map((g) => el('option', { value: g.topic })));
    $('list').replaceChildren(...data.topics.map((g) => el('section', {}, el('h3', {}, g.topic),
      el('ol', {}, g.opinions.map((o) => el('li', { dataset: { id: o.id } }, o.text, ' ',
        el('small', {}, [o.askerName, o.commune].filter(Boolean).join(', ')), ' ',
        o.answeredBy ? el('em', {}, t('dialogue.answered', { who: o.answeredBy }))
          : o.dueAt ? el('em', {}, t('dialogue.assigned', { agency: o.agency }))
            : editor ? actions(o) : ''))))));
  } catch {
    // offline: the list stays as it was
  }
}

/** The editor's two outcomes for an opinion: answered in the room (by whom), or given to an agency. */
function actions(o) {
  const who = el('input', { type: 'text', maxlength: '200', 'aria-label': t('dialogue.who'), placeholder: t('dialogue.who') });
  const reply = el('input', { type: 'text', maxlength: '10000', 'aria-label': t('dialogue.reply'), placeholder: t('dialogue.reply') });
  const answered = el('button', { type: 'button', class: 'btn btn-small', text: t('dialogue.markAnswered') });
  const agency = el('input', { type: 'text', maxlength: '200', list: 'agencies', 'aria-label': t('dialogue.agency'),
    placeholder: t('dialogue.agency') });
  const assign = el('button', { type: 'button', class: 'btn btn-small', text: t('dialogue.assign') });
  const act = (button, url, body) => button.addEventListener('click', async () => {
    hideAlert($('form-alert'));
    button.disabled = true;
    try {
      await postJson(url, body());
      await load();
    } catch (err) {
      button.disabled = false;
      showFailure($('form-alert'), err);
    }
  });
  act(answered, `/api/opinions/${o.id}/answered`, () => ({ answeredBy: who.value.trim(), answer: reply.value.trim() || null }));
  act(assign, `/api/opinions/${o.id}/assign`, () => ({ agency: agency.value.trim() }));
  return el('div', { class: 'inline-form' }, who, reply, answered, agency, assign);
}

function formBody(form) {
  const body = {};
  for (const [k, v] of new FormData(form)) if (String(v).trim()) body[k] = String(v).trim();
  return body;
}

async function main() {
  initPage();
  const session = await requireStaff({ roles: ['editor', 'operator'] });
  editor = hasRole(session.user, ['editor']);
  if (editor) {
    // the catalogue's agencies, offered while typing the one to assign
    getJson('/api/agencies').then((list) => {
      const items = Array.isArray(list) ? list : (list.items || []);
      document.body.append(el('datalist', { id: 'agencies' }, ...items.map((a) => el('option', { value: a.name }))));
    }).catch(() => {});
  }
  const form = $('opinion-form');
  // what was typed survives a reload or a closed lid
  const draft = JSON.parse(localStorage.getItem(DRAFT) || '{}');
  for (const [k, v] of Object.entries(draft)) if (form.elements[k]) form.elements[k].value = v;
  form.addEventListener('input', () => localStorage.setItem(DRAFT, JSON.stringify(formBody(form))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form, $('form-alert'));
    hideAlert($('form-alert'));
    const body = formBody(form);
    if (!body.topic || !body.text) {
      setFieldError(form, body.topic ? 'text' : 'topic', 'Vui lòng nhập.');
      return;
    }
    saveOutbox([...outbox(), { key: newUuid(), body }]);
    localStorage.removeItem(DRAFT);
    form.elements.text.value = '';
    form.elements.askerName.value = '';
    form.elements.locality.value = '';
    showOutbox();
    flush();
  });
  window.addEventListener('online', flush);
  setInterval(() => { if (outbox().length) flush(); }, 15000);
  showOutbox();
  flush();
}

main();
