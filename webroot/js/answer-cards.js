// Cards for published answers and for questions of a past episode, shared by
// the public answers page and the live page's archive. Text only (el), and
// the asker only as given name and locality, which is all the server sends.

import { t, addStrings } from './i18n.js';
import { formatDate } from './format.js';
import { el } from './ui.js';

addStrings({
  vi: {
    'card.asker': 'Cử tri {name} ({place}) hỏi',
    'card.askerNoPlace': 'Cử tri {name} hỏi',
    'card.anonymous': 'Một cử tri hỏi',
    'card.answeredBy': '{agency} trả lời ngày {date}',
    'card.assigned': 'Đã chuyển {agency} trả lời, chậm nhất ngày {date}',
    'card.assignedNoDate': 'Đã chuyển {agency} trả lời',
    'card.askers': '{n} cử tri cùng hỏi nội dung này',
    'card.episode': 'Chương trình: {title}',
  },
  en: {
    'card.asker': 'Voter {name} ({place}) asked',
    'card.askerNoPlace': 'Voter {name} asked',
    'card.anonymous': 'A voter asked',
    'card.answeredBy': 'Answered by {agency} on {date}',
    'card.assigned': 'Forwarded to {agency} for an answer by the end of {date}',
    'card.assignedNoDate': 'Forwarded to {agency} for an answer',
    'card.askers': '{n} people asked this',
    'card.episode': 'Programme: {title}',
  },
});

function askerLine(item) {
  if (!item.asker) return t('card.anonymous');
  return item.locality ? t('card.asker', { name: item.asker, place: item.locality })
    : t('card.askerNoPlace', { name: item.asker });
}

/** A question, and its published answer when it has one. */
export function answerCard(item, { withEpisode = false } = {}) {
  // the follow page links to one answer by this anchor
  const li = el('li', { class: 'card answer-card', id: item.answer && item.id ? `answer-${item.id}` : null },
    el('p', { class: 'muted', text: askerLine(item) }),
    el('p', { class: 'question-text', text: item.question || '' }));
  if (item.askers > 1) li.append(el('p', { class: 'muted', text: t('card.askers', { n: item.askers }) }));
  if (item.answer) {
    li.append(el('p', { class: 'muted', text: t('card.answeredBy', {
      agency: item.agency || '', date: formatDate(item.publishedAt) }) }));
    li.append(el('blockquote', { class: 'answer-text', text: item.answer }));
  } else if (item.agency) {
    li.append(el('p', { class: 'muted', text: item.dueDate
      ? t('card.assigned', { agency: item.agency, date: formatDate(item.dueDate) })
      : t('card.assignedNoDate', { agency: item.agency }) }));
  }
  if (withEpisode && item.episodeId) {
    li.append(el('p', {}, el('a', { href: `/live.html?episode=${encodeURIComponent(item.episodeId)}`,
      text: t('card.episode', { title: item.episodeTitle || '' }) })));
  }
  return li;
}
