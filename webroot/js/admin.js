// The council office's page (admin only): staff accounts, machine tokens, the
// audit log with its CSV export, and personal data: which agencies may see
// askers' contacts, erasure on request (Luật Bảo vệ dữ liệu cá nhân
// 91/2025/QH15) and the retention run. Everything the server sends is shown
// with textContent.

import { t, onLangChange } from './i18n.js';
import { flash, showFailure } from './page.js';
import {
  getJson, postJson, patchJson, deleteJson, requireStaff, ROLES, roleLabel, userName, actorOf, staffIdOf,
} from './api.js';
import { formatDateTime, cleanText, shortRef } from './format.js';
import {
  el, initPage, clearFieldErrors, clearErrorsOnEdit, showFieldErrors, reportSubmitError, showAlert, hideAlert,
} from './ui.js';
import { check, validPhone, validEmail } from './validate.js';

const TABS = ['accounts', 'tokens', 'audit', 'privacy'];
const MIN_PASSWORD = 10; // the server's rule; it says so itself with field "password"
const CONFIRM_MS = 5000;
const AUDIT_FILTERS = ['actor', 'action', 'entity', 'from', 'to'];

const $ = (id) => document.getElementById(id);
const ui = {
  tabs: [...document.querySelectorAll('[role="tab"][data-tab]')],
  panels: Object.fromEntries(TABS.map((name) => [name, $(`panel-${name}`)])),
  agencyList: $('agency-suggestions'),

  accRefresh: $('acc-refresh'),
  accStatus: $('acc-status'),
  accFlash: $('acc-flash'),
  accRows: $('acc-rows'),
  accCreate: $('acc-create'),
  accCreateAlert: $('acc-create-alert'),
  accCreateSubmit: $('ac-submit'),

  edit: $('acc-edit'),
  editHeading: $('ae-heading'),
  editClose: $('ae-close'),
  editForm: $('ae-form'),
  editAlert: $('ae-alert'),
  editName: $('ae-displayName'),
  editAgency: $('ae-agency'),
  editActive: $('ae-active'),
  editSelf: $('ae-self'),
  editSubmit: $('ae-submit'),
  pwForm: $('ap-form'),
  pwAlert: $('ap-alert'),
  pwInput: $('ap-password'),
  pwUser: $('ap-username'),
  pwSubmit: $('ap-submit'),
  pwStatus: $('ap-status'),

  tokRefresh: $('tok-refresh'),
  tokStatus: $('tok-status'),
  tokFlash: $('tok-flash'),
  tokAlert: $('tok-alert'),
  tokRows: $('tok-rows'),
  tokCreate: $('tok-create'),
  tokCreateAlert: $('tok-create-alert'),
  tokCreateSubmit: $('tc-submit'),
  tokRole: $('tc-role'),
  tokNew: $('tok-new'),
  tokNewHeading: $('tok-new-heading'),
  tokNewValue: $('tok-new-value'),
  tokCopy: $('tok-copy'),
  tokDismiss: $('tok-dismiss'),
  tokCopyStatus: $('tok-copy-status'),

  audForm: $('aud-form'),
  audAlert: $('aud-alert'),
  audReset: $('aud-reset'),
  audCsv: $('aud-csv'),
  audStatus: $('aud-status'),
  audRows: $('aud-rows'),
  actorList: $('actor-suggestions'),

  grantStatus: $('grant-status'),
  grantFlash: $('grant-flash'),
  grantListAlert: $('grant-list-alert'),
  grantRows: $('grant-rows'),
  grantForm: $('grant-form'),
  grantAlert: $('grant-alert'),
  grantSubmit: $('gf-submit'),

  eraseForm: $('erase-form'),
  eraseAlert: $('erase-alert'),
  eraseStartRow: $('erase-start-row'),
  eraseConfirm: $('erase-confirm'),
  eraseConfirmHeading: $('erase-confirm-heading'),
  eraseSummary: $('erase-summary'),
  eraseConfirmBtn: $('ef-confirm'),
  eraseCancel: $('ef-cancel'),
  eraseStatus: $('erase-status'),

  retText: $('ret-text'),
  retAlert: $('ret-alert'),
  retRun: $('ret-run'),
  retStatus: $('ret-status'),
};

const state = {
  me: null,
  tab: 'accounts',
  editingId: null,
  newToken: null, // {name}: the token itself lives only in the read-only input
  eraseDraft: null, // {phone, email} waiting for "Xóa vĩnh viễn"
};

// ---- small helpers ---------------------------------------------------------------

/** Lists come as an array or as {items: [...]}. */
const listOf = (res) => {
  if (Array.isArray(res)) return res;
  return Array.isArray(res?.items) ? res.items : [];
};

