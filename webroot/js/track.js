// Follow your question (public): the receipt code and the last digits of the
// phone (or the e-mail) the asker gave; the answer is the question's path,
// without anyone's personal data. The code may come in the link (?code=).

import { t, addStrings, onLangChange } from './i18n.js';
import { postJson } from './api.js';
import { el, initPage, urlParam, clearFieldErrors, clearErrorsOnEdit, reportSubmitError } from './ui.js';
import { formatDate, formatDateTime } from './format.js';

addStrings({
  vi: {
    'trk.docTitle': 'Theo dõi câu hỏi — Dân hỏi',
    'trk.title': 'Theo dõi câu hỏi',
    'trk.intro': 'Nhập mã số câu hỏi (trong tin nhắn, thư xác nhận hoặc do tổng đài viên đọc) và 4 số cuối điện thoại hoặc địa chỉ thư điện tử Ông/Bà đã dùng khi gửi câu hỏi.',
    'trk.code': 'Mã số câu hỏi',
    'trk.codeHint': '8 ký tự, ví dụ 7TXJ-C2C7.',
    'trk.contact': '4 số cuối điện thoại, hoặc thư điện tử',
    'trk.go': 'Tra cứu',
    'trk.looking': 'Đang tra cứu…',
    'trk.result': 'Câu hỏi mã số {code}',
    'trk.episode': 'Chương trình: {title}',
    'trk.done': 'Đã xong',
    'trk.waiting': 'Chưa đến bước này',
    'trk.received': 'Ban Biên tập đã nhận câu hỏi ({channel}) lúc {at}.',
    'trk.merged': 'Câu hỏi được gộp với câu hỏi cùng nội dung; các bước dưới đây là của câu hỏi chung.',
    'trk.referred': 'Nội dung là đơn khiếu nại hoặc tố cáo: đã chuyển Ban Tiếp công dân xử lý theo quy định của pháp luật.',
    'trk.notSelected': 'Ban Biên tập không chọn câu hỏi này để đưa lên sóng hay chuyển cơ quan trả lời.',
    'trk.onAir': 'Đưa lên sóng lúc {at}.',
    'trk.answeredOnAir': 'Đã được trả lời trực tiếp trên sóng lúc {at}.',
    'trk.notOnAir': 'Chưa được đưa lên sóng.',
    'trk.forwarded': 'Chuyển {agency} trả lời ngày {at}; hạn trả lời {due}{days}.',
    'trk.forwardDays': ' ({n} ngày làm việc)',
    'trk.notForwarded': 'Chưa chuyển cơ quan có trách nhiệm trả lời.',
    'trk.answered': '{agency} đã trả lời ngày {at}.',
    'trk.notAnswered': 'Cơ quan chưa trả lời.',
    'trk.published': 'Câu trả lời đã công bố ngày {at}.',
    'trk.readAnswer': 'Xem câu trả lời',
    'trk.notPublished': 'Câu trả lời chưa được công bố.',
    'ch.web': 'trang thông tin điện tử', 'ch.sms': 'tin nhắn SMS', 'ch.hotline': 'đường dây nóng',
    'ch.email': 'thư điện tử', 'ch.post': 'đường bưu chính', 'ch.form': 'phiếu câu hỏi',
    'ch.zalo': 'Zalo', 'ch.youtube': 'YouTube', 'ch.facebook': 'Facebook',
  },
  en: {
    'trk.docTitle': 'Follow your question — Dân hỏi',
    'trk.title': 'Follow your question',
    'trk.intro': 'Enter the question code (in the text message or e-mail you received, or read to you by the operator) and the last 4 digits of the phone number, or the e-mail address, you gave with the question.',
    'trk.code': 'Question code',
    'trk.codeHint': '8 characters, for example 7TXJ-C2C7.',
    'trk.contact': 'Last 4 digits of your phone, or your e-mail',
    'trk.go': 'Look up',
    'trk.looking': 'Looking up…',
    'trk.result': 'Question {code}',
    'trk.episode': 'Programme: {title}',
    'trk.done': 'Done',
    'trk.waiting': 'Not yet',
    'trk.received': 'The Editorial Board received the question ({channel}) at {at}.',
    'trk.merged': 'Your question was merged with another one asking the same; the steps below are those of the joint question.',
    'trk.referred': 'This is a complaint or a denunciation: it was passed to the Citizen Reception Board to be handled as the law provides.',
    'trk.notSelected': 'The Editorial Board did not select this question for the broadcast or forward it to an agency.',
    'trk.onAir': 'Taken to air at {at}.',
    'trk.answeredOnAir': 'Answered live on air at {at}.',
    'trk.notOnAir': 'Not taken to air yet.',
    'trk.forwarded': 'Forwarded to {agency} on {at}; answer due by {due}{days}.',
    'trk.forwardDays': ' ({n} working days)',
    'trk.notForwarded': 'Not forwarded to an agency yet.',
    'trk.answered': '{agency} answered on {at}.',
    'trk.notAnswered': 'The agency has not answered yet.',
    'trk.published': 'The answer was published on {at}.',
    'trk.readAnswer': 'Read the answer',
    'trk.notPublished': 'The answer has not been published yet.',
    'ch.web': 'website', 'ch.sms': 'text message', 'ch.hotline': 'hotline', 'ch.email': 'e-mail',
    'ch.post': 'post', 'ch.form': 'question form',
    'ch.zalo': 'Zalo', 'ch.youtube': 'YouTube', 'ch.facebook': 'Facebook',
  },
});

