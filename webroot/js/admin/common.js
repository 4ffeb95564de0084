// The admin page's shared pieces: its settings, the page's elements (ui), the state
// object, and the small helpers every panel uses (a list loaded from the server, busy
// buttons, error texts).

import { t } from '../i18n.js';
import { getJson, roleLabel } from '../api.js';
import { el } from '../ui.js';

export const TABS = ['accounts', 'tokens', 'audit', 'privacy', 'messages', 'rules'];
export const MIN_PASSWORD = 10; // the server's rule; it says so itself with field "password"
const CONFIRM_MS = 5000;
export const AUDIT_FILTERS = ['actor', 'action', 'entity', 'from', 'to'];

const $ = (id) => document.getElementById(id);
export const ui = {
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

  msgRefresh: $('msg-refresh'),
  msgStatus: $('msg-status'),
  msgRows: $('msg-rows'),
  msgEditor: $('msg-editor'),
  msgEditHeading: $('msg-edit-heading'),
  msgEditMeta: $('msg-edit-meta'),
  msgForm: $('msg-form'),
  msgAlert: $('msg-alert'),
  msgVariables: $('msg-variables'),
  msgSave: $('mf-save'),
  msgPreviewBtn: $('mf-preview'),
  msgReset: $('mf-reset'),
  msgClose: $('mf-close'),
  msgFlash: $('msg-flash'),
  msgPreview: $('msg-preview'),
  msgPreviewSubject: $('msg-preview-subject'),
  msgPreviewBody: $('msg-preview-body'),
};

export const state = {
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

export const sameId = (a, b) => a != null && b != null && String(a) === String(b);

export function setBusy(button, busy) {
  button.disabled = busy;
  button.closest('form')?.setAttribute('aria-busy', String(busy));
}

/** What a failed load says: the server's own words when it has some. */
export function loadError(err) {
  if (err.network) return t('err.network');
  if (err.status >= 500) return t('err.server');
  return err.serverMessage || t('admin.loadFailed');
}

/**
 * A list the page shows: data (array or value), error, loading. load() runs
 * one request at a time; an older answer that arrives late is dropped.
 */
export function resource(url, { pick = listOf, onChange }) {
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

export function listStatus(r, { emptyKey, countKey }) {
  if (r.error) return loadError(r.error);
  if (!r.data) return r.loading ? t('admin.loading') : '';
  if (!r.data.length) return t(emptyKey);
  return countKey ? t(countKey, { n: r.data.length }) : '';
}

/**
 * A destructive button that asks twice: the first press turns it into
 * "Bấm lần nữa để …" for a few seconds, the second acts.
 */
export function confirmTwice(button, labelKey, confirmKey, action) {
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

export function roleList(roles) {
  const list = Array.isArray(roles) ? roles : [];
  return el('ul', { class: 'plain-list' }, ...list.map((r) => el('li', { text: roleLabel(r) })));
}
