// Published answers (public, phone first): agencies' answers to questions not
// answered on air, newest first, searchable without accents, one episode or all.

import { t, addStrings, onLangChange } from './i18n.js';
import { getJson } from './api.js';
import { el, initPage, urlParam, setUrlParam } from './ui.js';
import { answerCard } from './answer-cards.js';

addStrings({
  vi: {
    'ans.docTitle': 'Câu trả lời — Dân hỏi',
    'ans.title': 'Câu trả lời',
    'ans.search': 'Tìm câu hỏi, câu trả lời, cơ quan',
    'ans.searchGo': 'Tìm',
    'ans.archive': 'Trang chương trình',
    'ans.all': 'Tất cả chương trình',
    'ans.loading': 'Đang tải…',
    'ans.count': '{n} câu trả lời đã công bố',
    'ans.none': 'Chưa có câu trả lời nào được công bố.',
    'ans.failed': 'Không tải được danh sách. Đề nghị thử lại sau.',
    'ans.prev': 'Trang trước',
    'ans.next': 'Trang sau',
  },
  en: {
    'ans.docTitle': 'Answers — Dân hỏi',
    'ans.title': 'Answers',
    'ans.search': 'Search questions, answers, agencies',
    'ans.searchGo': 'Search',
    'ans.archive': 'Programme page',
    'ans.all': 'All programmes',
    'ans.loading': 'Loading…',
    'ans.count': '{n} published answers',
    'ans.none': 'No answer has been published yet.',
    'ans.failed': 'The list could not be loaded. Please try again later.',
    'ans.prev': 'Previous page',
    'ans.next': 'Next page',
  },
});

const $ = (id) => document.getElementById(id);
const state = { page: Number(urlParam('page')) || 1, q: urlParam('q') || '', episode: urlParam('episode'), data: null };

function render() {
  const d = state.data;
  if (!d) return;
  $('status').textContent = d.total ? t('ans.count', { n: d.total }) : t('ans.none');
  $('answers').replaceChildren(...d.items.map((a) => answerCard(a, { withEpisode: !state.episode })));
  $('prev').hidden = state.page <= 1;
  $('next').hidden = state.page * d.size >= d.total;
  const linked = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (linked) linked.scrollIntoView();
  if (state.episode && d.items[0]) {
    $('episode-filter').hidden = false;
    $('episode-name').textContent = d.items[0].episodeTitle || '';
  }
}

async function load() {
  const params = new URLSearchParams({ page: String(state.page) });
  if (state.q) params.set('q', state.q);
  if (state.episode) params.set('episode', state.episode);
  try {
    state.data = await getJson(`/api/public/answers?${params}`);
    render();
  } catch {
    $('status').textContent = t('ans.failed');
  }
}

initPage();
$('q').value = state.q;
if (state.episode) $('episode-live').href = `/live.html?episode=${encodeURIComponent(state.episode)}`;
$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  state.q = $('q').value.trim();
  state.page = 1;
  setUrlParam('q', state.q || null);
  setUrlParam('page', null);
  load();
});
$('prev').addEventListener('click', () => { state.page -= 1; setUrlParam('page', String(state.page)); load(); });
$('next').addEventListener('click', () => { state.page += 1; setUrlParam('page', String(state.page)); load(); });
onLangChange(render);
load();
