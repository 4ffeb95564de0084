// The council office's planning page: episodes (every field of the plan and
// the panel of responders and guests), programs, agencies and fields with
// their keywords. Editors see the lists; only admins get the forms. Each list
// is a table beside one form that creates a row or edits the chosen one;
// the server's field errors ("intake.emailAddress", "people[1].agencyId")
// land next to the control of that name.

import './plan-strings.js';
import { t, onLangChange } from './i18n.js';
import { flash } from './page.js';
import { getJson, postJson, patchJson, requireStaff, hasRole } from './api.js';
import { formatDateTime } from './format.js';
import {
  el, initPage, clearFieldErrors, clearErrorsOnEdit, reportSubmitError, urlParam,
} from './ui.js';

const $ = (id) => document.getElementById(id);
const listOf = (res) => (Array.isArray(res) ? res : Array.isArray(res?.items) ? res.items : []);

const AGENCY_KINDS = ['province_committee', 'department', 'commune', 'utility', 'central', 'other'];
const EPISODE_KINDS = ['live', 'recorded', 'accountability', 'dialogue'];
const PLATFORMS = ['tv', 'radio', 'youtube', 'fanpage', 'website'];
const PERSON_ROLES = ['responder', 'guest', 'host', 'chair', 'delegate'];

const state = {
  admin: false,
  tab: 'episodes',
  programs: [],
  agencies: [],
};

// ---- reading and filling controls by name ------------------------------------------

function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {});
  o[keys.at(-1)] = value;
}

/** "2030-09-12T20:00:00+07:00" as a datetime-local value: the server already sends the programme's zone. */
const toLocalInput = (iso) => (iso ? String(iso).slice(0, 16) : '');
const splitLines = (s) => String(s || '').split('\n').map((x) => x.trim()).filter(Boolean);
const splitKeywords = (s) => String(s || '').split(/[\n,;]/).map((x) => x.trim()).filter(Boolean);

/** One control of a form spec: its element and how it reads and shows a value. */
function control(spec) {
  const id = `f-${state.tab}-${spec.name.replace(/\W/g, '-')}`;
  const label = (key) => el('label', { for: id, 'data-i18n': key, text: t(key) });
  const hint = spec.hint ? el('p', { class: 'hint', id: `${id}-hint`, 'data-i18n': spec.hint, text: t(spec.hint) }) : null;
  const common = { id, name: spec.name, 'aria-describedby': hint ? `${id}-hint` : null };
  let input;
  switch (spec.type) {
    case 'textarea':
    case 'lines':
    case 'keywords':
      input = el('textarea', { ...common, rows: spec.rows || 3 });
      break;
    case 'select':
      input = el('select', common);
      break;
    case 'checkbox':
      input = el('input', { ...common, type: 'checkbox' });
      return { spec, input, node: el('div', { class: 'field field-check' }, input, label(spec.label)) };
    case 'checks': {
      const boxes = spec.options().map(([value, key]) => el('div', { class: 'field-check' },
        el('input', { type: 'checkbox', id: `${id}-${value}`, name: spec.name, value }),
        el('label', { for: `${id}-${value}`, 'data-i18n': key, text: t(key) })));
      const node = el('fieldset', { class: 'field' },
        el('legend', { 'data-i18n': spec.label, text: t(spec.label) }), el('div', { class: 'checks-inline' }, boxes));
      return { spec, node, boxes };
    }
    default:
      input = el('input', {
        ...common,
        type: spec.type === 'datetime' ? 'datetime-local' : spec.type || 'text',
        min: spec.type === 'number' ? '1' : null,
        autocomplete: 'off',
      });
  }
  if (spec.required) input.required = true;
  return { spec, input, node: el('div', { class: 'field' }, label(spec.label), input, hint) };
}

function fillOptions(c) {
  if (c.spec.type !== 'select') return;
  const value = c.input.value;
  c.input.replaceChildren(
    ...(c.spec.noEmpty ? [] : [el('option', { value: '', text: t('plan.none') })]),
    ...c.spec.options().map(([v, key, raw]) => el('option', { value: v, text: raw ? key : t(key) })));
  c.input.value = value;
}