const sameId = (a, b) => a != null && b != null && String(a) === String(b);

function setBusy(button, busy) {
  button.disabled = busy;
  button.closest('form')?.setAttribute('aria-busy', String(busy));
}

/** What a failed load says: the server's own words when it has some. */
function loadError(err) {
  if (err.network) return t('err.network');
  if (err.status >= 500) return t('err.server');
  return err.serverMessage || t('admin.loadFailed');
}

/**
 * A list the page shows: data (array or value), error, loading. load() runs
 * one request at a time; an older answer that arrives late is dropped.
 */
function resource(url, { pick = listOf, onChange }) {
  const r = { data: null, error: null, loading: false, seq: 0 };
  r.load = async () => {
    const seq = ++r.seq;
    r.loading = true;
    onChange();
    try {
      const res = await getJson(typeof url === 'function' ? url() : url);
      if (seq !== r.seq) return;
      r.data = pick(res);
      r.error = null;
    } catch (err) {
      if (seq !== r.seq) return;
      r.error = err;
    } finally {
      if (seq === r.seq) {
        r.loading = false;
        onChange();
      }
    }
  };
  return r;
}

function listStatus(r, { emptyKey, countKey }) {
  if (r.error) return loadError(r.error);
  if (!r.data) return r.loading ? t('admin.loading') : '';
  if (!r.data.length) return t(emptyKey);
  return countKey ? t(countKey, { n: r.data.length }) : '';
}

/**
 * A destructive button that asks twice: the first press turns it into
 * "Bấm lần nữa để …" for a few seconds, the second acts.
 */
