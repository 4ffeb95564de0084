// The question register (sổ tiếp nhận) for the editorial board:
// every question of an episode or a period with the asker's details, searched
// without accents and filtered, exported to CSV and XLSX; letters and
// delegates' question forms typed in with their scans; identity checks.
// One line per question, a page at a time (the server pages); a row opens below
// itself with the full text, the contact and the identity check. The filters live
// in the URL (?episode=… opens the register on that episode).
// Everything the server sends is shown with textContent.

import { t, onLangChange } from './i18n.js';
import { getJson, postJson, deleteJson, requireStaff } from './api.js';
import { formatDateTime } from './format.js';
import {
  el, initPage, clearFieldErrors, clearErrorsOnEdit, reportSubmitError, hideAlert, urlParam, setUrlParam,
} from './ui.js';
import { showFailure } from './page.js';
import { catalogAgencies, catalogFields } from './catalog.js';
import './download.js'; // export buttons: progress, then the file, or the server's words

const FILTERS = ['episode', 'from', 'to', 'q', 'channel', 'status', 'field', 'agency', 'province', 'verified', 'kind'];
const HOW = ['phone_callback', 'id_card', 'delegate_known', 'email_reply', 'in_person', 'other'];
const SIZES = [25, 50, 100];

const $ = (id) => document.getElementById(id);
const ui = {
  filter: $('reg-filter'),
  filterAlert: $('reg-filter-alert'),
  status: $('reg-status'),
  rows: $('reg-rows'),
  prev: $('reg-prev'),
  next: $('reg-next'),
  page: $('reg-page'),
  size: $('reg-size'),
  csv: $('reg-csv'),
  xlsx: $('reg-xlsx'),
  poll: $('reg-poll'),
  letter: $('reg-letter'),
  letterAlert: $('reg-letter-alert'),
  letterStatus: $('reg-letter-status'),
};

let csrfToken = null;
let page = Math.max(1, Number.parseInt(urlParam('page'), 10) || 1);
let size = SIZES.includes(Number(urlParam('size'))) ? Number(urlParam('size')) : SIZES[0];
let last = { items: [], total: 0 };
let shownKind = '';
const open = new Set(); // ids of the rows opened, kept across a redraw

function query() {
  const params = new URLSearchParams();
  const data = new FormData(ui.filter);
  for (const name of FILTERS) {
    const v = String(data.get(name) ?? '').trim();
    if (v) params.set(name, v);
  }
  return params;
}

/** The filters, page and size in the address, so a link or a reload opens the same view. */
function syncUrl() {
  const params = query();
  for (const name of FILTERS) setUrlParam(name, params.get(name));
  setUrlParam('page', page > 1 ? String(page) : null);
  setUrlParam('size', size !== SIZES[0] ? String(size) : null);
}

/** The form as the address has it: ?episode=… and every other filter. */
function filtersFromUrl() {
  for (const name of FILTERS) {
    const v = urlParam(name);
    const field = ui.filter.elements.namedItem(name);
    if (v != null && field) field.value = v;
  }
  ui.size.value = String(size);
}

function syncExportLinks() {
  const q = query().toString();
  ui.csv.href = `/api/register.csv${q ? `?${q}` : ''}`;
  ui.xlsx.href = `/api/register.xlsx${q ? `?${q}` : ''}`;
}

async function load() {
  hideAlert(ui.filterAlert);
  clearFieldErrors(ui.filter, ui.filterAlert);
  syncExportLinks();
  syncUrl();
  const params = query();
  params.set('page', String(page));
  params.set('size', String(size));
  ui.status.textContent = t('reg.loading');
  try {
    last = await getJson(`/api/register?${params}`);
    shownKind = params.get('kind') || '';
    render();
  } catch (err) {
    ui.status.textContent = '';
    reportSubmitError(ui.filter, err, { alertEl: ui.filterAlert });
  }
}

function render() {
  // the kind's own word when filtered to one kind; a neutral "mục" over all of them
  ui.status.textContent = t(shownKind ? `reg.count.${shownKind}` : 'reg.count', { n: last.total });
  ui.rows.replaceChildren(...last.items.flatMap(rows));
  const pages = Math.max(1, Math.ceil(last.total / size));
  ui.page.textContent = t('reg.pageOf', { page, pages });
  ui.prev.disabled = page <= 1;
  ui.next.disabled = page >= pages;
}

