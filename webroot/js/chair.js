// The chair's screen of an accountability session (phiên giải trình): the delegate
// speaking, their time left (the server holds the start and the minutes; the
// page counts down), the next speakers and the agency answering, over
// /ws/chair/{episodeId} for staff. A remote room (điểm cầu) at a commune or ward opens it read-only with
// ?view=<token> (no login, /ws/chair-view/{token}); the office drives it.

import { addStrings, t } from './i18n.js';
import { postJson, requireStaff, hasRole, currentUser } from './api.js';
import { openSocket } from './socket.js';
import { showConnection, showFailure } from './page.js';
import { el, initPage, showAlert, hideAlert, urlParam } from './ui.js';

addStrings({
  vi: {
    'chair.title': 'Màn hình chủ toạ', 'chair.readOnly': 'Chế độ xem (chỉ đọc)',
    'chair.current': 'Đại biểu đang phát biểu', 'chair.timeLeft': 'Thời gian còn lại',
    'chair.none': 'Chưa có đại biểu nào phát biểu', 'chair.answering': 'Cơ quan trả lời:',
    'chair.controls': 'Điều hành', 'chair.next': 'Mời đại biểu tiếp theo', 'chair.start': 'Bắt đầu tính giờ',
    'chair.pause': 'Tạm dừng', 'chair.answeringAgency': 'Cơ quan đang trả lời', 'chair.setAnswering': 'Cập nhật',
    'chair.viewLabel': 'Điểm cầu', 'chair.viewLabelPlaceholder': 'Ví dụ: Điểm cầu UBND xã Đức Hòa', 'chair.createView': 'Tạo liên kết xem', 'chair.nextSpeakers': 'Đại biểu tiếp theo',
    'chair.questions': 'Hỏi: {agency}', 'chair.minutes': '{n} phút',
  },
  en: {
    'chair.title': "Chair's screen", 'chair.readOnly': 'View only',
    'chair.current': 'Delegate speaking', 'chair.timeLeft': 'Time left',
    'chair.none': 'No delegate is speaking', 'chair.answering': 'Agency answering:',
    'chair.controls': 'Controls', 'chair.next': 'Next speaker', 'chair.start': 'Start the time',
    'chair.pause': 'Pause', 'chair.answeringAgency': 'Agency answering', 'chair.setAnswering': 'Update',
    'chair.viewLabel': 'Remote room', 'chair.viewLabelPlaceholder': 'e.g. Điểm cầu UBND xã Đức Hòa (commune or ward)', 'chair.createView': 'Create a view link', 'chair.nextSpeakers': 'Next speakers',
    'chair.questions': 'Asks: {agency}', 'chair.minutes': '{n} min',
  },
});

const $ = (id) => document.getElementById(id);
let latest = null;
let receivedAt = 0;

function render(s) {
  latest = s;
  receivedAt = performance.now();
  $('episode-title').textContent = s.title || '';
  const sp = s.speaker;
  $('current').hidden = !sp;
  $('current-none').hidden = !!sp;
  if (sp) {
    $('speaker-name').textContent = sp.delegateName;
    $('speaker-room').textContent = sp.room;
    $('speaker-subject').textContent = sp.subject;
    $('speaker-agency').textContent = t('chair.questions', { agency: sp.agency });
  }
  $('answering').textContent = s.answeringAgency || '—';
  $('next-list').replaceChildren(...(s.next || []).map((n) => el('li', {},
    el('strong', {}, n.delegateName), ` — ${n.room}: ${n.subject} (${t('chair.minutes', { n: n.minutes })})`)));
  tick();
}

function tick() {
  const s = latest;
  if (!s || !s.speaker) {
    $('timer').textContent = '--:--';
    return;
  }
  const passed = s.running ? (performance.now() - receivedAt) / 1000 : 0;
  const left = Math.round(s.remainingSeconds - passed);
  const abs = Math.abs(left);
  $('timer').textContent = `${left < 0 ? '-' : ''}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  $('timer').dataset.over = String(left < 0);
}

function connect(path) {
  openSocket(path, {
    staff: !urlParam('view'),
    onMessage: (m) => {
      if (m.type === 'snapshot' || m.type === 'chair.update') render(m);
    },
    onStatus: (status, detail) => {
      showConnection({ box: $('conn'), text: $('conn-text') }, { status, detail }, { prefix: 'studio.conn.' });
    },
  });
  setInterval(tick, 250);
}

function drive(episodeId, body) {
  hideAlert($('error'));
  return postJson(`/api/episodes/${episodeId}/chair`, body).catch((err) => showFailure($('error'), err, { focus: false }));
}

async function main() {
  initPage();
  const view = urlParam('view');
  if (view) {
    // read-only: no staff session, only what the view token opens
    document.querySelector('[data-auth-content]').hidden = false;
    $('view-label').hidden = false;
    connect(`/ws/chair-view/${encodeURIComponent(view)}`);
    return;
  }
  await requireStaff({ roles: ['editor', 'studio'] });
  const episodeId = urlParam('episode');
  if (!episodeId) {
    showAlert($('error'), 'Thiếu mã phiên (?episode=…).');
    return;
  }
  if (hasRole(currentUser(), ['editor'])) {
    $('controls').hidden = false;
    $('btn-next').addEventListener('click', () => drive(episodeId, { action: 'next' }));
    $('btn-start').addEventListener('click', () => drive(episodeId, { action: 'start' }));
    $('btn-pause').addEventListener('click', () => drive(episodeId, { action: 'pause' }));
    $('answering-form').addEventListener('submit', (e) => {
      e.preventDefault();
      drive(episodeId, { action: 'answering', agency: $('agency').value });
    });
    $('view-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const v = await postJson(`/api/episodes/${episodeId}/chair/views`, { label: $('label').value });
        const url = `${location.origin}${v.url}`;
        $('view-link').replaceChildren(el('a', { href: url, id: 'view-url' }, url));
      } catch (err) {
        showFailure($('error'), err);
      }
    });
  }
  connect(`/ws/chair/${encodeURIComponent(episodeId)}`);
}

main();