function readControl(c, form) {
  const { spec } = c;
  switch (spec.type) {
    case 'checkbox': return c.input.checked;
    case 'checks': return [...form.querySelectorAll(`input[name="${spec.name}"]:checked`)].map((i) => i.value);
    case 'lines': return splitLines(c.input.value);
    case 'keywords': return splitKeywords(c.input.value);
    case 'number': return c.input.value === '' ? null : Number(c.input.value);
    case 'datetime':
    case 'select': return c.input.value || null;
    default: return c.input.value.trim();
  }
}

function showControl(c, item) {
  const { spec } = c;
  const v = item ? getPath(item, spec.name) : spec.default;
  switch (spec.type) {
    case 'checkbox': c.input.checked = v ?? spec.default ?? false; break;
    case 'checks': {
      const on = new Set(Array.isArray(v) ? v : []);
      for (const box of c.boxes) box.querySelector('input').checked = on.has(box.querySelector('input').value);
      break;
    }
    case 'lines': c.input.value = Array.isArray(v) ? v.join('\n') : ''; break;
    case 'keywords': c.input.value = Array.isArray(v) ? v.join(', ') : ''; break;
    case 'datetime': c.input.value = toLocalInput(v); break;
    default: c.input.value = v == null ? '' : String(v);
  }
}

// ---- the panel of responders and guests ------------------------------------------------

/** An ordered list of people; each row's controls are named people[i].role, people[i].name… */
function peopleEditor() {
  const box = el('div', { class: 'people-rows' });
  let people = [];
  const node = el('fieldset', { class: 'plan-fieldset' },
    el('legend', { 'data-i18n': 'ep.people', text: t('ep.people') }),
    el('p', { class: 'hint', 'data-i18n': 'ep.peopleHint', text: t('ep.peopleHint') }),
    box);
  const add = el('button', { type: 'button', class: 'btn btn-small', 'data-i18n': 'ep.person.add', text: t('ep.person.add') });
  node.append(el('div', { class: 'actions' }, add));

  const readRows = () => [...box.querySelectorAll('.person-row')].map((row) => {
    const get = (k) => row.querySelector(`[data-key="${k}"]`).value.trim();
    return { role: get('role'), name: get('name'), title: get('title'), agencyId: get('agencyId') || null, email: get('email') || null };
  });

  function render() {
    box.replaceChildren(...people.map((p, i) => {
      const id = (k) => `person-${i}-${k}`;
      const field = (k, labelKey, input) => {
        input.id = id(k);
        input.name = `people[${i}].${k}`;
        input.dataset.key = k;
        return el('div', { class: 'field' }, el('label', { for: id(k), text: t(labelKey) }), input);
      };
      const role = el('select', {}, ...PERSON_ROLES.map((r) => el('option', { value: r, text: t(`ep.role.${r}`) })));
      role.value = p.role || 'responder';
      const agency = el('select', {}, el('option', { value: '', text: t('plan.none') }),
        ...state.agencies.map((a) => el('option', { value: a.id, text: a.name })));
      agency.value = p.agencyId || '';
      const name = el('input', { type: 'text', autocomplete: 'off', value: p.name || '' });
      const title = el('input', { type: 'text', autocomplete: 'off', value: p.title || '' });
      const email = el('input', { type: 'email', autocomplete: 'off', value: p.email || '' });
      const move = (delta) => {
        people = readRows();
        const [x] = people.splice(i, 1);
        people.splice(i + delta, 0, x);
        render();
      };
      const up = el('button', { type: 'button', class: 'btn btn-small', text: t('ep.person.up'), disabled: i === 0 });
      const down = el('button', { type: 'button', class: 'btn btn-small', text: t('ep.person.down'), disabled: i === people.length - 1 });
      const remove = el('button', { type: 'button', class: 'btn btn-small', text: t('ep.person.remove') });
      up.addEventListener('click', () => move(-1));
      down.addEventListener('click', () => move(1));
      remove.addEventListener('click', () => {
        people = readRows();
        people.splice(i, 1);
        render();
      });
      return el('div', { class: 'person-row', role: 'group', 'aria-label': t('ep.person.n', { n: i + 1 }) },
        field('role', 'ep.person.role', role), field('name', 'ep.person.name', name),
        field('title', 'ep.person.title', title), field('agencyId', 'ep.person.agency', agency),
        field('email', 'ep.person.email', email),
        el('div', { class: 'actions actions-tight' }, up, down, remove));
    }));
  }

  add.addEventListener('click', () => {
    people = [...readRows(), { role: 'responder' }];
    render();
    box.querySelector('.person-row:last-child input')?.focus();
  });

  return {
    spec: { name: 'people', type: 'people' },
    node,
    read: readRows,
    show(item) {
      people = Array.isArray(item?.people) ? item.people.map((p) => ({ ...p })) : [];
      render();
    },
    refresh() {
      people = readRows();
      render();
    },
  };
}