/** One line for the question, and below it, when opened, everything else about it. */
function rows(item) {
  const detailId = `reg-detail-${item.id}`;
  const isOpen = open.has(item.id);
  const toggle = el('button', {
    type: 'button', class: 'reg-toggle', 'aria-expanded': String(isOpen), 'aria-controls': detailId,
    title: t(isOpen ? 'reg.less' : 'reg.more'),
  }, item.subject ? el('strong', { text: `${item.subject}: ` }) : null, item.text || '');
  const detail = el('tr', { class: 'reg-detail', id: detailId, hidden: !isOpen },
    el('td', { colspan: '8' }, isOpen ? details(item) : null));
  toggle.addEventListener('click', () => {
    const opening = !open.has(item.id);
    if (opening) open.add(item.id);
    else open.delete(item.id);
    toggle.setAttribute('aria-expanded', String(opening));
    toggle.title = t(opening ? 'reg.less' : 'reg.more');
    detail.hidden = !opening;
    detail.firstChild.replaceChildren(...(opening ? [details(item)] : []));
  });
  const verified = item.verified
    ? el('span', { class: 'badge badge-ok', text: t(`reg.how.${item.verifiedHow}`) })
    : el('span', { class: 'muted', text: t('reg.unverified') });
  // a cell cut short on its line keeps its whole value in its title
  const cell = (text, attrs = {}) => el('td', { ...attrs, text, title: text || null });
  const status = t(`reg.st.${item.status}`);
  const line = el('tr', { class: 'reg-row', dataset: { id: item.id } },
    el('td', { class: 'mono', text: String(item.seq) }),
    el('td', { class: 'nowrap', text: formatDateTime(item.receivedAt) }),
    cell(t(`reg.ch.${item.channel}`)),
    cell(item.askerName || ''),
    // a complaint's or denunciation's badge leads its line, where the cut never hides it
    el('td', {}, el('div', { class: 'reg-text' },
      item.kind && item.kind !== 'question'
        ? el('span', { class: 'badge badge-complaint', text: t(`kind.${item.kind}`) }) : null,
      toggle)),
    cell([item.field, item.agency].filter(Boolean).join(' · ')),
    cell(status),
    el('td', {}, verified));
  return [line, detail];
}

function details(item) {
  const contact = [item.address || item.locality, item.phone, item.email].filter(Boolean);
  const files = (item.attachments || []).map((a) => (a.stored
    ? el('li', {}, el('a', { href: `/api/register/attachments/${encodeURIComponent(a.id)}`, text: a.fileName }))
    : el('li', { text: `${a.fileName} (${a.refusedReason || t('reg.listedOnly')})` })));
  // the text as the person sent it, when what is stored differs (an SMS's keyword, an e-mail's trimmed body)
  const received = item.originalText && item.originalText !== item.text
    ? el('details', { class: 'q-received' }, el('summary', { text: t('mod.asReceived') }),
      el('p', { class: 'q-original', text: item.originalText }))
    : null;
  return el('div', { class: 'reg-detail-grid' },
    el('div', { class: 'reg-detail-text' },
      item.subject ? el('strong', { text: item.subject }) : null, el('p', { class: 'q-full', text: item.text }),
      received),
    el('dl', { class: 'reg-detail-facts' },
      el('dt', { text: t('reg.contact') }), el('dd', {}, ...contact.map((c) => el('div', { text: c }))),
      item.episodeTitle ? [el('dt', { text: t('reg.inEpisode') }), el('dd', { text: item.episodeTitle })] : null,
      files.length ? [el('dt', { text: t('reg.files') }), el('dd', {}, el('ul', { class: 'plain-list' }, ...files))] : null),
    el('div', { class: 'reg-detail-actions' }, verification(item), assignButton(item)));
}

function assignButton(item) {
  const episode = new FormData(ui.filter).get('episode');
  if (item.status !== 'unrouted' || !episode) return null;
  const b = el('button', { type: 'button', class: 'btn btn-small', text: t('reg.assign') });
  b.addEventListener('click', () => act(b, () => postJson(`/api/register/${item.id}/assign`, { episodeId: episode })));
  return b;
}

