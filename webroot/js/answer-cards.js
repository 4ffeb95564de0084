// Cards for published answers and for questions of a past episode, shared by
// the public answers page and the live page's archive. Text only (el), and
// the asker only as given name and locality, which is all the server sends.

import { t, addStrings } from './i18n.js';
import { formatDate } from './format.js';
import { el } from './ui.js';

addStrings({
  vi: {
    'card.asker': '{name} ({place}) hỏi',
    'card.askerNoPlace': '{name} hỏi',
    'card.anonymous': 'Một người xem hỏi',
    'card.answeredBy': '{agency} trả lời ngày {date}',
    'card.assigned': 'Giao {agency}, hạn {date}',
    'card.assignedNoDate': 'Giao {agency}',
    'card.askers': '{n} người cùng hỏi',
    'card.episode': 'Chương trình: {title}',
  },
  en: {
    'card.asker': '{name} ({place}) asked',
    'card.askerNoPlace': '{name} asked',
    'card.anonymous': 'A viewer asked',
    'card.answeredBy': 'Answered by {agency} on {date}',
    'card.assigned': 'Assigned to {agency}, due {date}',
    'card.assignedNoDate': 'Assigned to {agency}',
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
  const li = el('li', { class: 'card answer-card' },
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