// ---- the four lists --------------------------------------------------------------------

const programOptions = () => state.programs.map((p) => [p.id, p.name, true]);
const agencyOptions = () => state.agencies.map((a) => [a.id, a.name, true]);

const badge = (on, yes, no) => el('span', { class: `badge ${on ? 'badge-open' : 'badge-muted'}`, text: t(on ? yes : no) });

const LISTS = {
  episodes: {
    heading: 'plan.tab.episodes',
    list: '/api/episodes',
    one: (id) => `/api/episodes/${encodeURIComponent(id)}/details`,
    create: '/api/episodes',
    update: (id) => `/api/episodes/${encodeURIComponent(id)}`,
    name: (x) => x.title,
    columns: ['ep.title', 'ep.col.when', 'ep.status', 'ep.col.intake'],
    cells: (x) => [
      el('td', {}, el('a', { href: `/episode.html?id=${encodeURIComponent(x.id)}`, text: x.title || '' })),
      el('td', { class: 'nowrap', text: formatDateTime(x.startsAt) }),
      el('td', { text: t(`ep.live.${x.status}`) }),
      el('td', {}, badge(x.intake?.open, 'plan.yes', 'plan.no')),
    ],
    sort: (a, b) => String(b.startsAt).localeCompare(String(a.startsAt)),
    fields: [
      { name: 'programId', label: 'ep.program', type: 'select', options: programOptions },
      { name: 'title', label: 'ep.title', required: true },
      { name: 'topic', label: 'ep.topic', type: 'textarea' },
      { name: 'startsAt', label: 'ep.startsAt', type: 'datetime', required: true, hint: 'ep.startsAtHint' },
      { name: 'durationMinutes', label: 'ep.duration', type: 'number', default: 60, required: true },
      { name: 'status', label: 'ep.status', type: 'select', noEmpty: true, default: 'planned',
        options: () => [['planned', 'ep.status.planned'], ['cancelled', 'ep.status.cancelled']] },
      { name: 'kind', label: 'ep.kind', type: 'select', noEmpty: true, default: 'live',
        options: () => EPISODE_KINDS.map((k) => [k, `ep.kind.${k}`]) },
      { name: 'platforms', label: 'ep.platforms', type: 'checks', options: () => PLATFORMS.map((p) => [p, `ep.platform.${p}`]) },
      { name: 'broadcastAt', label: 'ep.broadcastAt', type: 'datetime', hint: 'ep.broadcastAtHint' },
      { name: 'venue', label: 'ep.venue' },
      { name: 'chair', label: 'ep.chair' },
      { name: 'hosts', label: 'ep.hosts', type: 'lines', hint: 'plan.listHint' },
      { name: 'delegatesDueAt', label: 'ep.delegatesDueAt', type: 'datetime' },
      { group: 'ep.intake' },
      { name: 'intake.opensAt', label: 'ep.opensAt', type: 'datetime', hint: 'ep.opensAtHint' },
      { name: 'intake.closesAt', label: 'ep.closesAt', type: 'datetime', hint: 'ep.closesAtHint' },
      { name: 'intake.smsNumber', label: 'ep.smsNumber' },
      { name: 'intake.smsKeyword', label: 'ep.smsKeyword' },
      { name: 'intake.hotline', label: 'ep.hotline', type: 'lines', hint: 'plan.listHint' },
      { name: 'intake.emailAddress', label: 'ep.emailAddress', type: 'email' },
      { name: 'intake.postalAddress', label: 'ep.postalAddress', type: 'textarea', rows: 2 },
      { people: true },
    ],
  },
  programs: {
    heading: 'plan.tab.programs',
    list: '/api/programs',
    one: (id) => `/api/programs/${encodeURIComponent(id)}`,
    create: '/api/programs',
    update: (id) => `/api/programs/${encodeURIComponent(id)}`,
    name: (x) => x.name,
    columns: ['prog.name', 'prog.organiser', 'prog.broadcaster', 'prog.active'],
    cells: (x) => [
      el('td', { text: x.name || '' }), el('td', { text: x.organiser || '' }), el('td', { text: x.broadcaster || '' }),
      el('td', {}, badge(x.active, 'plan.active', 'plan.inactive')),
    ],
    fields: [
      { name: 'name', label: 'prog.name', required: true },
      { name: 'description', label: 'prog.description', type: 'textarea' },
      { name: 'organiser', label: 'prog.organiser' },
      { name: 'broadcaster', label: 'prog.broadcaster' },
      { name: 'parentBody', label: 'prog.parentBody', hint: 'prog.parentBodyHint' },
      { name: 'issuingBody', label: 'prog.issuingBody', hint: 'prog.issuingBodyHint' },
      { name: 'issuerAbbreviation', label: 'prog.issuerAbbreviation', hint: 'prog.issuerAbbreviationHint' },
      { name: 'place', label: 'prog.place' },
      { name: 'active', label: 'prog.active', type: 'checkbox', default: true },
    ],
  },
  agencies: {
    heading: 'plan.tab.agencies',
    list: '/api/agencies',
    one: (id) => `/api/agencies/${encodeURIComponent(id)}`,
    create: '/api/agencies',
    update: (id) => `/api/agencies/${encodeURIComponent(id)}`,
    name: (x) => x.name,
    columns: ['ag.name', 'ag.kind', 'ag.emails', 'ag.active'],
    cells: (x) => [
      el('td', {}, el('strong', { text: x.name || '' }), x.shortName ? el('span', { class: 'muted', text: ` (${x.shortName})` }) : null),
      el('td', { text: t(`ag.kind.${x.kind}`) }),
      el('td', { text: (x.emails || []).join(', ') }),
      el('td', {}, badge(x.active, 'plan.active', 'plan.inactive')),
    ],
    fields: [
      { name: 'name', label: 'ag.name', required: true },
      { name: 'shortName', label: 'ag.shortName', hint: 'ag.shortNameHint' },
      { name: 'kind', label: 'ag.kind', type: 'select', noEmpty: true, default: 'department',
        options: () => AGENCY_KINDS.map((k) => [k, `ag.kind.${k}`]) },
      { name: 'emails', label: 'ag.emails', type: 'lines', hint: 'plan.listHint' },
      { name: 'active', label: 'ag.active', type: 'checkbox', default: true },
    ],
  },
  fields: {
    heading: 'plan.tab.fields',
    list: '/api/fields',
    one: (id) => `/api/fields/${encodeURIComponent(id)}`,
    create: '/api/fields',
    update: (id) => `/api/fields/${encodeURIComponent(id)}`,
    name: (x) => x.name,
    columns: ['fd.name', 'fd.keywords', 'fd.agency'],
    cells: (x) => [
      el('td', {}, el('strong', { text: x.name || '' })),
      el('td', { text: (x.keywords || []).join(', ') }),
      el('td', { text: x.agencyName || '' }),
    ],
    fields: [
      { name: 'name', label: 'fd.name', required: true },
      { name: 'keywords', label: 'fd.keywords', type: 'keywords', rows: 4, hint: 'plan.keywordsHint' },
      { name: 'agencyId', label: 'fd.agency', type: 'select', options: agencyOptions },
    ],
  },
};

