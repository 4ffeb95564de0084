// The personal data panel: which agencies may see askers' contacts, erasure on
// request (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15) and the retention run.

import { t } from '../i18n.js';
import { flash, showFailure } from '../page.js';
import { deleteJson, postJson } from '../api.js';
import { cleanText, formatDateTime } from '../format.js';
import { clearFieldErrors, el, hideAlert, reportSubmitError, showFieldErrors } from '../ui.js';
import { check, validEmail, validPhone } from '../validate.js';
import { confirmTwice, listStatus, loadError, resource, setBusy, state, ui } from './common.js';
import { renderSuggestions } from './accounts.js';
import { actorName } from './audit.js';

// ---- personal data ---------------------------------------------------------------------

export const grants = resource('/api/privacy/agency-grants', { onChange: renderGrants });
export const retention = resource('/api/privacy/retention', { pick: (res) => res, onChange: renderRetention });

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

export function renderGrants() {
  const list = [...(grants.data || [])].sort((a, b) => String(a.agency || '').localeCompare(String(b.agency || ''), 'vi'));
  ui.grantRows.replaceChildren(...list.map(grantRow));
  ui.grantStatus.textContent = listStatus(grants, { emptyKey: 'priv.grantsEmpty' });
  renderSuggestions();
}

export async function addGrant(e) {
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

export function renderEraseConfirm() {
  const d = state.eraseDraft;
  ui.eraseConfirm.hidden = !d;
  ui.eraseStartRow.hidden = Boolean(d);
  if (!d) return;
  ui.eraseSummary.replaceChildren(...[
    d.phone ? el('li', {}, `${t('priv.phone')}: `, el('strong', { text: d.phone })) : null,
    d.email ? el('li', {}, `${t('priv.email')}: `, el('strong', { text: d.email })) : null,
  ].filter(Boolean));
}

export function cancelErase({ focus = false } = {}) {
  if (!state.eraseDraft) return;
  state.eraseDraft = null;
  renderEraseConfirm();
  if (focus) ui.eraseForm.elements.phone.focus();
}

export function startErase(e) {
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

export async function confirmErase() {
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

export function renderRetention() {
  if (retention.error) ui.retText.textContent = loadError(retention.error);
  else if (retention.data && Number.isFinite(Number(retention.data.days))) {
    ui.retText.textContent = t('priv.retentionText', { n: Number(retention.data.days) });
  } else ui.retText.textContent = retention.loading ? t('admin.loading') : '';
}

export async function runRetention() {
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