function confirmTwice(button, labelKey, confirmKey, action) {
  let armedUntil = 0;
  let timer = null;
  const disarm = () => {
    armedUntil = 0;
    button.classList.remove('is-armed');
    button.dataset.i18n = labelKey;
    button.textContent = t(labelKey);
  };
  button.addEventListener('click', async () => {
    if (Date.now() > armedUntil) {
      armedUntil = Date.now() + CONFIRM_MS;
      button.classList.add('is-armed');
      delete button.dataset.i18n;
      button.textContent = t(confirmKey);
      clearTimeout(timer);
      timer = setTimeout(disarm, CONFIRM_MS);
      return;
    }
    clearTimeout(timer);
    disarm();
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  button.addEventListener('blur', () => {
    if (armedUntil) {
      clearTimeout(timer);
      disarm();
    }
  });
}

function roleList(roles) {
  const list = Array.isArray(roles) ? roles : [];
  return el('ul', { class: 'plain-list' }, ...list.map((r) => el('li', { text: roleLabel(r) })));
}

// ---- tabs ---------------------------------------------------------------------------

function selectTab(name, { focus = false } = {}) {
  if (!TABS.includes(name)) name = 'accounts';
  state.tab = name;
  for (const tab of ui.tabs) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const [key, panel] of Object.entries(ui.panels)) panel.hidden = key !== name;
  history.replaceState(history.state, '', `#${name}`);
  loadTab(name);
}

const loadedTabs = new Set();

function loadTab(name) {
  if (loadedTabs.has(name)) return;
  loadedTabs.add(name);
  if (name === 'tokens') tokens.load();
  if (name === 'audit') {
    // The log names actors "staff:<id>" and "token:<id>": both lists put names on them.
    if (!tokens.data && !tokens.loading) tokens.load();
    audit.load();
  }
  if (name === 'privacy') {
    grants.load();
    retention.load();
  }
}

// ---- accounts -------------------------------------------------------------------------

const staff = resource('/api/staff', { onChange: renderStaff });

function staffById(id) {
  return (staff.data || []).find((s) => sameId(s.id, id)) || null;
}

function stateBadges(account) {
  return el('span', { class: 'badges' },
    account.active === false
      ? el('span', { class: 'badge badge-off', text: t('acc.state.inactive') })
      : el('span', { class: 'badge badge-open', text: t('acc.state.active') }));
}

function staffRow(account) {
  const id = String(account.id);
  const mine = sameId(account.id, staffIdOf(state.me));
  const edit = el('button', {
    type: 'button', class: 'btn btn-small', 'data-role': 'edit',
    'aria-label': t('acc.editLabel', { username: account.username || '' }),
    text: t('acc.edit'),
  });
  edit.addEventListener('click', () => openEdit(id));
  return el('tr', { dataset: { id }, class: account.active === false ? 'is-off' : null },
    el('td', { class: 'nowrap' },
      el('strong', { class: 'mono', text: account.username || '' }),
      mine ? el('span', { class: 'muted', text: ` ${t('acc.me')}` }) : null),
    el('td', { text: account.displayName || '' }),
    el('td', {}, roleList(account.roles)),
    el('td', { text: account.agency || '' }),
    el('td', {}, stateBadges(account)),
    el('td', { class: 'nowrap', text: formatDateTime(account.createdAt) }),
    el('td', {}, edit));
}

function renderStaff() {
  const list = [...(staff.data || [])].sort((a, b) =>
    String(a.username || '').localeCompare(String(b.username || ''), 'vi'));
  ui.accRows.replaceChildren(...list.map(staffRow));
  ui.accStatus.textContent = listStatus(staff, { emptyKey: 'acc.empty', countKey: 'acc.count' });
  ui.accRefresh.disabled = staff.loading;
  renderSuggestions();
  if (state.tab === 'audit') renderAudit();
}

/** Agencies already named somewhere, offered when typing one. */
function renderSuggestions() {
  const agencies = new Set();
  for (const s of staff.data || []) if (s.agency) agencies.add(String(s.agency));
  for (const g of grants.data || []) if (g.agency) agencies.add(String(g.agency));
  ui.agencyList.replaceChildren(...[...agencies].sort((a, b) => a.localeCompare(b, 'vi'))
    .map((v) => el('option', { value: v })));
  const actors = [
    ...(staff.data || []).map((s) => ({ value: actorOf(s), label: `${userName(s)} (${s.username || ''})` })),
    ...(tokens.data || []).map((k) => ({ value: `token:${k.id}`, label: `${t('aud.tokenActor')}: ${k.name || ''}` })),
  ].filter((a) => a.value);
  ui.actorList.replaceChildren(...actors.map((a) => el('option', { value: a.value, label: a.label })));
}

function fillRoleBoxes() {
  for (const box of document.querySelectorAll('[data-roles]')) {
    const prefix = box.dataset.roles;
    const legend = box.querySelector('legend');
    const checked = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
    const disabled = new Set([...box.querySelectorAll('input:disabled')].map((i) => i.value));
    box.replaceChildren(legend, ...ROLES.map((role) => el('div', { class: 'field-check role-box' },
      el('input', {
        type: 'checkbox', id: `${prefix}-role-${role}`, name: 'roles', value: role,
        checked: checked.has(role), disabled: disabled.has(role),
      }),
      el('label', { for: `${prefix}-role-${role}`, 'data-i18n': `role.${role}`, text: roleLabel(role) }))));
  }
}

function checkedRoles(form) {
  return [...form.querySelectorAll('input[name="roles"]:checked')].map((i) => i.value);
}

function setRoles(form, roles) {
  const want = new Set((roles || []).map((r) => String(r).toLowerCase()));
  for (const i of form.querySelectorAll('input[name="roles"]')) {
    i.checked = want.has(i.value);
    i.disabled = false;
  }
}

function accountErrors({ displayName, roles, agency }, { password } = {}) {
  const errors = check([['displayName', displayName, { required: 'acc.err.displayName' }]]);
  if (password !== undefined && password.length < MIN_PASSWORD) {
    errors.push({ field: 'password', message: t('acc.err.password', { min: MIN_PASSWORD }) });
  }
  if (!roles.length) errors.push({ field: 'roles', message: t('acc.err.roles') });
  if (roles.includes('agency') && !agency) errors.push({ field: 'agency', message: t('acc.err.agency') });
  return errors;
}

async function createAccount(e) {
  e.preventDefault();
  const form = ui.accCreate;
  clearFieldErrors(form, ui.accCreateAlert);
  const d = {
    username: cleanText(form.elements.username.value),
    displayName: cleanText(form.elements.displayName.value),
    password: form.elements.password.value,
    roles: checkedRoles(form),
    agency: cleanText(form.elements.agency.value),
  };
  const errors = [
    ...check([['username', d.username, { required: 'acc.err.username' }]]),
    ...accountErrors(d, { password: d.password }),
  ];
  if (errors.length) {
    showFieldErrors(form, errors, { alertEl: ui.accCreateAlert });
    return;
  }
  const body = { username: d.username, displayName: d.displayName, password: d.password, roles: d.roles };
  if (d.agency) body.agency = d.agency;
  setBusy(ui.accCreateSubmit, true);
  try {
    const created = await postJson('/api/staff', body);
    form.reset();
    flash(ui.accFlash, t('acc.created', { username: created?.username || d.username }));
    if (created?.id != null) {
      staff.data = [...(staff.data || []).filter((s) => !sameId(s.id, created.id)), created];
      renderStaff();
    }
    staff.load(); // the stored row (its creation time)
    form.elements.username.focus();
  } catch (err) {
    reportSubmitError(form, err, { alertEl: ui.accCreateAlert });
  } finally {
    setBusy(ui.accCreateSubmit, false);
  }
}

// the edit dialog

function renderEditHeading() {
  const account = staffById(state.editingId);
  ui.editHeading.textContent = account ? t('acc.editHeading', { username: account.username || '' }) : '';
}

function openEdit(id) {
  const account = staffById(id);
  if (!account) return;
  state.editingId = String(account.id);
  clearFieldErrors(ui.editForm, ui.editAlert);
  clearFieldErrors(ui.pwForm, ui.pwAlert);
  ui.pwStatus.textContent = '';
  ui.pwInput.value = '';
  ui.pwUser.value = account.username || ''; // for password managers
  ui.editName.value = account.displayName || '';
  ui.editAgency.value = account.agency || '';
  ui.editActive.checked = account.active !== false;
  setRoles(ui.editForm, account.roles);
  // Nobody locks themself out of the admin page from here.
  const self = sameId(account.id, staffIdOf(state.me));
  ui.editSelf.hidden = !self;
  ui.editActive.disabled = self;
  const adminBox = ui.editForm.querySelector('input[name="roles"][value="admin"]');
  if (self && adminBox) adminBox.disabled = adminBox.checked;
  renderEditHeading();
  if (!ui.edit.open) ui.edit.showModal();
  ui.editName.focus();
}

function closeEdit() {
  if (ui.edit.open) ui.edit.close();
}

function sameSet(a, b) {
  const x = new Set((a || []).map(String));
  const y = new Set((b || []).map(String));
  return x.size === y.size && [...x].every((v) => y.has(v));
}

function replaceAccount(id, updated, patch) {
  staff.data = (staff.data || []).map((s) => {
    if (!sameId(s.id, id)) return s;
    return updated && updated.id != null ? updated : { ...s, ...patch };
  });
  renderStaff();
}

async function saveEdit(e) {
  e.preventDefault();
  const account = staffById(state.editingId);
  if (!account) return;
  clearFieldErrors(ui.editForm, ui.editAlert);
  const d = {
    displayName: cleanText(ui.editName.value),
    roles: checkedRoles(ui.editForm),
    agency: cleanText(ui.editAgency.value),
    active: ui.editActive.checked,
  };
  const errors = accountErrors(d);
  if (errors.length) {
    showFieldErrors(ui.editForm, errors, { alertEl: ui.editAlert });
    return;
  }
  const patch = {};
  if (d.displayName !== (account.displayName || '')) patch.displayName = d.displayName;
  if (!sameSet(d.roles, account.roles)) patch.roles = d.roles;
  if (d.agency !== (account.agency || '')) patch.agency = d.agency || null;
  if (d.active !== (account.active !== false)) patch.active = d.active;
  if (!Object.keys(patch).length) {
    showAlert(ui.editAlert, t('acc.noChange'), 'info');
    return;
  }
  const id = state.editingId;
  setBusy(ui.editSubmit, true);
  try {
    const updated = await patchJson(`/api/staff/${encodeURIComponent(id)}`, patch);
    replaceAccount(id, updated, patch);
    closeEdit();
    flash(ui.accFlash, t('acc.saved', { username: account.username || '' }));
  } catch (err) {
    reportSubmitError(ui.editForm, err, { alertEl: ui.editAlert });
  } finally {
    setBusy(ui.editSubmit, false);
  }
}

async function resetPassword(e) {
  e.preventDefault();
  const account = staffById(state.editingId);
  if (!account) return;
  clearFieldErrors(ui.pwForm, ui.pwAlert);
  ui.pwStatus.textContent = '';
  const password = ui.pwInput.value;
  if (password.length < MIN_PASSWORD) {
    showFieldErrors(ui.pwForm, [{ field: 'password', message: t('acc.err.password', { min: MIN_PASSWORD }) }],
      { alertEl: ui.pwAlert });
    return;
  }
  const id = state.editingId;
  setBusy(ui.pwSubmit, true);
  try {
    await postJson(`/api/staff/${encodeURIComponent(id)}/password`, { password });
    ui.pwInput.value = '';
    ui.pwStatus.textContent = t('acc.resetDone', { username: account.username || '' });
    replaceAccount(id, null, { failedLogins: 0 });
  } catch (err) {
    reportSubmitError(ui.pwForm, err, { alertEl: ui.pwAlert });
  } finally {
    setBusy(ui.pwSubmit, false);
  }
}

// ---- machine tokens ------------------------------------------------------------------

const tokens = resource('/api/tokens', { onChange: renderTokens });

function tokenRow(token) {
  const revoked = Boolean(token.revoked);
  let action = null;
  if (!revoked) {
    action = el('button', {
      type: 'button', class: 'btn btn-danger btn-small', 'data-role': 'revoke',
      'aria-label': t('tok.revokeLabel', { name: token.name || '' }),
      'data-i18n': 'tok.revoke', text: t('tok.revoke'),
    });
    confirmTwice(action, 'tok.revoke', 'tok.revokeConfirm', () => revokeToken(token));
  }
  return el('tr', { dataset: { id: String(token.id) }, class: revoked ? 'is-off' : null },
    el('td', {}, el('strong', { text: token.name || '' })),
    el('td', { text: roleLabel(token.role) }),
    el('td', { text: actorName(token.createdBy) }),
    el('td', { class: 'nowrap', text: formatDateTime(token.createdAt) }),
    el('td', {}, revoked
      ? el('span', { class: 'badge badge-off', text: t('tok.state.revoked') })
      : el('span', { class: 'badge badge-open', text: t('tok.state.active') })),
    el('td', {}, action));
}

function renderTokens() {
  const byDate = (a, b) => String(b.createdAt || '').localeCompare(String(a.createdAt || ''));
  const list = [...(tokens.data || [])].sort((a, b) => Number(Boolean(a.revoked)) - Number(Boolean(b.revoked)) || byDate(a, b));
  ui.tokRows.replaceChildren(...list.map(tokenRow));
  ui.tokStatus.textContent = listStatus(tokens, { emptyKey: 'tok.empty', countKey: 'tok.count' });
  ui.tokRefresh.disabled = tokens.loading;
  renderSuggestions();
  if (state.tab === 'audit') renderAudit();
}

function fillRoleSelect() {
  const value = ui.tokRole.value;
  ui.tokRole.replaceChildren(
    el('option', { value: '', text: t('tok.chooseRole') }),
    ...ROLES.map((r) => el('option', { value: r, text: roleLabel(r) })));
  ui.tokRole.value = value;
}

async function revokeToken(token) {
  hideAlert(ui.tokAlert);
  try {
    await deleteJson(`/api/tokens/${encodeURIComponent(token.id)}`);
    tokens.data = (tokens.data || []).map((k) => (sameId(k.id, token.id) ? { ...k, revoked: true } : k));
    renderTokens();
    flash(ui.tokFlash, t('tok.revoked', { name: token.name || '' }));
  } catch (err) {
    reportSubmitError(ui.tokCreate, err, { alertEl: ui.tokAlert });
  }
}

function renderNewToken() {
  ui.tokNew.hidden = !state.newToken;
  if (state.newToken) ui.tokNewHeading.textContent = t('tok.newHeading', { name: state.newToken.name });
}

async function createToken(e) {
  e.preventDefault();
  const form = ui.tokCreate;
  clearFieldErrors(form, ui.tokCreateAlert);
  const name = cleanText(form.elements.namedItem('name').value);
  const role = ui.tokRole.value;
  const errors = check([
    ['name', name, { required: 'tok.err.name' }],
    ['role', role, { required: 'tok.err.role' }],
  ]);
  if (errors.length) {
    showFieldErrors(form, errors, { alertEl: ui.tokCreateAlert });
    return;
  }
  setBusy(ui.tokCreateSubmit, true);
  try {
    const res = await postJson('/api/tokens', { name, role });
    form.reset();
    state.newToken = { name: res?.name || name };
    ui.tokNewValue.value = res?.token || '';
    ui.tokCopyStatus.textContent = '';
    renderNewToken();
    ui.tokNewValue.focus();
    ui.tokNewValue.select();
    tokens.load();
  } catch (err) {
    reportSubmitError(form, err, { alertEl: ui.tokCreateAlert });
  } finally {
    setBusy(ui.tokCreateSubmit, false);
  }
}

async function copyToken() {
  const value = ui.tokNewValue.value;
  let ok = false;
  try {
    await navigator.clipboard.writeText(value);
    ok = true;
  } catch {
    // No clipboard API outside a secure context: the old way, on the selected text.
    ui.tokNewValue.focus();
    ui.tokNewValue.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
  }
  ui.tokCopyStatus.classList.toggle('is-error', !ok);
  flash(ui.tokCopyStatus, t(ok ? 'tok.copied' : 'tok.copyFailed'));
}

function dismissToken() {
  state.newToken = null;
  ui.tokNewValue.value = '';
  renderNewToken();
  ui.tokCreate.elements.namedItem('name').focus();
}

// ---- audit log -----------------------------------------------------------------------

/** "2026-11-22" → "2026-11-23" (calendar arithmetic, no time zone involved). */
function nextDay(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The filters as the server takes them; limit only for the list, not the
 * CSV. The server's "to" is the first instant left out (the start of that
 * day); "Đến ngày" on screen includes the day, so the next day is sent.
 */
function auditParams({ withLimit = true } = {}) {
  const q = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    const v = cleanText(ui.audForm.elements[name].value);
    if (v) q.set(name, name === 'to' ? nextDay(v) : v);
  }
  if (withLimit) q.set('limit', ui.audForm.elements.limit.value);
  return q;
}

