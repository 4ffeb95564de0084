// Reports per month, quarter, year or episode (the council office reports
// quarterly): the totals, the server's SVG charts, the breakdowns, the agencies'
// timeliness and the questions; the XLSX and PDF are the same figures. The
// charts come as images (no script runs in them) and every text from the
// server is set with textContent.

import { t, getLang, addStrings, onLangChange } from './i18n.js';
import { getJson, requireStaff } from './api.js';
import { formatDate } from './format.js';
import { el, initPage, urlParam, setUrlParam } from './ui.js';
import { act } from './followup-common.js';
import './download.js'; // export buttons: progress, then the file, or the server's words

addStrings({
  vi: {
    'rp.docTitle': 'Báo cáo — Dân hỏi',
    'rp.notices': 'Thông báo gửi người hỏi', 'rp.noticesList': 'Danh sách tin nhắn, thư đã gửi',
    'rp.col.noticeChannel': 'Kênh', 'rp.col.nQueued': 'Đang chờ gửi', 'rp.col.nSent': 'Đã gửi',
    'rp.col.nDelivered': 'Đã đến máy người nhận', 'rp.col.nFailed': 'Không gửi được',
    'rp.col.nLimited': 'Vượt giới hạn trong ngày',
    'rp.noNotices': 'Chưa gửi thông báo nào.',
    'rp.title': 'Báo cáo',
    'rp.heading': 'Báo cáo tiếp nhận và trả lời câu hỏi',
    'rp.kind': 'Kỳ báo cáo',
    'rp.kind.quarter': 'Quý', 'rp.kind.month': 'Tháng', 'rp.kind.year': 'Năm', 'rp.kind.episode': 'Một chương trình',
    'rp.year': 'Năm', 'rp.quarter': 'Quý', 'rp.month': 'Tháng', 'rp.episode': 'Chương trình',
    'rp.program': 'Chương trình phát sóng', 'rp.allPrograms': 'Tất cả', 'rp.docx': 'Tải DOCX',
    'rp.t.medianWorking': 'Trung vị số ngày làm việc trả lời',
    'rp.monthN': 'Tháng {n}',
    'rp.show': 'Xem báo cáo',
    'rp.xlsx': 'Tải XLSX', 'rp.pdf': 'Tải PDF',
    'rp.loaded': 'Đã lập báo cáo lúc {at}.',
    'rp.episodes': '{n} chương trình: {list}',
    'rp.noEpisodes': 'Không có chương trình nào trong kỳ này.',
    'rp.charts': 'Biểu đồ',
    'rp.tables': 'Số liệu chi tiết',
    'rp.agencies': 'Cơ quan trả lời: đúng hạn, trễ hạn',
    'rp.questions': 'Câu hỏi',
    'rp.more': 'Trang này liệt kê {shown} trên {total} câu hỏi; tệp XLSX có đủ danh sách.',
    'rp.allAgencies': 'Tất cả cơ quan',
    'rp.none': '(chưa xác định)',
    'rp.late': 'trễ hạn',
    'rp.days': '{n} ngày',
    'rp.t.questions': 'Số câu hỏi', 'rp.t.askers': 'Số người hỏi', 'rp.t.onAir': 'Trả lời tại chương trình',
    'rp.t.after': 'Trả lời sau chương trình', 'rp.t.published': 'Đã công bố', 'rp.t.pending': 'Chưa trả lời',
    'rp.t.received': 'Lượt gửi đến', 'rp.t.merged': 'Gộp vào câu hỏi trùng', 'rp.t.rejected': 'Không tiếp nhận',
    'rp.t.referred': 'Đơn khiếu nại, tố cáo (chuyển Ban Tiếp công dân)', 'rp.t.complaint': 'Trong đó: khiếu nại',
    'rp.t.denunciation': 'Trong đó: tố cáo',
    'rp.t.median': 'Trung vị số ngày trả lời',
    'rp.by.channel': 'Theo kênh tiếp nhận', 'rp.by.field': 'Theo lĩnh vực', 'rp.by.locality': 'Theo xã, phường, đặc khu',
    'rp.by.province': 'Theo tỉnh, thành phố',
    'rp.by.agency': 'Theo cơ quan trả lời',
    'rp.chart.channel': 'Biểu đồ câu hỏi theo kênh tiếp nhận', 'rp.chart.field': 'Biểu đồ câu hỏi theo lĩnh vực',
    'rp.chart.locality': 'Biểu đồ câu hỏi theo xã, phường, đặc khu',
    'rp.chart.province': 'Biểu đồ câu hỏi theo tỉnh, thành phố', 'rp.chart.agency': 'Biểu đồ câu hỏi theo cơ quan trả lời',
    'rp.chart.timeliness': 'Biểu đồ cơ quan trả lời đúng hạn, trễ hạn',
    'rp.col.agency': 'Cơ quan', 'rp.col.assigned': 'Được giao', 'rp.col.onTime': 'Đúng hạn', 'rp.col.late': 'Trễ hạn',
    'rp.col.overdue': 'Quá hạn, chưa trả lời', 'rp.col.notDue': 'Chưa đến hạn', 'rp.col.sentBack': 'Chuyển lại',
    'rp.col.median': 'Trung vị số ngày', 'rp.col.seq': 'Số', 'rp.col.episode': 'Chương trình',
    'rp.col.channel': 'Kênh tiếp nhận',
    'rp.col.text': 'Câu hỏi', 'rp.col.locality': 'Địa bàn', 'rp.col.field': 'Lĩnh vực', 'rp.col.outcome': 'Kết quả',
    'rp.outcome.on_air': 'Trả lời tại chương trình', 'rp.outcome.after': 'Trả lời sau chương trình',
    'rp.outcome.pending': 'Chưa trả lời',
    'rp.overdue': 'Câu hỏi quá hạn, cơ quan chưa trả lời (mọi chương trình)',
    'rp.overdueEmpty': 'Không có câu hỏi nào quá hạn.',
    'rp.col.due': 'Hạn trả lời', 'rp.col.reminded': 'Đã nhắc', 'rp.col.escalated': 'Đã báo Thường trực',
    'rp.col.notice': 'Thông báo', 'rp.col.item': 'Nội dung kết luận', 'rp.col.status': 'Trạng thái',
    'rp.lateDays': '{n} ngày làm việc',
    'rp.conclusions': 'Theo dõi thực hiện thông báo kết luận',
    'rp.c.open': 'Đang thực hiện', 'rp.c.overdue': 'Quá hạn', 'rp.c.done': 'Đã hoàn thành', 'rp.c.dropped': 'Không thực hiện',
    'rp.status.open': 'Chưa thực hiện', 'rp.status.in_progress': 'Đang thực hiện',
  },
  en: {
    'rp.docTitle': 'Reports — Dân hỏi',
    'rp.notices': 'Notices to askers', 'rp.noticesList': 'List of messages sent',
    'rp.col.noticeChannel': 'Channel', 'rp.col.nQueued': 'Waiting', 'rp.col.nSent': 'Sent',
    'rp.col.nDelivered': 'Delivered to the phone', 'rp.col.nFailed': 'Failed', 'rp.col.nLimited': 'Over the daily limit',
    'rp.noNotices': 'No notice sent yet.',
    'rp.title': 'Reports',
    'rp.heading': 'Questions received and answered',
    'rp.kind': 'Period',
    'rp.kind.quarter': 'Quarter', 'rp.kind.month': 'Month', 'rp.kind.year': 'Year', 'rp.kind.episode': 'One episode',
    'rp.year': 'Year', 'rp.quarter': 'Quarter', 'rp.month': 'Month', 'rp.episode': 'Episode',
    'rp.program': 'Program', 'rp.allPrograms': 'All', 'rp.docx': 'Download DOCX',
    'rp.t.medianWorking': 'Median working days to answer',
    'rp.monthN': 'Month {n}',
    'rp.show': 'Show the report',
    'rp.xlsx': 'Download XLSX', 'rp.pdf': 'Download PDF',
    'rp.loaded': 'Report made at {at}.',
    'rp.episodes': '{n} episodes: {list}',
    'rp.noEpisodes': 'No episode in this period.',
    'rp.charts': 'Charts',
    'rp.tables': 'Breakdowns',
    'rp.agencies': 'Agencies: on time and late',
    'rp.questions': 'Questions',
    'rp.more': 'This page lists {shown} of {total} questions; the XLSX has them all.',
    'rp.allAgencies': 'All agencies',
    'rp.none': '(not set)',
    'rp.late': 'late',
    'rp.days': '{n} days',
    'rp.t.questions': 'Questions', 'rp.t.askers': 'People who asked', 'rp.t.onAir': 'Answered on air',
    'rp.t.after': 'Answered after the show', 'rp.t.published': 'Published', 'rp.t.pending': 'Pending',
    'rp.t.received': 'Submissions received', 'rp.t.merged': 'Merged into duplicates', 'rp.t.rejected': 'Rejected',
    'rp.t.referred': 'Complaints and denunciations (referred to citizen reception)',
    'rp.t.complaint': 'of which complaints', 'rp.t.denunciation': 'of which denunciations',
    'rp.t.median': 'Median days to answer',
    'rp.by.channel': 'By channel', 'rp.by.field': 'By field', 'rp.by.locality': 'By commune, ward or special zone',
    'rp.by.province': 'By province or city',
    'rp.by.agency': 'By answering agency',
    'rp.chart.channel': 'Chart of questions by channel', 'rp.chart.field': 'Chart of questions by field',
    'rp.chart.locality': 'Chart of questions by commune, ward or special zone',
    'rp.chart.province': 'Chart of questions by province or city', 'rp.chart.agency': 'Chart of questions by agency',
    'rp.chart.timeliness': 'Chart of agencies answering on time and late',
    'rp.col.agency': 'Agency', 'rp.col.assigned': 'Assigned', 'rp.col.onTime': 'On time', 'rp.col.late': 'Late',
    'rp.col.overdue': 'Overdue, unanswered', 'rp.col.notDue': 'Not yet due', 'rp.col.sentBack': 'Sent back',
    'rp.col.median': 'Median days', 'rp.col.seq': 'No.', 'rp.col.episode': 'Episode',
    'rp.col.channel': 'Channel',
    'rp.col.text': 'Question', 'rp.col.locality': 'Locality', 'rp.col.field': 'Field', 'rp.col.outcome': 'Outcome',
    'rp.outcome.on_air': 'Answered on air', 'rp.outcome.after': 'Answered after the show',
    'rp.outcome.pending': 'Pending',
    'rp.overdue': 'Overdue questions, agency yet to answer (every episode)',
    'rp.overdueEmpty': 'No question is overdue.',
    'rp.col.due': 'Deadline', 'rp.col.reminded': 'Reminded', 'rp.col.escalated': 'Told the standing committee',
    'rp.col.notice': 'Notice', 'rp.col.item': 'Conclusion item', 'rp.col.status': 'Status',
    'rp.lateDays': '{n} working days',
    'rp.conclusions': 'Follow-up of the conclusion notices',
    'rp.c.open': 'Open', 'rp.c.overdue': 'Overdue', 'rp.c.done': 'Done', 'rp.c.dropped': 'Dropped',
    'rp.status.open': 'Not started', 'rp.status.in_progress': 'In progress',
  },
});

