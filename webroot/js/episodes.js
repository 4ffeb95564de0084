// Episodes as every page needs them: loading, ordering, labels, and the
// episode <select> of the staff pages.

import { getJson } from './api.js';
import { t } from './i18n.js';
import { formatDateTime } from './format.js';
import { el } from './ui.js';

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