let auditQuery = auditParams();

const audit = resource(() => `/api/audit?${auditQuery}`, { onChange: renderAudit });

function updateCsvLink() {
  const q = auditParams({ withLimit: false }).toString();
  ui.audCsv.href = q ? `/api/audit.csv?${q}` : '/api/audit.csv';
}

/** "Nguyễn Văn A (nva)" for staff:<id>, "Mã máy: PBX" for token:<id>, else as recorded. */
function actorName(actor) {
  const s = String(actor ?? '');
  const m = /^(staff|token):(.+)$/.exec(s);
  if (m && m[1] === 'staff') {
    const account = staffById(m[2]);
    if (account) return `${userName(account)} (${account.username || ''})`;
  }
  if (m && m[1] === 'token') {
    const token = (tokens.data || []).find((k) => sameId(k.id, m[2]));
    if (token) return `${t('aud.tokenActor')}: ${token.name || ''}`;
  }
  return s;
}

/** before/after may come as objects or as JSON text: shown indented either way. */
function pretty(value) {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v, null, 2);
}

function changesCell(entry) {
  const has = (v) => v != null && v !== '' && !(typeof v === 'object' && !Object.keys(v).length);
  if (!has(entry.before) && !has(entry.after)) return el('td', { class: 'muted', text: '—' });
  const block = (key, v) => el('div', { class: 'diff-side' },
    el('p', { class: 'diff-label', text: t(key) }),
    el('pre', { text: has(v) ? pretty(v) : '—' }));
  return el('td', {},
    el('details', { class: 'diff' },
      el('summary', { text: t('aud.details') }),
      el('div', { class: 'diff-body' }, block('aud.before', entry.before), block('aud.after', entry.after))));
}

