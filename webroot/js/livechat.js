// The editors' live-chat tab: comments read from the episode's YouTube and
// Facebook streams, filtered by the office's rules (questions only, an author's
// repeats, profanity and spam), each taken into the main queue with one key;
// each platform's connection; the blocked words. Admins add the streams here.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson, postJson, putJson, requireStaff, hasRole } from './api.js';
import { loadEpisodes, fillEpisodeSelect, defaultEpisodeId } from './episodes.js';
import { formatTime } from './format.js';
import { PLATFORM_NAMES, loadPlatformStatus, renderPlatforms } from './platforms.js';
import { el, initPage, urlParam, setUrlParam, showAlert, hideAlert, reportSubmitError } from './ui.js';

addStrings({
  vi: {
    'lc.docTitle': 'Bình luận trực tuyến — Dân hỏi', 'lc.title': 'Bình luận trực tuyến',
    'lc.statusHeading': 'Kết nối các nền tảng', 'lc.heading': 'Bình luận từ YouTube, Facebook',
    'lc.questionsOnly': 'Chỉ câu hỏi', 'lc.hideRepeats': 'Ẩn bình luận lặp lại của cùng người',
    'lc.hideBlocked': 'Ẩn lời tục tĩu, quảng cáo',
    'lc.keys': 'Phím tắt (ngoài ô nhập):', 'lc.keysMove': 'bình luận sau / trước', 'lc.keysTake': 'đưa vào hàng đợi câu hỏi',
    'lc.wordsHeading': 'Từ bị chặn',
    'lc.wordsIntro': 'Mỗi dòng một từ hoặc cụm từ; dòng [profanity] (tục tĩu) hoặc [spam] (quảng cáo) áp cho các dòng dưới nó; # mở đầu ghi chú. Viết có dấu thì chỉ chặn đúng từ có dấu đó; viết không dấu thì chặn mọi cách gõ.',
    'lc.wordsLabel': 'Danh sách', 'lc.wordsSave': 'Lưu danh sách', 'lc.wordsSaved': 'Đã lưu {n} dòng.',
    'lc.adminHeading': 'Buổi phát trực tiếp của chương trình',
    'lc.adminIntro': 'Chỉ quản trị viên thêm buổi phát và mã truy cập. Mã truy cập được lưu trên máy chủ, không bao giờ hiện lại.',
    'lc.platform': 'Nền tảng', 'lc.source': 'Mã video hoặc đường dẫn buổi phát',
    'lc.credential': 'Mã truy cập (khóa API YouTube hoặc mã trang Facebook)', 'lc.label': 'Tên hiển thị',
    'lc.addStream': 'Thêm buổi phát', 'lc.streamAdded': 'Đã thêm buổi phát.',
    'lc.take': 'Đưa vào hàng đợi', 'lc.taken': 'Đã vào hàng đợi · mã {receipt}', 'lc.takenShort': 'Đã vào hàng đợi',
    'lc.takeFailed': 'Không đưa được bình luận vào hàng đợi. Đề nghị thử lại.',
    'lc.tookLive': 'Đã đưa bình luận của {author} vào hàng đợi câu hỏi.',
    'lc.none': 'Chưa có bình luận nào qua bộ lọc.',
    'lc.loadFailed': 'Không tải được bình luận; đang thử lại…',
    'lc.anonymous': 'Người xem', 'lc.flag.question': 'câu hỏi', 'lc.flag.repeated': 'lặp lại',
    'lc.flag.profanity': 'tục tĩu', 'lc.flag.spam': 'quảng cáo',
    'lc.count.total': 'Tất cả', 'lc.count.questions': 'Câu hỏi', 'lc.count.blocked': 'Bị chặn',
    'lc.count.repeats': 'Lặp lại', 'lc.count.taken': 'Đã vào hàng đợi',
    'lc.credentialPrompt': 'Mã truy cập mới:',
  },
  en: {
    'lc.docTitle': 'Live comments — Dân hỏi', 'lc.title': 'Live comments',
    'lc.statusHeading': 'Platform connections', 'lc.heading': 'Comments from YouTube, Facebook',
    'lc.questionsOnly': 'Questions only', 'lc.hideRepeats': 'Hide repeats by the same person',
    'lc.hideBlocked': 'Hide profanity and ads',
    'lc.keys': 'Keys (outside text boxes):', 'lc.keysMove': 'next / previous comment', 'lc.keysTake': 'take into the question queue',
    'lc.wordsHeading': 'Blocked words',
    'lc.wordsIntro': 'One word or phrase a line; a [profanity] or [spam] line applies to the lines under it; # starts a note. Written with marks, an entry blocks that exact word; without marks, every way of typing it.',
    'lc.wordsLabel': 'List', 'lc.wordsSave': 'Save the list', 'lc.wordsSaved': '{n} lines saved.',
    'lc.adminHeading': 'The episode\'s live streams',
    'lc.adminIntro': 'Only admins add streams and credentials. Credentials are kept on the server and never shown again.',
    'lc.platform': 'Platform', 'lc.source': 'Video id or the stream\'s link',
    'lc.credential': 'Credential (YouTube API key or Facebook Page token)', 'lc.label': 'Display name',
    'lc.addStream': 'Add the stream', 'lc.streamAdded': 'Stream added.',
    'lc.take': 'Take into the queue', 'lc.taken': 'In the queue · code {receipt}', 'lc.takenShort': 'In the queue',
    'lc.takeFailed': 'The comment could not be taken into the queue. Please try again.',
    'lc.tookLive': 'The comment by {author} is in the question queue.',
    'lc.none': 'No comment passes the filters yet.',
    'lc.loadFailed': 'Comments could not be loaded; retrying…',
    'lc.anonymous': 'Viewer', 'lc.flag.question': 'question', 'lc.flag.repeated': 'repeat',
    'lc.flag.profanity': 'profanity', 'lc.flag.spam': 'ad',
    'lc.count.total': 'All', 'lc.count.questions': 'Questions', 'lc.count.blocked': 'Blocked',
    'lc.count.repeats': 'Repeats', 'lc.count.taken': 'In the queue',
    'lc.credentialPrompt': 'New credential:',
  },
});