const DIMENSIONS = ['channel', 'field', 'locality', 'province', 'agency'];
const CHARTS = [...DIMENSIONS, 'timeliness'];
const TOTALS = ['questions', 'askers', 'onAir', 'after', 'published', 'pending', 'received', 'merged', 'rejected'];
const COLUMNS = ['questions', 'askers', 'onAir', 'after', 'published', 'pending'];

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('rp-form'),
  kind: $('rp-kind'),
  year: $('rp-year'),
  quarter: $('rp-quarter'),
  month: $('rp-month'),
  episode: $('rp-episode'),
  program: $('rp-program'),
  alert: $('rp-alert'),
  flash: $('rp-flash'),
  report: $('rp-report'),
  scope: $('rp-scope'),
  xlsx: $('rp-xlsx'),
  pdf: $('rp-pdf'),
  docx: $('rp-docx'),
  episodes: $('rp-episodes'),
  totals: $('rp-totals'),
  charts: $('rp-charts'),
  tables: $('rp-tables'),
  agencies: $('rp-agencies'),
  questions: $('rp-questions'),
  notices: $('rp-notices'),
  questionsCount: $('rp-questions-count'),
  questionsMore: $('rp-questions-more'),
  overdue: $('rp-overdue'),
  overdueCount: $('rp-overdue-count'),
  overdueEmpty: $('rp-overdue-empty'),
  conclusions: $('rp-conclusions'),
  conclusionCounts: $('rp-conclusion-counts'),
};

