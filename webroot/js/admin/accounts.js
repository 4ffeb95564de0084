// The staff accounts panel: the list, creating an account, editing one (roles,
// agency, state) and resetting its password.

import { t } from '../i18n.js';
import { flash } from '../page.js';
import { ROLES, actorOf, patchJson, postJson, roleLabel, staffIdOf, userName } from '../api.js';
import { cleanText, formatDateTime } from '../format.js';
import { clearFieldErrors, el, reportSubmitError, showAlert, showFieldErrors } from '../ui.js';
import { check } from '../validate.js';
import { MIN_PASSWORD, listStatus, resource, roleList, sameId, setBusy, state, ui } from './common.js';
import { tokens } from './tokens.js';
import { renderAudit } from './audit.js';
import { grants } from './privacy.js';

// ---- accounts -------------------------------------------------------------------------

export const staff = resource('/api/staff', { onChange: renderStaff });

export function staffById(id) {
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

export function renderStaff() {
  const list = [...(staff.data || [])].sort((a, b) =>
    String(a.username || '').localeCompare(String(b.username || ''), 'vi'));
  ui.accRows.replaceChildren(...list.map(staffRow));
  ui.accStatus.textContent = listStatus(staff, { emptyKey: 'acc.empty', countKey: 'acc.count' });
  ui.accRefresh.disabled = staff.loading;
  renderSuggestions();
  if (state.tab === 'audit') renderAudit();
}

/** Agencies already named somewhere, offered when typing one. */
export function renderSuggestions() {
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

export function fillRoleBoxes() {
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

export async function createAccount(e) {
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

export function renderEditHeading() {
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

export function closeEdit() {
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

export async function saveEdit(e) {
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

export async function resetPassword(e) {
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