/** "staff:8b944245" for "staff:8b944245-7510-…": the full id is in the button's title. */
function shortActor(actor) {
  const m = /^([a-z]+):(.{9,})$/.exec(actor);
  return m ? `${m[1]}:${shortRef(m[2])}` : actor;
}

/** A value in the log that narrows the filter to itself when pressed. */
function filterButton(field, value, text) {
  const b = el('button', {
    type: 'button', class: 'link-btn sub mono', title: t('aud.filterBy', { v: value }), text,
  });
  b.addEventListener('click', () => {
    ui.audForm.elements[field].value = value;
    applyAudit();
  });
  return b;
}

function auditRow(entry) {
  const actor = String(entry.actor ?? '');
  const name = actorName(actor);
  return el('tr', {},
    el('td', { class: 'nowrap' }, el('time', { datetime: entry.at || null, text: formatDateTime(entry.at) })),
    el('td', {},
      el('span', { text: name }),
      actor ? filterButton('actor', actor, shortActor(actor)) : null),
    el('td', {}, el('code', { text: entry.action || '' })),
    el('td', {},
      el('span', { text: entry.entityType || '' }),
      entry.entityId != null ? filterButton('entity', String(entry.entityId), shortRef(entry.entityId)) : null),
    el('td', { class: 'mono' }, entry.episodeId != null
      ? el('span', { title: String(entry.episodeId), text: shortRef(entry.episodeId) }) : null),
    el('td', { class: 'mono', text: entry.address || '' }),
    changesCell(entry));
}