const POLL_MS = 1000;
const STATUS_MS = 5000;
const COUNTS_EVERY = 10;
const KEEP = 500;

const $ = (id) => document.getElementById(id);
const state = {
  episodeId: null, comments: [], afterSeq: 0, selected: 0, polls: 0, counts: null,
  platforms: null, admin: false, timer: null, generation: 0,
};

function filterQuery() {
  const p = new URLSearchParams();
  if ($('lc-questions').checked) p.set('questions', '1');
  if ($('lc-repeats').checked) p.set('hideRepeats', '1');
  if ($('lc-blocked').checked) p.set('hideBlocked', '1');
  return p;
}

function flags(c) {
  const out = [];
  if (c.question) out.push('question');
  if (c.repeated) out.push('repeated');
  if (c.blocked) out.push(c.blocked);
  return out.map((f) => el('span', { class: 'lc-flag', dataset: { flag: f }, text: t(`lc.flag.${f}`) }));
}

function renderComments() {
  const list = $('lc-list');
  if (!state.comments.length) {
    list.replaceChildren(el('li', { class: 'muted', text: t('lc.none') }));
    return;
  }
  state.selected = Math.min(state.selected, state.comments.length - 1);
  list.replaceChildren(...state.comments.map((c, i) => el('li', {
    dataset: { id: c.id, platform: c.platform }, 'aria-current': i === state.selected ? 'true' : null,
  },
  el('div', { class: 'lc-meta' },
    el('strong', { text: PLATFORM_NAMES[c.platform] || c.platform }), ' · ',
    el('span', { class: 'lc-author', text: c.author || t('lc.anonymous') }), ' · ',
    el('time', { text: formatTime(c.publishedAt || c.receivedAt) }), ...flags(c)),
  el('p', { class: 'lc-text', text: c.text }),
  el('div', { class: 'lc-act' }, c.submissionId
    ? el('span', { class: 'muted', text: c.receipt ? t('lc.taken', { receipt: c.receipt }) : t('lc.takenShort') })
    : el('button', { type: 'button', class: 'btn btn-small', dataset: { take: c.id }, text: t('lc.take') })))));
}

function renderCounts() {
  const c = state.counts;
  if (!c) return;
  $('lc-counts').replaceChildren(...['total', 'questions', 'blocked', 'repeats', 'taken'].map((k) => el('div', {},
    el('dt', { text: t(`lc.count.${k}`) }), el('dd', { dataset: { count: k }, text: String(c[k] ?? 0) }))));
}

async function poll() {
  const generation = state.generation;
  if (!state.episodeId) return;
  const p = filterQuery();
  p.set('after', String(state.afterSeq));
  if (state.polls++ % COUNTS_EVERY === 0) p.set('counts', '1');
  try {
    const data = await getJson(`/api/episodes/${state.episodeId}/live-comments?${p}`);
    if (generation !== state.generation) return;
    hideAlert($('lc-alert'));
    if (data.counts) {
      state.counts = data.counts;
      renderCounts();
    }
    if (data.comments.length) {
      const selectedId = state.comments[state.selected]?.id;
      state.comments = [...data.comments, ...state.comments].slice(0, KEEP);
      state.afterSeq = Math.max(state.afterSeq, ...data.comments.map((c) => c.seq));
      // the comment being read stays selected as new ones arrive above it
      const at = state.comments.findIndex((c) => c.id === selectedId);
      state.selected = at >= 0 ? at : 0;
      renderComments();
    } else if (state.polls === 1) {
      renderComments();
    }
  } catch {
    if (generation === state.generation) showAlert($('lc-alert'), t('lc.loadFailed'));
  }
}