function verification(item) {
  if (item.verified) {
    const undo = el('button', { type: 'button', class: 'btn btn-small', text: t('reg.unverify') });
    undo.addEventListener('click', () => act(undo, () => deleteJson(`/api/register/${item.id}/verification`)));
    return el('div', {}, el('span', { class: 'badge badge-ok', text: t(`reg.how.${item.verifiedHow}`) }),
      item.verifiedNote ? el('div', { class: 'muted', text: item.verifiedNote }) : null, undo);
  }
  const how = el('select', { 'aria-label': t('reg.howLabel') },
    ...HOW.map((h) => el('option', { value: h, text: t(`reg.how.${h}`) })));
  const note = el('input', { type: 'text', maxlength: '500', placeholder: t('reg.notePlaceholder'),
    'aria-label': t('reg.noteLabel') });
  const go = el('button', { type: 'button', class: 'btn btn-small', text: t('reg.verify') });
  go.addEventListener('click', () => act(go, () => postJson(`/api/register/${item.id}/verification`,
    { how: how.value, note: note.value.trim() || null })));
  return el('div', { class: 'inline-form' }, how, note, go);
}

async function act(button, call) {
  button.disabled = true;
  try {
    await call();
    await load();
  } catch (err) {
    button.disabled = false;
    showFailure(ui.filterAlert, err, { focus: false });
  }
}

async function episodes() {
  try {
    const list = await getJson('/api/episodes');
    const items = Array.isArray(list) ? list : (list.items || []);
    const wanted = urlParam('episode');
    // an episode older than the list still opens from its link
    if (wanted && !items.some((e) => e.id === wanted)) {
      items.push(await getJson(`/api/episodes/${encodeURIComponent(wanted)}`).catch(() => ({ id: wanted, title: wanted })));
    }
    for (const select of [$('rf-episode'), $('rl-episodeId')]) {
      for (const e of items) {
        select.append(el('option', { value: e.id, text: [e.title, formatDateTime(e.startsAt)].filter(Boolean).join(' — ') }));
      }
    }
  } catch {
    // the register still works by period without the list of episodes
  }
}

async function saveLetter(e) {
  e.preventDefault();
  clearFieldErrors(ui.letter, ui.letterAlert);
  ui.letterStatus.textContent = '';
  const data = new FormData(ui.letter);
  for (const [name, value] of [...data.entries()]) {
    if (typeof value === 'string' && !value.trim()) data.delete(name);
    if (value instanceof File && !value.name) data.delete(name);
  }
  let res;
  let body = null;
  try {
    res = await fetch('/api/register/letters', {
      method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken || '' },
    });
    body = await res.json().catch(() => null);
  } catch (cause) {
    reportSubmitError(ui.letter, { network: true, cause }, { alertEl: ui.letterAlert });
    return;
  }
  if (!res.ok) {
    const error = body?.error || {};
    reportSubmitError(ui.letter, { status: res.status, field: error.field, serverMessage: error.message },
      { alertEl: ui.letterAlert });
    return;
  }
  ui.letter.reset();
  ui.letterStatus.textContent = t('reg.saved', { seq: body.seq });
  await load();
}

async function pollMail() {
  ui.poll.disabled = true;
  try {
    const r = await postJson('/api/intake/email/poll', {});
    ui.status.textContent = t('reg.polled', { n: r.stored });
    await load();
  } catch (err) {
    showFailure(ui.filterAlert, err, { focus: false });
  } finally {
    ui.poll.disabled = false;
  }
}

async function main() {
  initPage();
  const session = await requireStaff({ roles: ['editor'] });
  csrfToken = session.csrfToken;
  offerCatalogue();
  clearErrorsOnEdit(ui.letter);
  ui.filter.addEventListener('submit', (e) => {
    e.preventDefault();
    page = 1;
    load();
  });
  ui.filter.addEventListener('change', (e) => {
    // a choice from a list takes effect at once; typed words wait for "Lọc" (Enter)
    if (e.target.tagName === 'SELECT') {
      page = 1;
      load();
    } else {
      syncExportLinks();
    }
  });
  ui.prev.addEventListener('click', () => { page -= 1; load(); });
  ui.next.addEventListener('click', () => { page += 1; load(); });
  ui.size.addEventListener('change', () => {
    size = Number(ui.size.value);
    page = 1;
    load();
  });
  ui.letter.addEventListener('submit', saveLetter);
  ui.poll.addEventListener('click', pollMail);
  onLangChange(render);
  await episodes();
  filtersFromUrl();
  await load();
}

main();

/** The office's fields and agencies as suggestions in the filter and letter forms; free text stays allowed. */
function offerCatalogue() {
  const fill = (id, items) => document.getElementById(id)
    ?.replaceChildren(...items.map((x) => el('option', { value: x.name })));
  // suggestions only: the forms work without them, so a failed read leaves the lists empty
  catalogFields().then((f) => fill('catalog-fields', f)).catch(() => {});
  catalogAgencies().then((a) => fill('catalog-agencies', a)).catch(() => {});
}
