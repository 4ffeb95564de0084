// Episodes as every page needs them: loading, ordering, labels, and the
// episode <select> of the staff pages.

import { getJson } from './api.js';
import { t } from './i18n.js';
import { formatDateTime } from './format.js';
import { el, hideAlert, setUrlParam, showAlert, urlParam } from './ui.js';

/** GET /api/episodes (public). */
export function loadEpisodes() {
  return getJson('/api/episodes').then((list) => (Array.isArray(list) ? list : []));
}

function startMs(ep) {
  const v = Date.parse(ep?.startsAt);
  return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
}

/** Live first, then by start time (soonest first). */
export function byLiveThenStart(a, b) {
  const la = a.status === 'live' ? 0 : 1;
  const lb = b.status === 'live' ? 0 : 1;
  return la - lb || startMs(a) - startMs(b);
}

/** Most recent first. */
export function byStartDesc(a, b) {
  return startMs(b) - startMs(a);
}

export function statusLabel(status) {
  const key = `status.${status}`;
  const s = t(key);
  return s === key ? String(status ?? '') : s;
}

/** "Title — dd/MM/yyyy HH:mm (status)", used in selects. */
export function episodeLabel(ep) {
  const when = formatDateTime(ep.startsAt);
  return `${ep.title ?? ep.id}${when ? ` — ${when}` : ''} (${statusLabel(ep.status)})`;
}

/** Staff default: the asked id if it exists, else the first live, else the next upcoming, else the first. */
export function defaultEpisodeId(episodes, wantedId) {
  if (wantedId != null && episodes.some((e) => String(e.id) === String(wantedId))) return String(wantedId);
  const live = episodes.find((e) => e.status === 'live');
  if (live) return String(live.id);
  const upcoming = episodes.filter((e) => e.status === 'upcoming').sort(byLiveThenStart)[0];
  if (upcoming) return String(upcoming.id);
  return episodes.length ? String(episodes[0].id) : null;
}

/** Fills an episode <select> (live and upcoming first, then the rest newest first). */
export function fillEpisodeSelect(select, episodes, selectedId) {
  const current = episodes.filter((e) => e.status === 'live' || e.status === 'upcoming').sort(byLiveThenStart);
  const past = episodes.filter((e) => !current.includes(e)).sort(byStartDesc);
  select.replaceChildren(...[...current, ...past].map((ep) =>
    el('option', { value: String(ep.id), text: episodeLabel(ep) })));
  if (selectedId != null) select.value = String(selectedId);
}

/** How long a staff page waits before it tries the episode list again. */
const RETRY_MS = 10000;

/**
 * Loads the episodes once into a staff page's state and fills its episode <select>: the one the address
 * asks for, else the live one, else the next. The choice goes back into the address, so a reload keeps it.
 * When the list cannot be loaded it says so and, given `retry`, tries again: the person at the console
 * may not be watching the screen. Resolves true when the page has its episodes.
 */
export async function ensureEpisodes(state, { select, alert, retry = null }) {
  if (state.episodesLoaded) return true;
  hideAlert(alert);
  try {
    state.episodes = await loadEpisodes();
  } catch {
    showAlert(alert, t('op.loadFailed'));
    if (retry) {
      setTimeout(() => {
        if (!state.episodesLoaded) retry();
      }, RETRY_MS);
    }
    return false;
  }
  state.episodesLoaded = true;
  state.episodeId = defaultEpisodeId(state.episodes, urlParam('episode'));
  fillEpisodeSelect(select, state.episodes, state.episodeId);
  if (!state.episodes.length) showAlert(alert, t('op.noEpisodes'), 'info');
  else setUrlParam('episode', state.episodeId);
  return true;
}