async function loadStatus() {
  if (!state.episodeId) return;
  try {
    state.platforms = await loadPlatformStatus(state.episodeId);
    renderPlatforms($('lc-platforms'), state.platforms, { admin: state.admin });
  } catch {
    // the comments' alert already says the server is not answering
  }
}

function restart() {
  state.generation++;
  state.comments = [];
  state.afterSeq = 0;
  state.selected = 0;
  state.polls = 0;
  clearInterval(state.timer);
  poll();
  state.timer = setInterval(poll, POLL_MS);
}

async function take(id) {
  const c = state.comments.find((x) => x.id === id);
  if (!c || c.submissionId) return;
  try {
    const r = await postJson(`/api/live-comments/${id}/take`, {});
    c.submissionId = r.id;
    c.receipt = r.receipt;
    renderComments();
    $('lc-live').textContent = t('lc.tookLive', { author: c.author || t('lc.anonymous') });
  } catch {
    showAlert($('lc-alert'), t('lc.takeFailed'));
  }
}

function onKey(e) {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.target.closest('input, textarea, select, button, [contenteditable]')) return;
  const k = e.key.toLowerCase();
  if (k === 'j' || k === 'k') {
    if (!state.comments.length) return;
    state.selected = Math.max(0, Math.min(state.comments.length - 1, state.selected + (k === 'j' ? 1 : -1)));
    renderComments();
    $('lc-list').children[state.selected]?.scrollIntoView({ block: 'nearest' });
    e.preventDefault();
  } else if (e.key === 'Enter') {
    const c = state.comments[state.selected];
    if (c) {
      take(c.id);
      e.preventDefault();
    }
  }
}

async function loadWords() {
  const data = await getJson('/api/live-chat/blocked-words');
  $('lc-words').value = data.entries.join('\n');
}

async function saveWords(e) {
  e.preventDefault();
  const form = $('lc-words-form');
  const entries = $('lc-words').value.split('\n').map((l) => l.trim()).filter(Boolean);
  try {
    const data = await putJson('/api/live-chat/blocked-words', { entries });
    $('lc-words').value = data.entries.join('\n');
    $('lc-words-status').textContent = t('lc.wordsSaved', { n: data.entries.length });
    hideAlert($('lc-words-alert'));
  } catch (err) {
    reportSubmitError(form, err, { alertEl: $('lc-words-alert') });
  }
}

async function addStream(e) {
  e.preventDefault();
  const form = $('lc-stream-form');
  try {
    await postJson(`/api/episodes/${state.episodeId}/streams`, {
      platform: $('lc-platform').value, sourceId: $('lc-source').value,
      credential: $('lc-credential').value, label: $('lc-label').value || null,
    });
    form.reset();
    hideAlert($('lc-stream-alert'));
    showAlert($('lc-stream-alert'), t('lc.streamAdded'), 'success');
    loadStatus();
  } catch (err) {
    reportSubmitError(form, err, { alertEl: $('lc-stream-alert') });
  }
}

async function streamAction(button) {
  const { stream, action } = button.dataset;
  try {
    if (action === 'credential') {
      // eslint-disable-next-line no-alert
      const credential = window.prompt(t('lc.credentialPrompt'));
      if (!credential) return;
      await putJson(`/api/streams/${stream}/credential`, { credential });
    } else {
      await postJson(`/api/streams/${stream}/${action}`, {});
    }
    loadStatus();
  } catch (err) {
    showAlert($('lc-alert'), err.message || t('lc.loadFailed'));
  }
}

async function main() {
  initPage();
  const { user } = await requireStaff({ roles: ['editor'] });
  state.admin = hasRole(user, ['admin']);
  $('lc-admin').hidden = !state.admin;
  const episodes = await loadEpisodes().catch(() => []);
  state.episodeId = defaultEpisodeId(episodes, urlParam('episode'));
  fillEpisodeSelect($('lc-episode'), episodes, state.episodeId);
  setUrlParam('episode', state.episodeId);
  $('lc-episode').addEventListener('change', () => {
    state.episodeId = $('lc-episode').value || null;
    setUrlParam('episode', state.episodeId);
    restart();
    loadStatus();
  });
  $('lc-filters').addEventListener('change', restart);
  $('lc-list').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-take]');
    if (b) take(b.dataset.take);
    const li = e.target.closest('li[data-id]');
    if (li) {
      state.selected = state.comments.findIndex((c) => c.id === li.dataset.id);
      renderComments();
    }
  });
  $('lc-platforms').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-stream]');
    if (b) streamAction(b);
  });
  document.addEventListener('keydown', onKey);
  $('lc-words-form').addEventListener('submit', saveWords);
  $('lc-stream-form').addEventListener('submit', addStream);
  onLangChange(() => {
    renderComments();
    renderCounts();
    renderPlatforms($('lc-platforms'), state.platforms, { admin: state.admin });
  });
  loadWords().catch(() => showAlert($('lc-words-alert'), t('lc.loadFailed')));
  restart();
  loadStatus();
  setInterval(loadStatus, STATUS_MS);
}

main();