function renderAudit() {
  const list = audit.data || [];
  ui.audRows.replaceChildren(...list.map(auditRow));
  const limit = Number(auditQuery.get('limit'));
  let status = listStatus(audit, { emptyKey: 'aud.empty', countKey: 'aud.count' });
  if (!audit.error && list.length && list.length >= limit) status = t('aud.capped', { n: list.length });
  ui.audStatus.textContent = status;
}

function applyAudit(e) {
  e?.preventDefault();
  clearFieldErrors(ui.audForm, ui.audAlert);
  const from = ui.audForm.elements.from.value;
  const to = ui.audForm.elements.to.value;
  if (from && to && from > to) {
    showFieldErrors(ui.audForm, [{ field: 'to', message: t('aud.err.range') }], { alertEl: ui.audAlert });
    return;
  }
  auditQuery = auditParams();
  updateCsvLink();
  audit.load();
}

// ---- personal data ---------------------------------------------------------------------

const grants = resource('/api/privacy/agency-grants', { onChange: renderGrants });
const retention = resource('/api/privacy/retention', { pick: (res) => res, onChange: renderRetention });

function grantRow(grant) {
  const revoke = el('button', {
    type: 'button', class: 'btn btn-danger btn-small', 'data-role': 'revoke',
    'aria-label': t('priv.revokeLabel', { agency: grant.agency || '' }),
    'data-i18n': 'priv.revoke', text: t('priv.revoke'),
  });
  confirmTwice(revoke, 'priv.revoke', 'priv.revokeConfirm', () => revokeGrant(grant.agency));
  return el('tr', {},
    el('td', {}, el('strong', { text: grant.agency || '' })),
    el('td', { text: actorName(grant.grantedBy) }),
    el('td', { class: 'nowrap', text: formatDateTime(grant.grantedAt) }),
    el('td', {}, revoke));
}