// ---- one list and its form ----------------------------------------------------------------

function mountList(name) {
  const conf = LISTS[name];
  const panel = $(`panel-${name}`);
  panel.replaceChildren($('panel-template').content.cloneNode(true));
  const part = (p) => panel.querySelector(`[data-part="${p}"]`);
  const ui = {
    heading: part('heading'), refresh: part('refresh'), status: part('status'), flash: part('flash'),
    head: part('head'), rows: part('rows'), editor: part('editor'), formHeading: part('formHeading'),
    newBtn: part('new'), form: part('form'), alert: part('alert'), fields: part('fields'),
    submit: part('submit'), cancel: part('cancel'),
  };
  const view = { conf, ui, items: [], editing: null, controls: [], people: null, loading: false, error: null };
  ui.form.id = `form-${name}`;

  const prevTab = state.tab;
  state.tab = name; // control ids carry the list's name
  let group = null;
  for (const spec of conf.fields) {
    if (spec.group) {
      group = el('fieldset', { class: 'plan-fieldset' }, el('legend', { 'data-i18n': spec.group, text: t(spec.group) }));
      ui.fields.append(group);
      continue;
    }
    if (spec.people) {
      view.people = peopleEditor();
      ui.fields.append(view.people.node);
      group = null;
      continue;
    }
    const c = control(spec);
    fillOptions(c);
    view.controls.push(c);
    (group || ui.fields).append(c.node);
  }
  state.tab = prevTab;

  ui.editor.hidden = !state.admin;
  clearErrorsOnEdit(ui.form);
  ui.refresh.addEventListener('click', () => load(view));
  ui.newBtn.addEventListener('click', () => edit(view, null, { focus: true }));
  ui.cancel.addEventListener('click', () => edit(view, null, { focus: true }));
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(view);
  });
  edit(view, null);
  return view;
}