let data = null;
let query = '';
let overdue = null;
let conclusions = null;

const number = (n) => (n == null ? '—' : Number(n).toLocaleString(getLang() === 'en' ? 'en-GB' : 'vi-VN'));

/**
 * The scope the form names, as the API's query: period=2026-Q4, 2026-11, 2026 (with &program=id, one
 * program's), or episode=id.
 */
function scopeQuery() {
  const kind = ui.kind.value;
  if (kind === 'episode') return ui.episode.value ? `episode=${encodeURIComponent(ui.episode.value)}` : '';
  const year = ui.year.value;
  const program = ui.program.value ? `&program=${encodeURIComponent(ui.program.value)}` : '';
  if (kind === 'quarter') return `period=${year}-Q${ui.quarter.value}${program}`;
  if (kind === 'month') return `period=${year}-${String(ui.month.value).padStart(2, '0')}${program}`;
  return `period=${year}${program}`;
}

function showFields() {
  const kind = ui.kind.value;
  const shown = { quarter: ['period', 'quarter'], month: ['period', 'month'], year: ['period'], episode: ['episode'] }[kind];
  for (const label of ui.form.querySelectorAll('label[data-for]')) {
    label.hidden = !shown.includes(label.dataset.for);
  }
}

/** The form as the URL (or today's quarter) says. */
function fillForm() {
  const now = new Date();
  fillMonths();
  ui.year.value = now.getFullYear();
  ui.quarter.value = String(Math.floor(now.getMonth() / 3) + 1);
  ui.month.value = String(now.getMonth() + 1);
  const episode = urlParam('episode');
  ui.program.value = urlParam('program') || '';
  const period = urlParam('period') || '';
  const m = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/.exec(period);
  if (episode) {
    ui.kind.value = 'episode';
    ui.episode.value = episode;
  } else if (m) {
    ui.year.value = m[1];
    ui.kind.value = m[2] ? 'month' : m[3] ? 'quarter' : 'year';
    if (m[2]) ui.month.value = String(Number(m[2]));
    if (m[3]) ui.quarter.value = m[3];
  }
  showFields();
}

