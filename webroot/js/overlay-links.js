// The episode page's "Đồ hoạ phát sóng (overlay)" panel: editors make a link for each graphics system (OBS,
// vMix, CasparCG), see its addresses once (only the token's hash is kept), list the links and revoke one,
// which takes its graphic off the air at once.

import { addStrings, t } from './i18n.js';
import { getJson, postJson, deleteJson } from './api.js';
import { formatDateTime } from './format.js';
import { el } from './ui.js';
import { showFailure } from './page.js';

addStrings({
  vi: {
    'ovl.heading': 'Đồ hoạ phát sóng (overlay)',
    'ovl.intro': 'Câu hỏi đang lên sóng thành dòng chữ dưới màn hình (lower third) trên nền trong suốt, chỉ có tên gọi và địa phương của người hỏi. Mỗi hệ thống đồ hoạ một liên kết; thu hồi là tắt ngay.',
    'ovl.label': 'Tên liên kết', 'ovl.labelPlaceholder': 'Ví dụ: vMix phòng máy chính',
    'ovl.create': 'Tạo liên kết đồ hoạ',
    'ovl.once': 'Các địa chỉ này chỉ hiện một lần: hãy sao chép vào hệ thống đồ hoạ ngay.',
    'ovl.browserSource': 'OBS / vMix (Browser source, 1920×1080)', 'ovl.casparcg': 'CasparCG (mẫu HTML)',
    'ovl.json': 'Nguồn dữ liệu JSON (vMix Data Sources)', 'ovl.xml': 'Nguồn dữ liệu XML (vMix Data Sources)',
    'ovl.none': 'Chưa có liên kết nào.', 'ovl.active': 'Đang dùng', 'ovl.revoked': 'Đã thu hồi',
    'ovl.by': 'Tạo bởi {who} lúc {at}', 'ovl.revoke': 'Thu hồi',
    'ovl.confirmRevoke': 'Thu hồi liên kết “{label}”? Đồ hoạ đang dùng liên kết này sẽ tắt ngay.',
  },
  en: {
    'ovl.heading': 'Broadcast graphic (overlay)',
    'ovl.intro': 'The question on air as a lower third on a transparent background, with the asker\'s given name and locality only. One link per graphics system; revoking one turns it off at once.',
    'ovl.label': 'Link name', 'ovl.labelPlaceholder': 'e.g. vMix main control room',
    'ovl.create': 'Create a graphic link',
    'ovl.once': 'These addresses are shown only once: copy them into the graphics system now.',
    'ovl.browserSource': 'OBS / vMix (browser source, 1920×1080)', 'ovl.casparcg': 'CasparCG (HTML template)',
    'ovl.json': 'JSON data source (vMix Data Sources)', 'ovl.xml': 'XML data source (vMix Data Sources)',
    'ovl.none': 'No links yet.', 'ovl.active': 'In use', 'ovl.revoked': 'Revoked',
    'ovl.by': 'Made by {who} at {at}', 'ovl.revoke': 'Revoke',
    'ovl.confirmRevoke': 'Revoke the link “{label}”? A graphic using it goes off at once.',
  },
});

const URL_KINDS = ['browserSource', 'casparcg', 'json', 'xml'];

/** Fills the panel's parts (by id) for the episode. */
export function mountOverlayLinks(episodeId) {
  const $ = (id) => document.getElementById(id);
  const base = `/api/episodes/${encodeURIComponent(episodeId)}/overlays`;
  const alert = $('ovl-alert');

  async function refresh() {
    try {
      const { items } = await getJson(base);
      $('ovl-list').replaceChildren(...items.map(row));
      $('ovl-empty').hidden = items.length > 0;
    } catch (err) {
      showFailure(alert, err, { focus: false });
    }
  }

  function row(link) {
    const revoke = link.active ? el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('ovl.revoke') })
      : null;
    revoke?.addEventListener('click', async () => {
      if (!confirm(t('ovl.confirmRevoke', { label: link.label }))) return;
      try {
        await deleteJson(`${base}/${encodeURIComponent(link.id)}`);
        await refresh();
      } catch (err) {
        showFailure(alert, err);
      }
    });
    return el('li', { dataset: { linkId: link.id } },
      el('strong', { text: link.label }), ' ',
      el('span', { class: `badge ${link.active ? 'badge-open' : 'badge-muted'}`, text: t(link.active ? 'ovl.active' : 'ovl.revoked') }), ' ',
      el('span', { class: 'muted', text: t('ovl.by', { who: link.createdBy, at: formatDateTime(link.createdAt) }) }), ' ',
      revoke);
  }

  function showUrls(urls) {
    $('ovl-urls').replaceChildren(el('p', { class: 'muted', text: t('ovl.once') }),
      el('dl', {}, ...URL_KINDS.flatMap((kind) => [
        el('dt', { text: t(`ovl.${kind}`) }),
        el('dd', {}, el('input', { type: 'text', readonly: true, class: 'ovl-url', id: `ovl-url-${kind}`,
          value: `${location.origin}${urls[kind]}`, 'aria-label': t(`ovl.${kind}`) })),
      ])));
    $('ovl-urls').hidden = false;
  }

  $('ovl-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const created = await postJson(base, { label: $('ovl-label').value });
      $('ovl-label').value = '';
      showUrls(created.urls);
      await refresh();
    } catch (err) {
      showFailure(alert, err);
    }
  });
  refresh();
}