function renderList(view) {
  const { conf, ui } = view;
  ui.heading.textContent = t(conf.heading);
  ui.head.replaceChildren(...conf.columns.map((key) => el('th', { scope: 'col', text: t(key) })),
    el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: t('acc.col.actions') })));
  const items = conf.sort ? [...view.items].sort(conf.sort) : view.items;
  ui.rows.replaceChildren(...items.map((x) => {
    const actions = [];
    if (state.admin) {
      const b = el('button', { type: 'button', class: 'btn btn-small', 'data-role': 'edit', text: t('plan.edit'),
        'aria-label': t('plan.editLabel', { name: conf.name(x) || '' }) });
      b.addEventListener('click', () => edit(view, x.id, { focus: true }));
      actions.push(b);
    }
    if (conf === LISTS.episodes) {
      actions.push(' ', el('a', { class: 'btn btn-small', href: `/episode.html?id=${encodeURIComponent(x.id)}`, text: t('plan.open') }));
    }
    return el('tr', { dataset: { id: String(x.id) }, class: x.active === false ? 'is-off' : null },
      ...conf.cells(x), el('td', { class: 'nowrap' }, ...actions));
  }));
  if (view.error) ui.status.textContent = view.error.serverMessage || t('admin.loadFailed');
  else if (view.loading && !view.items.length) ui.status.textContent = t('admin.loading');
  else ui.status.textContent = view.items.length ? t('plan.count', { n: view.items.length }) : t('plan.empty');
  ui.refresh.disabled = view.loading;
}

