// One-key work on the moderation console: the key under each action's button (shown on it and in the legend).
// Keys act only outside text boxes, so an editor typing with a Vietnamese input method (Telex letters) never
// triggers one; in the field and reason lists the digits 1–9 pick an option and Enter confirms.

import { t } from '../i18n.js';
import { flash } from '../page.js';
import { STATUS_CLEAR_MS, state, ui } from './state.js';
import { step } from './queue.js';
import { pickOption, whenIdle } from './item.js';

const TYPING = 'input:not([type="button"]):not([type="checkbox"]):not([type="radio"]), textarea, [contenteditable]';

/**
 * Presses the button as a click would, or says why it cannot be pressed now. A key pressed while the previous
 * action is still on its way waits for its answer (a click would find the button busy): no key is lost.
 */
async function press(button) {
  const id = state.selectedId;
  await whenIdle();
  if (id !== state.selectedId) return;
  if (!state.selectedId || ui.form.hidden) {
    flash(ui.status, t('mod.detailEmpty'), STATUS_CLEAR_MS);
    return;
  }
  if (button.disabled) {
    flash(ui.status, t('mod.keyUnavailable', { v: button.textContent.replace(/\s*\(.\)\s*$/, '').trim() }), STATUS_CLEAR_MS);
    return;
  }
  button.click();
}

function focusControl(control) {
  if (!state.selectedId || control.disabled) return;
  control.focus({ preventScroll: true });
  control.scrollIntoView({ block: 'nearest' });
}

// By the key's place (event.code), not its letter, as the Alt+Shift keys of the page.
const KEYS = {
  KeyJ: () => step(1),
  KeyK: () => step(-1),
  KeyC: () => press(ui.claimBtn),
  KeyF: () => focusControl(ui.field),
  KeyE: () => focusControl(ui.edit),
  KeyS: () => press(ui.shortlist),
  KeyN: () => press(ui.next),
  KeyO: () => press(ui.onAir),
  KeyD: () => press(ui.answered),
  KeyH: () => press(ui.defer),
  KeyG: () => press(ui.merge),
  KeyX: () => press(ui.reject),
};

const DIGIT = /^(?:Digit|Numpad)([1-9])$/;

export function onKey(e) {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target instanceof Element ? e.target : document.body;
  if (target.closest(TYPING)) return;
  const digit = DIGIT.exec(e.code);
  if (digit) {
    if ((target === ui.field || target === ui.reason) && pickOption(target, Number(digit[1]))) e.preventDefault();
    return;
  }
  // the episode and filter lists keep their own letters and arrows
  if (target.tagName === 'SELECT' && target !== ui.field && target !== ui.reason) return;
  if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.shiftKey
      && (target === document.body || ui.queue.contains(target))) {
    e.preventDefault();
    step(e.key === 'ArrowDown' ? 1 : -1);
    return;
  }
  const action = !e.shiftKey && KEYS[e.code];
  if (!action) return;
  e.preventDefault();
  action();
}