function table(head, rows) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'data-table' },
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));
}

function breakdown(dim) {
  const rows = data.by[dim].map((b) => el('tr', {},
    el('td', { text: b.key == null ? t('rp.none') : b.label }),
    COLUMNS.map((c) => el('td', { class: 'num', text: number(b[c]) }))));
  return el('section', { class: 'rp-tables', dataset: { by: dim } },
    el('h3', { text: t(`rp.by.${dim}`) }),
    table([t(`rp.col.${dim}`), ...COLUMNS.map((c) => t(`rp.t.${c}`))], rows));
}

function agencyRow(a, name) {
  return el('tr', {},
    el('td', { text: name }),
    ['assigned', 'onTime', 'late', 'overdue', 'notDue', 'sentBack'].map((c) => el('td', { class: 'num', text: number(a[c]) })),
    el('td', { class: 'num', text: a.medianDays == null ? '—' : t('rp.days', { n: number(a.medianDays) }) }));
}

function questionRow(q) {
  return el('tr', {},
    el('td', { text: `#${q.seq}` }),
    el('td', { text: q.episodeTitle }),
    el('td', { text: q.text }),
    el('td', { text: q.locality || '' }),
    el('td', { text: q.field || '' }),
    el('td', { text: q.agency || '' }),
    el('td', {}, t(`rp.outcome.${q.outcome}`), q.late ? el('span', { class: 'rp-late', text: ` (${t('rp.late')})` }) : null));
}

