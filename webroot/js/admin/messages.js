// The message templates panel: the wording of every e-mail and SMS danhoi sends,
// each with the variables it may use; the office edits, previews with sample
// values, saves (the next message uses it) or goes back to the default.

import { t } from '../i18n.js';
import { flash } from '../page.js';
import { deleteJson, postJson, putJson } from '../api.js';
import { formatDateTime } from '../format.js';
import { clearFieldErrors, el, hideAlert, reportSubmitError } from '../ui.js';
import { listStatus, resource, setBusy, ui } from './common.js';
import { actorName } from './audit.js';

const PATH = '/api/admin/messages';

export const messages = resource(PATH, { onChange: renderMessages });
let editingKey = null;

const audienceLabel = (a) => t(`msg.audience.${a}`);
const channelLabel = (c) => t(`msg.channel.${c}`);
const editing = () => (messages.data || []).find((m) => m.key === editingKey) || null;

function messageRow(m) {
  const open = el('button', {
    type: 'button', class: 'btn btn-small', 'data-role': 'edit-message',
    'aria-label': t('msg.editLabel', { title: m.title }), text: t('msg.edit'),
  });
  open.addEventListener('click', () => openEditor(m.key));
  return el('tr', { 'data-key': m.key },
    el('td', {}, el('strong', { text: m.title }), el('br'), el('code', { text: m.key })),
    el('td', { text: audienceLabel(m.audience) }),
    el('td', { text: channelLabel(m.channel) }),
    el('td', { text: m.edited ? t('msg.edited', { who: actorName(m.updatedBy), when: formatDateTime(m.updatedAt) })
      : t('msg.default') }),
    el('td', {}, open));
}

export function renderMessages() {
  ui.msgRows.replaceChildren(...(messages.data || []).map(messageRow));
  ui.msgStatus.textContent = listStatus(messages, { emptyKey: 'msg.empty' });
  renderEditorHeading();
}

function renderEditorHeading() {
  const m = editing();
  if (!m) return;
  ui.msgEditHeading.textContent = m.title;
  ui.msgEditMeta.textContent = `${audienceLabel(m.audience)} · ${channelLabel(m.channel)} · `
    + (m.edited ? t('msg.edited', { who: actorName(m.updatedBy), when: formatDateTime(m.updatedAt) })
      : t('msg.default'));
  ui.msgVariables.replaceChildren(...m.variables.map((v) => el('tr', {},
    el('td', { class: 'nowrap' }, el('code', { text: `{{${v.name}}}` }), v.required ? ' *' : ''),
    el('td', { text: v.description }))));
}

function openEditor(key) {
  editingKey = key;
  const m = editing();
  if (!m) return;
  clearFieldErrors(ui.msgForm, ui.msgAlert);
  ui.msgForm.elements.subject.value = m.current.subject;
  ui.msgForm.elements.body.value = m.current.body;
  ui.msgPreview.hidden = true;
  ui.msgEditor.hidden = false;
  renderEditorHeading();
  ui.msgEditHeading.focus();
}

export function closeEditor() {
  editingKey = null;
  ui.msgEditor.hidden = true;
}

const typed = () => ({ subject: ui.msgForm.elements.subject.value, body: ui.msgForm.elements.body.value });

/** The server checks the wording (braces, variables, required ones) and says which field is wrong. */
export async function saveMessage(e) {
  e.preventDefault();
  if (!editingKey) return;
  clearFieldErrors(ui.msgForm, ui.msgAlert);
  setBusy(ui.msgSave, true);
  try {
    const saved = await putJson(`${PATH}/${encodeURIComponent(editingKey)}`, typed());
    replace(saved);
    flash(ui.msgFlash, t('msg.saved'));
  } catch (err) {
    reportSubmitError(ui.msgForm, err, { alertEl: ui.msgAlert });
  } finally {
    setBusy(ui.msgSave, false);
  }
}

export async function previewMessage() {
  if (!editingKey) return;
  clearFieldErrors(ui.msgForm, ui.msgAlert);
  try {
    const shown = await postJson(`${PATH}/${encodeURIComponent(editingKey)}/preview`, typed());
    ui.msgPreviewSubject.textContent = shown.subject;
    ui.msgPreviewBody.textContent = shown.body;
    const sms = document.getElementById('msg-preview-sms');
    sms.hidden = !shown.sms;
    if (shown.sms) {
      sms.textContent = t('msg.smsParts', { n: shown.sms.segments, units: shown.sms.units, encoding: shown.sms.encoding,
        text: shown.sms.text });
    }
    ui.msgPreview.hidden = false;
  } catch (err) {
    ui.msgPreview.hidden = true;
    reportSubmitError(ui.msgForm, err, { alertEl: ui.msgAlert });
  }
}

export async function resetMessage() {
  if (!editingKey) return;
  hideAlert(ui.msgAlert);
  try {
    const reset = await deleteJson(`${PATH}/${encodeURIComponent(editingKey)}`);
    replace(reset);
    ui.msgForm.elements.subject.value = reset.current.subject;
    ui.msgForm.elements.body.value = reset.current.body;
    ui.msgPreview.hidden = true;
    flash(ui.msgFlash, t('msg.resetDone'));
  } catch (err) {
    reportSubmitError(ui.msgForm, err, { alertEl: ui.msgAlert });
  }
}

function replace(item) {
  messages.data = (messages.data || []).map((m) => (m.key === item.key ? item : m));
  renderMessages();
}
