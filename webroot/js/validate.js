// Light client-side checks shared by the forms. The server is authoritative:
// these only spare a round trip, and are never stricter than it is assumed to be.

import { t } from './i18n.js';
import { textLength } from './format.js';

/** Digits with optional +, spaces, dots, dashes, brackets; 8 to 15 digits. */
export function validPhone(v) {
  if (!/^\+?[\d\s.\-()]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

export function validEmail(v) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

/**
 * Collects {field, message} errors. Each check is [field, value, rules] with
 * rules {required: i18nKey, max: [n, i18nKey], phone: i18nKey, email: i18nKey, checked: i18nKey}.
 */
export function check(checks) {
  const errors = [];
  for (const [field, value, rules] of checks) {
    const add = (key, params) => errors.push({ field, message: t(key, params) });
    if (rules.checked) {
      if (!value) add(rules.checked);
      continue;
    }
    if (!value) {
      if (rules.required) add(rules.required);
      continue;
    }
    if (rules.max && textLength(value) > rules.max[0]) add(rules.max[1], { max: rules.max[0] });
    else if (rules.phone && !validPhone(value)) add(rules.phone);
    else if (rules.email && !validEmail(value)) add(rules.email);
  }
  return errors;
}
