// The machine tokens panel: the list, creating a token (shown once, copied),
// revoking.

import { t } from '../i18n.js';
import { flash } from '../page.js';
import { ROLES, deleteJson, postJson, roleLabel } from '../api.js';
import { cleanText, formatDateTime } from '../format.js';
import { clearFieldErrors, el, hideAlert, reportSubmitError, showFieldErrors } from '../ui.js';
import { check } from '../validate.js';
import { confirmTwice, listStatus, resource, sameId, setBusy, state, ui } from './common.js';
import { renderSuggestions } from './accounts.js';
import { actorName, renderAudit } from './audit.js';

// ---- machine tokens ------------------------------------------------------------------

export const tokens = resource('/api/tokens', { onChange: renderTokens });

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

export function renderTokens() {
  const byDate = (a, b) => String(b.createdAt || '').localeCompare(String(a.createdAt || ''));
  const list = [...(tokens.data || [])].sort((a, b) => Number(Boolean(a.revoked)) - Number(Boolean(b.revoked)) || byDate(a, b));
  ui.tokRows.replaceChildren(...list.map(tokenRow));
  ui.tokStatus.textContent = listStatus(tokens, { emptyKey: 'tok.empty', countKey: 'tok.count' });
  ui.tokRefresh.disabled = tokens.loading;
  renderSuggestions();
  if (state.tab === 'audit') renderAudit();
}

export function fillRoleSelect() {
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

export function renderNewToken() {
  ui.tokNew.hidden = !state.newToken;
  if (state.newToken) ui.tokNewHeading.textContent = t('tok.newHeading', { name: state.newToken.name });
}

export async function createToken(e) {
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

export async function copyToken() {
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

export function dismissToken() {
  state.newToken = null;
  ui.tokNewValue.value = '';
  renderNewToken();
  ui.tokCreate.elements.namedItem('name').focus();
}