function renderGrants() {
  const list = [...(grants.data || [])].sort((a, b) => String(a.agency || '').localeCompare(String(b.agency || ''), 'vi'));
  ui.grantRows.replaceChildren(...list.map(grantRow));
  ui.grantStatus.textContent = listStatus(grants, { emptyKey: 'priv.grantsEmpty' });
  renderSuggestions();
}

async function addGrant(e) {
  e.preventDefault();
  const form = ui.grantForm;
  clearFieldErrors(form, ui.grantAlert);
  const agency = cleanText(form.elements.agency.value);
  const errors = check([['agency', agency, { required: 'priv.err.agency' }]]);
  if (errors.length) {
    showFieldErrors(form, errors, { alertEl: ui.grantAlert });
    return;
  }
  setBusy(ui.grantSubmit, true);
  try {
    await postJson('/api/privacy/agency-grants', { agency });
    form.reset();
    flash(ui.grantFlash, t('priv.granted', { agency }));
    grants.load();
  } catch (err) {
    reportSubmitError(form, err, { alertEl: ui.grantAlert });
  } finally {
    setBusy(ui.grantSubmit, false);
  }
}

async function revokeGrant(agency) {
  hideAlert(ui.grantListAlert);
  try {
    await deleteJson(`/api/privacy/agency-grants/${encodeURIComponent(agency)}`);
    grants.data = (grants.data || []).filter((g) => g.agency !== agency);
    renderGrants();
    flash(ui.grantFlash, t('priv.revoked', { agency }));
  } catch (err) {
    reportSubmitError(ui.grantForm, err, { alertEl: ui.grantListAlert });
  }
}

// erasure on request: the form, then a confirmation of exactly what goes

function readErase() {
  return {
    phone: cleanText(ui.eraseForm.elements.phone.value),
    email: cleanText(ui.eraseForm.elements.email.value),
  };
}

function renderEraseConfirm() {
  const d = state.eraseDraft;
  ui.eraseConfirm.hidden = !d;
  ui.eraseStartRow.hidden = Boolean(d);
  if (!d) return;
  ui.eraseSummary.replaceChildren(...[
    d.phone ? el('li', {}, `${t('priv.phone')}: `, el('strong', { text: d.phone })) : null,
    d.email ? el('li', {}, `${t('priv.email')}: `, el('strong', { text: d.email })) : null,
  ].filter(Boolean));
}

function cancelErase({ focus = false } = {}) {
  if (!state.eraseDraft) return;
  state.eraseDraft = null;
  renderEraseConfirm();
  if (focus) ui.eraseForm.elements.phone.focus();
}

function startErase(e) {
  e.preventDefault();
  clearFieldErrors(ui.eraseForm, ui.eraseAlert);
  ui.eraseStatus.textContent = '';
  const d = readErase();
  const errors = [];
  if (!d.phone && !d.email) errors.push({ field: 'phone', message: t('priv.err.contact') });
  if (d.phone && !validPhone(d.phone)) errors.push({ field: 'phone', message: t('err.phone.invalid') });
  if (d.email && !validEmail(d.email)) errors.push({ field: 'email', message: t('err.email.invalid') });
  if (errors.length) {
    showFieldErrors(ui.eraseForm, errors, { alertEl: ui.eraseAlert });
    return;
  }
  state.eraseDraft = d;
  renderEraseConfirm();
  ui.eraseConfirmHeading.focus();
}