const $ = (id) => document.getElementById(id);
const state = { result: null, sending: false };

function stepText(s, agency) {
  switch (s.step) {
    case 'received': return t('trk.received', { channel: t(`ch.${s.channel}`), at: formatDateTime(s.at) });
    case 'merged': return t('trk.merged');
    case 'referred': return t('trk.referred');
    case 'not_selected': return t('trk.notSelected');
    case 'on_air':
      if (!s.done) return t('trk.notOnAir');
      return t(s.answered ? 'trk.answeredOnAir' : 'trk.onAir', { at: formatDateTime(s.at) });
    case 'forwarded':
      if (!s.done) return t('trk.notForwarded');
      return t('trk.forwarded', { agency: s.agency, at: formatDate(s.at), due: formatDate(s.dueDay),
        days: s.workingDays != null ? t('trk.forwardDays', { n: s.workingDays }) : '' });
    case 'answered': return s.done ? t('trk.answered', { agency, at: formatDate(s.at) }) : t('trk.notAnswered');
    case 'published': return s.done ? t('trk.published', { at: formatDate(s.at) }) : t('trk.notPublished');
    default: return s.step;
  }
}

function render() {
  const r = state.result;
  if (!r) return;
  const forwarded = r.steps.find((s) => s.step === 'forwarded' && s.done);
  $('result-title').textContent = t('trk.result', { code: r.receipt });
  $('result-question').textContent = r.question || '';
  $('steps').replaceChildren(...r.steps.map((s) => el('li', {
    class: s.done ? 'step step-done' : 'step step-waiting',
    'data-step': s.step,
    'aria-current': s.step === r.current ? 'step' : null,
  },
  el('span', { class: 'visually-hidden', text: `${t(s.done ? 'trk.done' : 'trk.waiting')}: ` }),
  el('span', { text: stepText(s, forwarded ? forwarded.agency : '') }),
  s.link ? el('span', {}, ' ', el('a', { href: s.link, text: t('trk.readAnswer') })) : null)));
  if (r.episode) {
    $('steps').before(el('p', { class: 'muted', id: 'result-episode', text: t('trk.episode', { title: r.episode }) }));
  }
  $('result').hidden = false;
}

async function lookUp(e) {
  e.preventDefault();
  if (state.sending) return;
  const form = $('track-form');
  clearFieldErrors(form, $('alert'));
  state.sending = true;
  $('go').textContent = t('trk.looking');
  try {
    state.result = await postJson('/api/track', { code: $('code').value, contact: $('contact').value });
    $('result-episode')?.remove();
    render();
    $('result-title').focus();
  } catch (err) {
    $('result').hidden = true;
    reportSubmitError(form, err, { alertEl: $('alert') });
  } finally {
    state.sending = false;
    $('go').textContent = t('trk.go');
  }
}

initPage();
const code = urlParam('code');
if (code) {
  $('code').value = code;
  $('contact').focus();
}
clearErrorsOnEdit($('track-form'));
$('track-form').addEventListener('submit', lookUp);
onLangChange(() => {
  $('result-episode')?.remove();
  render();
});
