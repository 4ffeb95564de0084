// DOM helpers shared by every page: element builder (text only, never HTML),
// page header wiring, per-field errors, form alerts, URL parameters.

import { t, getLang, setLang, applyI18n, onLangChange } from './i18n.js';

/**
 * Builds an element. attrs: class, text (textContent), hidden, dataset (object),
 * and any other attribute set with setAttribute. Children: Nodes or strings
 * (strings become text nodes). User data is therefore never parsed as HTML.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'hidden') node.hidden = true;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Fills translated texts and wires the vi/en switch in the header. */
export function initPage() {
  applyI18n(document);
  const buttons = document.querySelectorAll('[data-lang]');
  const sync = () => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === getLang()));
  };
  for (const b of buttons) b.addEventListener('click', () => setLang(b.dataset.lang));
  onLangChange(sync);
  sync();
}

// ---- field errors -------------------------------------------------------

function controlFor(form, field) {
  if (!field) return null;
  const c = form.elements.namedItem(field);
  // RadioNodeList when several controls share a name; take the first.
  return c && !(c instanceof Element) && c.length ? c[0] : c;
}

function errorNodeFor(control) {
  const id = `${control.id || control.name}-error`;
  let node = document.getElementById(id);
  if (!node) {
    node = el('p', { class: 'field-error', id });
    const box = control.closest('.field') || control.parentElement;
    box.append(node);
  }
  return node;
}

function clearControlError(c) {
  c.removeAttribute('aria-invalid');
  const errId = `${c.id || c.name}-error`;
  const described = (c.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== errId);
  if (described.length) c.setAttribute('aria-describedby', described.join(' '));
  else c.removeAttribute('aria-describedby');
  document.getElementById(errId)?.remove();
}

/** Removes every field error and the form alert. */
export function clearFieldErrors(form, alertEl) {
  for (const c of form.querySelectorAll('[aria-invalid="true"]')) clearControlError(c);
  for (const n of form.querySelectorAll('.field-error')) n.remove();
  if (alertEl) hideAlert(alertEl);
}

/** A control the user edits loses its error mark at once. */
export function clearErrorsOnEdit(form) {
  const handler = (e) => {
    if (e.target?.getAttribute?.('aria-invalid') === 'true') clearControlError(e.target);
  };
  form.addEventListener('input', handler);
  form.addEventListener('change', handler);
}

/**
 * Shows message next to the control named field (aliases maps server field
 * names to form names). Returns the control, or null when the form has none.
 */
export function setFieldError(form, field, message, aliases = {}) {
  const control = controlFor(form, aliases[field] || field);
  if (!control) return null;
  const node = errorNodeFor(control);
  node.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  if (!described.includes(node.id)) control.setAttribute('aria-describedby', [...described, node.id].join(' '));
  return control;
}

/**
 * Shows a list of {field, message}; focuses the first invalid control.
 * Messages for unknown fields go to the alert. Returns true when any was shown.
 */
export function showFieldErrors(form, errors, { alertEl, aliases } = {}) {
  let first = null;
  const loose = [];
  for (const { field, message } of errors) {
    const c = setFieldError(form, field, message, aliases);
    if (c) first ??= c;
    else loose.push(message);
  }
  if (alertEl) {
    if (loose.length) showAlert(alertEl, loose.join(' '));
    else if (first && errors.length > 1) showAlert(alertEl, t('err.fixFields'));
  }
  if (first) first.focus();
  else if (alertEl && loose.length) alertEl.focus?.();
  return errors.length > 0;
}

export function showAlert(alertEl, message, kind = 'error') {
  alertEl.textContent = message;
  alertEl.dataset.kind = kind;
  alertEl.hidden = false;
}

export function hideAlert(alertEl) {
  alertEl.textContent = '';
  alertEl.hidden = true;
}

/**
 * Turns a failed submission (an ApiError from api.js) into what the user sees:
 * the server's message next to its field, or in the form alert.
 * messages: { network, server } i18n keys for this form. Returns the error kind.
 */
export function reportSubmitError(form, err, { alertEl, aliases, messages = {} } = {}) {
  const focusAlert = () => { alertEl.focus?.(); };
  if (err?.network) {
    showAlert(alertEl, t(messages.network || 'err.network'));
    focusAlert();
    return 'network';
  }
  const status = err?.status;
  if (status === 401) return 'auth'; // api.js is already on its way to the login page
  if (status === 429) {
    const n = err.retryAfter;
    showAlert(alertEl, n ? t('err.rate', { n }) : t('err.rateUnknown'));
    focusAlert();
    return 'rate';
  }
  if (status === 409) {
    showAlert(alertEl, err.serverMessage || t('err.closed'));
    focusAlert();
    return 'conflict';
  }
  if (status === 403) {
    showAlert(alertEl, err.serverMessage || t('err.forbidden'));
    focusAlert();
    return 'forbidden';
  }
  if (status >= 500 || !status) {
    showAlert(alertEl, t(messages.server || 'err.server'));
    focusAlert();
    return 'server';
  }
  const message = err.serverMessage || t('err.generic');
  if (err.field && setFieldError(form, err.field, message, aliases)) {
    controlFor(form, (aliases && aliases[err.field]) || err.field).focus();
    return 'field';
  }
  showAlert(alertEl, message);
  focusAlert();
  return 'other';
}

// ---- re-rendering -------------------------------------------------------

/**
 * Rebuilds part of the page without losing the keyboard: focus goes back to
 * the control with the same data-role in the row with the same data-id.
 */
export function keepFocus(container, rebuild) {
  const active = document.activeElement;
  const rowEl = active && container.contains(active) ? active.closest('[data-id]') : null;
  const memo = rowEl ? { id: rowEl.dataset.id, role: active.dataset.role } : null;
  rebuild();
  if (!memo) return;
  const r = container.querySelector(`[data-id="${CSS.escape(memo.id)}"]`);
  let target = memo.role ? r?.querySelector(`[data-role="${CSS.escape(memo.role)}"]`) : null;
  if (!target || target.disabled) target = r?.querySelector('[data-role="open"]') || r?.querySelector('button:not([disabled])');
  target?.focus({ preventScroll: true });
}

// ---- URL parameters -----------------------------------------------------

export function urlParam(name) {
  return new URLSearchParams(location.search).get(name);
}

/** Sets (or with null removes) a query parameter without reloading or adding history. */
export function setUrlParam(name, value) {
  const url = new URL(location.href);
  if (value == null || value === '') url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(history.state, '', url);
  // replaceState fires nothing: pieces that follow the URL (the episode strip) hear it here
  window.dispatchEvent(new CustomEvent('danhoi:urlparam', { detail: { name, value } }));
}