async function confirmErase() {
  const d = state.eraseDraft;
  if (!d) return;
  const body = {};
  if (d.phone) body.phone = d.phone;
  if (d.email) body.email = d.email;
  setBusy(ui.eraseConfirmBtn, true);
  ui.eraseCancel.disabled = true;
  try {
    const res = await postJson('/api/privacy/erase', body);
    const n = Number(res?.erased) || 0;
    state.eraseDraft = null;
    ui.eraseForm.reset();
    renderEraseConfirm();
    ui.eraseStatus.textContent = n ? t('priv.erased', { n }) : t('priv.erasedNone');
    ui.eraseForm.elements.phone.focus();
  } catch (err) {
    state.eraseDraft = null;
    renderEraseConfirm();
    reportSubmitError(ui.eraseForm, err, { alertEl: ui.eraseAlert });
  } finally {
    setBusy(ui.eraseConfirmBtn, false);
    ui.eraseCancel.disabled = false;
  }
}

// retention

function renderRetention() {
  if (retention.error) ui.retText.textContent = loadError(retention.error);
  else if (retention.data && Number.isFinite(Number(retention.data.days))) {
    ui.retText.textContent = t('priv.retentionText', { n: Number(retention.data.days) });
  } else ui.retText.textContent = retention.loading ? t('admin.loading') : '';
}

async function runRetention() {
  hideAlert(ui.retAlert);
  ui.retStatus.textContent = '';
  try {
    const res = await postJson('/api/privacy/retention/run', {});
    const n = Number(res?.erased) || 0;
    ui.retStatus.textContent = n ? t('priv.retentionDone', { n }) : t('priv.retentionNone');
  } catch (err) {
    showFailure(ui.retAlert, err);
  }
}

// ---- wiring ------------------------------------------------------------------------------

initPage();
fillRoleBoxes();
fillRoleSelect();
updateCsvLink();

for (const tab of ui.tabs) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
ui.tabs[0].parentElement.addEventListener('keydown', (e) => {
  const i = ui.tabs.indexOf(document.activeElement);
  if (i < 0) return;
  let j = null;
  if (e.key === 'ArrowRight') j = (i + 1) % ui.tabs.length;
  else if (e.key === 'ArrowLeft') j = (i - 1 + ui.tabs.length) % ui.tabs.length;
  else if (e.key === 'Home') j = 0;
  else if (e.key === 'End') j = ui.tabs.length - 1;
  if (j == null) return;
  e.preventDefault();
  selectTab(ui.tabs[j].dataset.tab, { focus: true });
});

for (const form of [ui.accCreate, ui.editForm, ui.pwForm, ui.tokCreate, ui.audForm, ui.grantForm, ui.eraseForm]) {
  clearErrorsOnEdit(form);
}

ui.accRefresh.addEventListener('click', () => staff.load());
ui.accCreate.addEventListener('submit', createAccount);
ui.editForm.addEventListener('submit', saveEdit);
ui.pwForm.addEventListener('submit', resetPassword);
ui.editClose.addEventListener('click', closeEdit);
ui.edit.addEventListener('close', () => {
  state.editingId = null;
  ui.pwInput.value = '';
});

ui.tokRefresh.addEventListener('click', () => tokens.load());
ui.tokCreate.addEventListener('submit', createToken);
ui.tokCopy.addEventListener('click', copyToken);
ui.tokDismiss.addEventListener('click', dismissToken);

ui.audForm.addEventListener('submit', applyAudit);
ui.audForm.addEventListener('input', updateCsvLink);
ui.audForm.addEventListener('change', updateCsvLink);
ui.audReset.addEventListener('click', () => {
  ui.audForm.reset();
  applyAudit();
});

ui.grantForm.addEventListener('submit', addGrant);
ui.eraseForm.addEventListener('submit', startErase);
// What is confirmed must be what was typed: any edit goes back to the first step.
ui.eraseForm.addEventListener('input', (e) => {
  if (e.target.name === 'phone' || e.target.name === 'email') cancelErase();
});
ui.eraseConfirmBtn.addEventListener('click', confirmErase);
ui.eraseCancel.addEventListener('click', () => cancelErase({ focus: true }));
confirmTwice(ui.retRun, 'priv.retentionRun', 'priv.retentionConfirm', runRetention);

onLangChange(() => {
  fillRoleBoxes();
  fillRoleSelect();
  renderStaff();
  renderTokens();
  renderAudit();
  renderGrants();
  renderRetention();
  renderEditHeading();
  renderNewToken();
  renderEraseConfirm();
});

requireStaff({ roles: ['admin'] }).then(({ user }) => {
  state.me = user;
  staff.load();
  const wanted = location.hash.slice(1);
  selectTab(TABS.includes(wanted) ? wanted : 'accounts');
});
