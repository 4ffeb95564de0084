// Every export button (XLSX, CSV, DOCX, PDF) goes through here: the file is fetched while the page says
// "Đang tạo tệp…", then saved under the server's name; a failure is the server's words beside the button,
// never a raw JSON page. Pages import this module; it handles any link to /api/… that is a file.

import { addStrings, t } from './i18n.js';

addStrings({
  vi: {
    'dl.working': 'Đang tạo tệp…',
    'dl.done': 'Đã tải tệp {name}.',
    'dl.failed': 'Không tạo được tệp. Vui lòng thử lại.',
    'dl.network': 'Không kết nối được máy chủ; tệp chưa được tạo. Vui lòng kiểm tra mạng rồi thử lại.',
  },
  en: {
    'dl.working': 'Making the file…',
    'dl.done': 'Downloaded {name}.',
    'dl.failed': 'The file could not be made. Please try again.',
    'dl.network': 'Cannot reach the server; the file was not made. Please check your connection and try again.',
  },
});

const FILE = /^\/api\/[^?#]*\.(xlsx|csv|docx|pdf)(\?|#|$)/;

/** An export (/api/….xlsx …) or a kept file the page marks with the download attribute. */
const isFile = (link) => {
  const href = link.getAttribute('href') || '';
  return FILE.test(href) || (href.startsWith('/api/') && link.hasAttribute('download'));
};

/** The name in Content-Disposition: the UTF-8 form (RFC 6266 filename*) first, else the plain one. */
export function fileName(disposition, fallback) {
  const s = String(disposition || '');
  const utf8 = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(s);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch { /* a malformed name: the plain one */ }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(s);
  return plain ? plain[1].trim() : fallback;
}

const statuses = new WeakMap();

/** The status line beside the link, made once and reused (found by the link's id in tests). */
function statusFor(link) {
  let status = statuses.get(link);
  if (!status || !status.isConnected) {
    status = document.createElement('span');
    status.className = 'download-status';
    status.dataset.downloadStatus = link.id || '';
    status.setAttribute('role', 'status');
    link.after(status);
    statuses.set(link, status);
  }
  return status;
}

async function serverMessage(res) {
  try {
    const body = await res.json();
    return body?.error?.message || null;
  } catch {
    return null;
  }
}

/** Fetches the file behind the link and saves it; returns true when saved. */
export async function download(link) {
  const status = statusFor(link);
  const href = link.getAttribute('href');
  if (link.getAttribute('aria-busy') === 'true') return false;
  link.setAttribute('aria-busy', 'true');
  status.dataset.kind = 'working';
  status.textContent = t('dl.working');
  try {
    let res;
    try {
      res = await fetch(href, { credentials: 'same-origin' });
    } catch {
      status.dataset.kind = 'error';
      status.textContent = t('dl.network');
      return false;
    }
    if (!res.ok) {
      status.dataset.kind = 'error';
      status.textContent = (await serverMessage(res)) || t('dl.failed');
      return false;
    }
    const blob = await res.blob();
    const name = fileName(res.headers.get('Content-Disposition'), href.split('?')[0].split('/').pop());
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.dataset.kind = 'done';
    status.textContent = t('dl.done', { name });
    return true;
  } finally {
    link.removeAttribute('aria-busy');
  }
}

document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!link || !isFile(link)) return;
  e.preventDefault();
  download(link);
});