async function load(view) {
  view.loading = true;
  renderList(view);
  try {
    view.items = listOf(await getJson(view.conf.list));
    view.error = null;
  } catch (err) {
    view.error = err;
  } finally {
    view.loading = false;
    renderList(view);
  }
  if (view.conf === LISTS.programs) state.programs = view.items;
  if (view.conf === LISTS.agencies) state.agencies = view.items;
}

/** Fills the form with one row (fetched fresh: the list may be a shorter view) or empties it for a new one. */
async function edit(view, id, { focus = false } = {}) {
  const { ui, conf } = view;
  clearFieldErrors(ui.form, ui.alert);
  let item = null;
  if (id) {
    try {
      item = await getJson(conf.one(id));
    } catch (err) {
      reportSubmitError(ui.form, err, { alertEl: ui.alert });
      return;
    }
  }
  view.editing = item ? item.id : null;
  for (const c of view.controls) {
    fillOptions(c);
    showControl(c, item);
  }
  view.people?.show(item);
  ui.formHeading.textContent = item ? t('plan.editing', { name: conf.name(item) || '' }) : t('plan.creating');
  ui.cancel.hidden = !item;
  if (focus) ui.form.querySelector('input, select, textarea')?.focus();
}

async function save(view) {
  const { ui, conf } = view;
  clearFieldErrors(ui.form, ui.alert);
  const body = {};
  for (const c of view.controls) setPath(body, c.spec.name, readControl(c, ui.form));
  if (view.people) body.people = view.people.read();
  ui.submit.disabled = true;
  try {
    const saved = view.editing ? await patchJson(conf.update(view.editing), body) : await postJson(conf.create, body);
    flash(ui.flash, t(view.editing ? 'plan.saved' : 'plan.created', { name: conf.name(saved) || '' }));
    await load(view);
    if (conf === LISTS.agencies || conf === LISTS.programs) refreshOptions();
    edit(view, view.editing ? saved.id : null);
  } catch (err) {
    reportSubmitError(ui.form, err, { alertEl: ui.alert });
  } finally {
    ui.submit.disabled = false;
  }
}

/** Selects that list programs or agencies follow those lists. */
function refreshOptions() {
  for (const view of Object.values(views)) {
    for (const c of view.controls) fillOptions(c);
    view.people?.refresh();
  }
}

// ---- tabs ----------------------------------------------------------------------------------

const tabs = [...document.querySelectorAll('[role="tab"][data-tab]')];
const views = {};

function selectTab(name, { focus = false } = {}) {
  if (!LISTS[name]) name = 'episodes';
  state.tab = name;
  for (const tab of tabs) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const key of Object.keys(LISTS)) $(`panel-${key}`).hidden = key !== name;
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${name}`);
}

// ---- start ---------------------------------------------------------------------------------

async function start() {
  const { user } = await requireStaff({ roles: ['editor'] });
  state.admin = hasRole(user, ['admin']);
  $('plan-readonly').hidden = state.admin;
  for (const name of Object.keys(LISTS)) views[name] = mountList(name);
  selectTab(location.hash.slice(1) || 'episodes');
  // programs and agencies first: the episode and field forms choose among them
  await Promise.all([load(views.programs), load(views.agencies)]);
  refreshOptions();
  load(views.episodes);
  load(views.fields);
  const editId = urlParam('edit');
  if (editId && state.admin) edit(views[state.tab], editId, { focus: true });
}

initPage();
for (const tab of tabs) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
tabs[0].parentElement.addEventListener('keydown', (e) => {
  const i = tabs.indexOf(document.activeElement);
  if (i < 0) return;
  let j = null;
  if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
  else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
  else if (e.key === 'Home') j = 0;
  else if (e.key === 'End') j = tabs.length - 1;
  if (j == null) return;
  e.preventDefault();
  selectTab(tabs[j].dataset.tab, { focus: true });
});
onLangChange(() => {
  for (const view of Object.values(views)) {
    renderList(view);
    for (const c of view.controls) fillOptions(c);
    view.people?.refresh();
    if (!view.editing) view.ui.formHeading.textContent = t('plan.creating');
  }
});
start();
