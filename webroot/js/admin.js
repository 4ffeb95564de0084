// The council office's page (admin only): staff accounts, machine tokens, the
// audit log with its CSV export, personal data (which agencies may see
// askers' contacts, erasure on request (Luật Bảo vệ dữ liệu cá nhân
// 91/2025/QH15) and the retention run), the wording of the messages sent, and
// the phrases that recognise complaints and denunciations. Everything the
// server sends is shown with textContent.
// Each panel is a module in js/admin/ (common, accounts, tokens, audit, privacy, messages, intake-rules);
// this file holds the tabs and wires the panels to the page.

import { onLangChange } from './i18n.js';
import { requireStaff } from './api.js';
import { clearErrorsOnEdit, initPage } from './ui.js';
import { TABS, confirmTwice, state, ui } from './admin/common.js';
import {
  closeEdit, createAccount, fillRoleBoxes, renderEditHeading, renderStaff, resetPassword, saveEdit, staff,
} from './admin/accounts.js';
import {
  copyToken, createToken, dismissToken, fillRoleSelect, renderNewToken, renderTokens, tokens,
} from './admin/tokens.js';
import { applyAudit, audit, renderAudit, updateCsvLink } from './admin/audit.js';
import {
  addGrant, cancelErase, confirmErase, grants, renderEraseConfirm, renderGrants, renderRetention, retention,
  runRetention, startErase,
} from './admin/privacy.js';
import {
  closeEditor, messages, previewMessage, renderMessages, resetMessage, saveMessage,
} from './admin/messages.js';
import { intakeRules, renderCounts, wireRules } from './admin/intake-rules.js';
import './download.js'; // export buttons: progress, then the file, or the server's words

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
  if (name === 'messages') {
    // the list names who last edited a template: the token names help
    if (!tokens.data && !tokens.loading) tokens.load();
    messages.load();
  }
  if (name === 'rules') intakeRules.load();
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

for (const form of [ui.accCreate, ui.editForm, ui.pwForm, ui.tokCreate, ui.audForm, ui.grantForm, ui.eraseForm,
  ui.msgForm]) {
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
wireRules();

ui.msgRefresh.addEventListener('click', () => messages.load());
ui.msgForm.addEventListener('submit', saveMessage);
ui.msgPreviewBtn.addEventListener('click', previewMessage);
ui.msgClose.addEventListener('click', closeEditor);
confirmTwice(ui.msgReset, 'msg.reset', 'msg.resetConfirm', resetMessage);

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
  renderMessages();
  renderCounts();
});

requireStaff({ roles: ['admin'] }).then(({ user }) => {
  state.me = user;
  staff.load();
  const wanted = location.hash.slice(1);
  selectTab(TABS.includes(wanted) ? wanted : 'accounts');
});
