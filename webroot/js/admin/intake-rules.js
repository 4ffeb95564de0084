// The complaint recognition panel: the phrases that make a citizen's message a
// suggested complaint (khiếu nại) or denunciation (tố cáo), and the exceptions
// that keep it a question. One phrase a line; the server cleans, checks and logs.

import { t } from '../i18n.js';
import { flash } from '../page.js';
import { putJson } from '../api.js';
import { clearFieldErrors, reportSubmitError, showAlert } from '../ui.js';
import { loadError, resource, setBusy } from './common.js';

const LISTS = ['complaint', 'denunciation', 'question'];
const $ = (id) => document.getElementById(id);
const form = $('rules-form');
const alertEl = $('rules-alert');
const status = $('rules-status');
const submit = $('rules-submit');

export const intakeRules = resource('/api/admin/intake-rules', { pick: (res) => res, onChange: renderRules });

const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

function fill(rules) {
  for (const name of LISTS) form.elements[name].value = (rules?.[name] || []).join('\n');
  renderCounts();
}

export function renderCounts() {
  for (const name of LISTS) {
    $(`rules-${name}-count`).textContent = t('rules.count', { n: lines(form.elements[name].value).length });
  }
}

let filled = false;

export function renderRules() {
  if (intakeRules.error) showAlert(alertEl, loadError(intakeRules.error));
  // what the admin is typing is not overwritten by a later reload
  if (intakeRules.data && !filled) {
    filled = true;
    fill(intakeRules.data);
  }
  renderCounts();
}

export async function saveRules(e) {
  e.preventDefault();
  clearFieldErrors(form, alertEl);
  const body = Object.fromEntries(LISTS.map((name) => [name, lines(form.elements[name].value)]));
  setBusy(submit, true);
  try {
    const saved = await putJson('/api/admin/intake-rules', body);
    intakeRules.data = saved;
    fill(saved);
    flash(status, t('rules.saved'));
  } catch (err) {
    reportSubmitError(form, err, { alertEl });
  } finally {
    setBusy(submit, false);
  }
}

export function restoreDefaults() {
  if (!intakeRules.data?.defaults) return;
  fill(intakeRules.data.defaults);
  flash(status, t('rules.restored'));
}

export function wireRules() {
  form.addEventListener('submit', saveRules);
  form.addEventListener('input', renderCounts);
  $('rules-restore').addEventListener('click', restoreDefaults);
}