function render() {
  if (!data) return;
  ui.report.hidden = false;
  ui.scope.textContent = data.scope.title;
  ui.xlsx.href = `/api/reports.xlsx?${query}`;
  ui.pdf.href = `/api/reports.pdf?${query}`;
  ui.docx.href = `/api/reports.docx?${query}`;
  ui.episodes.textContent = data.episodes.length
    ? t('rp.episodes', { n: data.episodes.length, list: data.episodes.map((e) => `${e.title} (${formatDate(e.startsAt)})`).join('; ') })
    : t('rp.noEpisodes');
  const totals = data.totals;
  ui.totals.replaceChildren(
    ...TOTALS.map((k) => el('div', { dataset: { total: k } }, el('dt', { text: t(`rp.t.${k}`) }), el('dd', { text: number(totals[k]) }))),
    el('div', { dataset: { total: 'median' } }, el('dt', { text: t('rp.t.median') }),
      el('dd', { text: totals.medianDaysToAnswer == null ? '—' : number(totals.medianDaysToAnswer) })),
    el('div', { dataset: { total: 'medianWorking' } }, el('dt', { text: t('rp.t.medianWorking') }),
      el('dd', { text: totals.medianWorkingDaysToAnswer == null ? '—' : number(totals.medianWorkingDaysToAnswer) })),
    // not questions: counted apart, never among the figures above
    ...[['referred', data.complaints?.total], ['complaint', data.complaints?.complaint],
      ['denunciation', data.complaints?.denunciation]].map(([k, v]) => el('div', { dataset: { total: k } },
      el('dt', { text: t(`rp.t.${k}`) }), el('dd', { text: number(v ?? 0) }))));
  // The server drew each chart in both languages; an SVG shown as an image runs no script.
  const drawn = data.charts[getLang() === 'en' ? 'en' : 'vi'];
  ui.charts.replaceChildren(...CHARTS.map((by) => el('img', {
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(drawn[by])}`,
    alt: t(`rp.chart.${by}`),
    dataset: { by },
  })));
  ui.tables.replaceChildren(...DIMENSIONS.map(breakdown));
  ui.agencies.replaceChildren(...data.agencies.map((a) => agencyRow(a, a.agency)),
    agencyRow(data.allAgencies, t('rp.allAgencies')));
  const items = data.questions.items;
  ui.questionsCount.textContent = number(data.questions.total);
  ui.questionsMore.hidden = data.questions.total <= items.length;
  ui.questionsMore.textContent = t('rp.more', { shown: number(items.length), total: number(data.questions.total) });
  ui.questions.replaceChildren(...items.map(questionRow));
  const notices = data.notices || [];
  ui.notices.replaceChildren(...(notices.length ? notices.map((n) => el('tr', { dataset: { channel: n.channel } },
    el('th', { scope: 'row', text: t(`rp.nch.${n.channel}`) }),
    ...['queued', 'sent', 'delivered', 'failed', 'limited'].map((k) => el('td', { class: 'num', text: number(n[k]) }))))
    : [el('tr', {}, el('td', { colspan: '6', text: t('rp.noNotices') }))]));
}

/** What is late right now, whatever the period: the council office's list, the standing committee's. */
function renderStanding() {
  if (overdue) {
    ui.overdueCount.textContent = number(overdue.count);
    ui.overdueCount.hidden = !overdue.count;
    ui.overdueEmpty.hidden = overdue.count > 0;
    ui.overdue.replaceChildren(...overdue.items.map((a) => el('tr', { class: 'rp-late-row' },
      el('td', { text: a.agency }),
      el('td', { text: a.text }),
      el('td', { text: formatDate(a.dueAt) }),
      el('td', { class: 'num', text: a.workingDaysLeft < 0 ? t('rp.lateDays', { n: -a.workingDaysLeft }) : '' }),
      el('td', { text: a.remindedAt ? formatDate(a.remindedAt) : '—' }),
      el('td', { text: a.escalatedAt ? formatDate(a.escalatedAt) : '—' }))));
  }
  if (conclusions) {
    const c = conclusions.counts;
    ui.conclusionCounts.replaceChildren(...['open', 'overdue', 'done', 'dropped'].map((k) => el('div', { dataset: { count: k } },
      el('dt', { text: t(`rp.c.${k}`) }), el('dd', { text: number(c[k]) }))));
    const open = conclusions.items.filter((i) => i.status === 'open' || i.status === 'in_progress');
    ui.conclusions.replaceChildren(...open.map((i) => el('tr', { class: i.overdue ? 'rp-late-row' : '' },
      el('td', {}, el('a', { href: `/conclusion.html?episode=${encodeURIComponent(i.episodeId)}`, text: i.documentNumber }),
        el('br'), el('span', { class: 'muted', text: i.episodeTitle })),
      el('td', { text: i.text }),
      el('td', { text: i.ownerAgency || '' }),
      el('td', { text: i.dueDate ? formatDate(i.dueDate) : '—' }),
      el('td', { text: t(`rp.status.${i.status}`) }))));
  }
}

async function loadStanding() {
  [overdue, conclusions] = await Promise.all([
    getJson('/api/followup/overdue').catch(() => null),
    getJson('/api/followup/conclusions').catch(() => null),
  ]);
  renderStanding();
}

async function load() {
  query = scopeQuery();
  if (!query) return;
  const r = await act(ui, () => getJson(`/api/reports?${query}`));
  if (r) {
    data = r;
    render();
    ui.flash.textContent = t('rp.loaded', { at: new Date().toLocaleTimeString(getLang() === 'en' ? 'en-GB' : 'vi-VN') });
  }
}

async function main() {
  initPage();
  await requireStaff({ roles: ['editor'] });
  const episodes = await getJson('/api/episodes').catch(() => []);
  const list = Array.isArray(episodes) ? episodes : episodes.items || [];
  ui.episode.replaceChildren(...list
    .sort((a, b) => String(b.startsAt).localeCompare(String(a.startsAt)))
    .map((e) => el('option', { value: e.id, text: `${e.title} (${formatDate(e.startsAt)})` })));
  const programs = await getJson('/api/programs').catch(() => []);
  ui.program.append(...(Array.isArray(programs) ? programs : programs.items || [])
    .map((p) => el('option', { value: p.id, text: p.name })));
  fillForm();
  ui.kind.addEventListener('change', showFields);
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = scopeQuery();
    const params = new URLSearchParams(q);
    setUrlParam('period', params.get('period'));
    setUrlParam('episode', params.get('episode'));
    setUrlParam('program', params.get('program'));
    load();
  });
  onLangChange(() => {
    fillMonths();
    render();
    renderStanding();
  });
  await Promise.all([load(), loadStanding()]);
}

function fillMonths() {
  const chosen = ui.month.value;
  ui.month.replaceChildren(...Array.from({ length: 12 }, (_, i) => el('option', { value: i + 1, text: t('rp.monthN', { n: i + 1 }) })));
  ui.month.value = chosen;
}

main();
