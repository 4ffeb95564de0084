// Staff sign-in: username and password, then on to the page that sent the
// user here (?next=, only a path of this site) or the first page their role
// allows. The session is an HttpOnly cookie; this page only learns the user.

import { t, onLangChange } from './i18n.js';
import { postJson, fetchSession, startSession, landingFor, userName, logout } from './api.js';
import { formatTime } from './format.js';
import {
  initPage, clearFieldErrors, clearErrorsOnEdit, showFieldErrors, reportSubmitError, showAlert, hideAlert, urlParam,
} from './ui.js';
import { check } from './validate.js';

const REASONS = { expired: 'login.reason.expired', loggedOut: 'login.reason.loggedOut', switch: 'login.reason.switch' };

const $ = (id) => document.getElementById(id);
const ui = {
  reason: $('login-reason'),
  current: $('login-current'),
  currentText: $('login-current-text'),
  continueLink: $('login-continue'),
  logoutCurrent: $('login-logout'),
  form: $('login-form'),
  alert: $('login-alert'),
  username: $('username'),
  password: $('password'),
  showPassword: $('show-password'),
  submit: $('login-submit'),
  status: $('login-status'),
};

const next = urlParam('next');
const reason = urlParam('reason');

const state = {
  sending: false,
  current: null, // the user already logged in in this browser, if any
  lockedUntil: 0, // ms: 429 auth.locked, Retry-After
  lockMessage: '',
  lockTimer: null,
  alert: null, // {key} | {text} shown in the alert, re-rendered on a language switch
  statusKey: null,
};

// ---- messages -----------------------------------------------------------------

function waitText(seconds) {
  return seconds >= 60
    ? t('common.minutes', { n: Math.ceil(seconds / 60) })
    : t('common.seconds', { n: Math.max(1, Math.ceil(seconds)) });
}

function renderReason() {
  const key = REASONS[reason];
  // Already logged in: the box of the current account says more than "expired" or "logged out".
  ui.reason.hidden = !key || Boolean(state.current && reason !== 'switch');
  if (key) ui.reason.textContent = t(key);
}

function renderCurrent() {
  const user = state.current;
  ui.current.hidden = !user;
  if (!user) return;
  const target = landingFor(user, next);
  ui.currentText.textContent = target
    ? t('login.current', { name: userName(user) })
    : `${t('login.current', { name: userName(user) })} ${t('auth.noPages')}`;
  ui.continueLink.hidden = !target;
  if (target) ui.continueLink.href = target;
}

function renderLock() {
  const left = (state.lockedUntil - Date.now()) / 1000;
  if (left <= 0) {
    clearInterval(state.lockTimer);
    state.lockTimer = null;
    state.lockedUntil = 0;
    setSending(state.sending);
    return;
  }
  ui.submit.disabled = true;
  ui.submit.textContent = t('login.wait', { wait: waitText(left) });
}

function renderAlert() {
  const a = state.alert;
  if (!a) return;
  if (a.lock) {
    const until = state.lockedUntil;
    const retry = until
      ? t('login.retryAt', { time: formatTime(new Date(until)) })
      : t('login.retryLater');
    showAlert(ui.alert, `${a.text} ${retry}`);
  } else {
    showAlert(ui.alert, a.key ? t(a.key) : a.text);
  }
}

function setAlert(alert) {
  state.alert = alert;
  if (alert) renderAlert();
  else hideAlert(ui.alert);
}

function setSending(sending) {
  state.sending = sending;
  ui.form.setAttribute('aria-busy', String(sending));
  if (state.lockedUntil > Date.now()) {
    renderLock();
    return;
  }
  const key = sending ? 'login.submitting' : 'login.submit';
  ui.submit.dataset.i18n = key;
  ui.submit.textContent = t(key);
  ui.submit.disabled = sending;
}

function lockUntil(seconds, message) {
  state.lockedUntil = seconds ? Date.now() + seconds * 1000 : 0;
  clearInterval(state.lockTimer);
  state.lockTimer = seconds ? setInterval(renderLock, 1000) : null;
  delete ui.submit.dataset.i18n; // the countdown owns the label now
  setAlert({ lock: true, text: message });
  setSending(false);
}

// ---- sign-in ------------------------------------------------------------------

function goTo(user) {
  const target = landingFor(user, next);
  if (!target) {
    setAlert({ key: 'auth.noPages' });
    ui.alert.focus();
    return false;
  }
  state.statusKey = 'login.done';
  ui.status.textContent = t('login.done');
  location.replace(target);
  return true;
}

async function submit(e) {
  e.preventDefault();
  if (state.sending || state.lockedUntil > Date.now()) return;
  clearFieldErrors(ui.form, ui.alert);
  state.alert = null;
  const username = ui.username.value.trim();
  const password = ui.password.value; // as typed: spaces may be part of it
  const errors = check([
    ['username', username, { required: 'login.err.username' }],
    ['password', password, { required: 'login.err.password' }],
  ]);
  if (errors.length) {
    showFieldErrors(ui.form, errors, { alertEl: ui.alert });
    return;
  }
  setSending(true);
  let res;
  try {
    res = await postJson('/api/auth/login', { username, password }, { authRedirect: false });
  } catch (err) {
    setSending(false);
    if (err.status === 401) {
      setAlert({ text: err.serverMessage || t('login.invalid') });
      ui.password.value = '';
      ui.password.focus();
    } else if (err.status === 429) {
      lockUntil(err.retryAfter, err.serverMessage || t('login.locked'));
      ui.alert.focus();
    } else {
      reportSubmitError(ui.form, err, { alertEl: ui.alert });
    }
    return;
  }
  startSession(res);
  if (!goTo(res?.user)) setSending(false);
}

// ---- a session that is already there --------------------------------------------

async function checkCurrent() {
  let data = null;
  try {
    data = await fetchSession();
  } catch {
    return; // the form still works; the login itself will report the network
  }
  state.current = data?.user || null;
  // Arriving without a reason (a bookmark) while logged in: straight on.
  if (state.current && !reason && landingFor(state.current, next)) {
    goTo(state.current);
    return;
  }
  renderCurrent();
  renderReason();
}

// ---- wiring -------------------------------------------------------------------

initPage();
renderReason();
clearErrorsOnEdit(ui.form);
ui.form.addEventListener('submit', submit);
ui.showPassword.addEventListener('change', () => {
  ui.password.type = ui.showPassword.checked ? 'text' : 'password';
});
// A lock may be for that account only: another username may try at once.
ui.username.addEventListener('input', () => {
  if (!state.lockedUntil) return;
  state.lockedUntil = 0;
  renderLock();
});
ui.logoutCurrent.addEventListener('click', () => {
  ui.logoutCurrent.disabled = true;
  logout({ next });
});

onLangChange(() => {
  renderReason();
  renderCurrent();
  renderAlert();
  setSending(state.sending);
  if (state.statusKey) ui.status.textContent = t(state.statusKey);
});

ui.username.focus();
checkCurrent();
