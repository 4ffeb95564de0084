// Which episode, of which program, a page is about, and the way back to the
// episode's page (issue 19, point 7). A page puts one mount element where the
// strip goes and imports this module:
//   <div data-episode-context></div>            staff page: the strip with its link back
//   <div data-episode-context="discreet"></div>  studio: one quiet line, no link
//   <div data-episode-context="public"></div>    public page: back to the episode's public page
//   <div data-episode-context="picker"></div>    beside an episode select (operator, moderation): the select
//                                                names the episode, so only the program and the link back
// The episode is the page's ?episode= (or the mount's data-episode-id); the strip
// follows the page when it switches episode (setUrlParam) and redraws on a language
// change. With no episode the mount stays hidden. Everything is set with textContent.

import { t, onLangChange } from './i18n.js';
import { currentUser, getJson, hasRole } from './api.js';
import { formatDateTime } from './format.js';
import { el, urlParam } from './ui.js';

const mounts = () => [...document.querySelectorAll('[data-episode-context]')];
const cache = new Map(); // episode id → promise of GET /api/episodes/:id
let shown = { id: null, episode: null };

function episodeId(mount) {
  return mount.dataset.episodeId || urlParam('episode') || null;
}

function fetchEpisode(id) {
  if (!cache.has(id)) {
    // a failed look-up is not kept: the next switch back to it asks again
    cache.set(id, getJson(`/api/episodes/${encodeURIComponent(id)}`).catch((err) => {
      cache.delete(id);
      throw err;
    }));
  }
  return cache.get(id);
}

function backLink(mode, e) {
  if (mode === 'discreet') return null;
  // the episode page is the editors' (an operator would meet a refusal there)
  if (mode !== 'public' && !hasRole(currentUser(), ['editor'])) return null;
  const id = encodeURIComponent(e.id);
  return mode === 'public'
    ? el('a', { class: 'ec-back', href: `/?episode=${id}`, text: t('ctx.backPublic') })
    : el('a', { class: 'ec-back', href: `/episode.html?id=${id}`, text: t('ctx.back') });
}

function draw(mount, e) {
  const mode = mount.dataset.episodeContext || 'staff';
  mount.hidden = !e;
  if (!e) {
    mount.replaceChildren();
    return;
  }
  const when = formatDateTime(e.broadcastAt || e.startsAt);
  const sep = () => el('span', { class: 'ec-sep', 'aria-hidden': 'true', text: ' · ' });
  if (mode === 'picker') {
    mount.replaceChildren(el('nav', { class: 'episode-context', 'aria-label': t('ctx.label') },
      el('p', { class: 'episode-context-strip ec-picker' }, backLink(mode, e),
        e.programName ? el('span', { class: 'ec-program', text: e.programName }) : null)));
    return;
  }
  const strip = el('p', { class: `episode-context-strip ec-${mode}` },
    backLink(mode, e),
    e.programName ? el('span', { class: 'ec-program', text: e.programName }) : null,
    e.programName ? sep() : null,
    el('strong', { class: 'ec-title', text: e.title || '' }),
    when ? sep() : null,
    when ? el('span', { class: 'ec-when', text: when }) : null,
    e.status ? sep() : null,
    e.status ? el('span', { class: `ec-status ec-status-${e.status}`, text: t(`status.${e.status}`) }) : null);
  mount.replaceChildren(el('nav', { class: 'episode-context', 'aria-label': t('ctx.label') }, strip));
}

async function refresh() {
  const list = mounts();
  if (!list.length) return;
  const id = episodeId(list[0]);
  if (!id) {
    shown = { id: null, episode: null };
    list.forEach((m) => draw(m, null));
    return;
  }
  if (id === shown.id && shown.episode) {
    list.forEach((m) => draw(m, shown.episode));
    return;
  }
  shown = { id, episode: null };
  try {
    const episode = await fetchEpisode(id);
    if (shown.id !== id) return; // the page moved to another episode meanwhile
    shown.episode = episode;
    list.forEach((m) => draw(m, episode));
  } catch {
    // the page says itself when its episode cannot be found; the strip just stays away
    if (shown.id === id) list.forEach((m) => draw(m, null));
  }
}

/** Redraws the strip for the page's episode now (a page that changed it other than by setUrlParam). */
export function refreshEpisodeContext() {
  return refresh();
}

window.addEventListener('danhoi:urlparam', (ev) => {
  if (ev.detail?.name === 'episode') refresh();
});
window.addEventListener('popstate', refresh);
onLangChange(() => {
  if (shown.episode) mounts().forEach((m) => draw(m, shown.episode));
});
window.addEventListener('danhoi:session', () => {
  if (shown.episode) mounts().forEach((m) => draw(m, shown.episode));
});
mounts().forEach((m) => { m.hidden = true; });
refresh();
