// All visible strings of the danhoi pages, Vietnamese first, English second.
// Elements carry data-i18n="key" (textContent), data-i18n-placeholder,
// data-i18n-aria-label or data-i18n-title; applyI18n fills them.

const STRINGS = {
  vi: {
    'app.name': 'Dân hỏi',
    'app.skip': 'Bỏ qua, đến nội dung chính',
    'app.footer': 'Dân hỏi — hệ thống tiếp nhận câu hỏi của Nhân dân cho chương trình đối thoại trực tiếp.',
    'lang.label': 'Ngôn ngữ',
    'lang.vi': 'Tiếng Việt',
    'lang.en': 'English',
    'nav.label': 'Trang dành cho nhân viên',
    'nav.operator': 'Tổng đài',
    'nav.moderation': 'Kiểm duyệt',

    'status.upcoming': 'Sắp tới',
    'status.live': 'ĐANG PHÁT SÓNG',
    'status.ended': 'Đã kết thúc',
    'status.cancelled': 'Đã hủy',

    'channel.hotline': 'Điện thoại',
    'channel.sms': 'Tin nhắn',
    'channel.web': 'Web',

    'field.electricity': 'Điện',
    'field.water': 'Nước sạch',
    'field.land': 'Đất đai',
    'field.health': 'Y tế',
    'field.education': 'Giáo dục',
    'field.transport': 'Giao thông',
    'field.environment': 'Môi trường',
    'field.other': 'Khác',

    'common.required': 'bắt buộc',
    'common.optional': '(không bắt buộc)',
    'common.retry': 'Thử lại',
    'common.minutes': '{n} phút',
    'common.seconds': '{n} giây',

    'auth.title': 'Đăng nhập nhân viên',
    'auth.help': 'Nhập mã truy cập do quản trị viên cấp. Mã chỉ được giữ trong thẻ trình duyệt này và mất khi đóng thẻ.',
    'auth.token': 'Mã truy cập (token)',
    'auth.submit': 'Đăng nhập',
    'auth.logout': 'Đăng xuất',
    'auth.empty': 'Vui lòng nhập mã truy cập.',
    'auth.invalid': 'Mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng nhập lại.',
    'auth.loggedOut': 'Bạn đã đăng xuất.',

    'err.network': 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
    'err.server': 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.',
    'err.forbidden': 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    'err.generic': 'Có lỗi xảy ra. Vui lòng thử lại.',
    'err.fixFields': 'Vui lòng kiểm tra lại các mục được đánh dấu.',
    'err.rate': 'Bạn gửi quá nhanh, vui lòng thử lại sau {n} giây',
    'err.rateUnknown': 'Bạn gửi quá nhanh, vui lòng thử lại sau ít phút',
    'err.closed': 'Chương trình này đã ngừng nhận câu hỏi.',

    'err.name.required': 'Vui lòng nhập họ và tên.',
    'err.name.tooLong': 'Họ và tên dài quá {max} ký tự.',
    'err.locality.required': 'Vui lòng nhập địa phương (xã/phường, huyện, tỉnh).',
    'err.locality.tooLong': 'Địa phương dài quá {max} ký tự.',
    'err.phone.required': 'Vui lòng nhập số điện thoại.',
    'err.phone.invalid': 'Số điện thoại không hợp lệ.',
    'err.email.invalid': 'Địa chỉ email không hợp lệ.',
    'err.text.required': 'Vui lòng nhập câu hỏi.',
    'err.text.tooLong': 'Câu hỏi dài quá {max} ký tự.',
    'err.consent.required': 'Vui lòng đánh dấu đồng ý để gửi câu hỏi.',
    'err.notes.tooLong': 'Ghi chú dài quá {max} ký tự.',

    'public.title': 'Gửi câu hỏi',
    'public.docTitle': 'Gửi câu hỏi — Dân hỏi',
    'public.intro': 'Gửi câu hỏi tới chương trình đối thoại trực tiếp giữa chính quyền và Nhân dân. Ban Biên tập tiếp nhận, chọn lọc câu hỏi trước khi đưa lên sóng; câu hỏi chưa được trả lời trên sóng sẽ được chuyển tới cơ quan có trách nhiệm.',
    'public.loading': 'Đang tải danh sách chương trình…',
    'public.loadFailed': 'Không tải được danh sách chương trình.',
    'public.openHeading': 'Đang nhận câu hỏi',
    'public.none': 'Hiện chưa có chương trình nào đang nhận câu hỏi.',
    'public.upcomingHeading': 'Sắp tới',
    'public.pastHeading': 'Đã kết thúc',
    'public.badgeOpen': 'Đang nhận câu hỏi',
    'public.airs': 'Phát sóng: {time} ({duration})',
    'public.airsAt': 'Phát sóng: {time}',
    'public.closesAt': 'Nhận câu hỏi đến {time}',
    'public.opensAt': 'Nhận câu hỏi từ {time}',
    'public.notOpen': 'Chưa mở nhận câu hỏi qua trang này.',
    'public.otherWays': 'Cách hỏi khác',
    'public.hotline': 'Đường dây nóng:',
    'public.sms': 'Soạn tin: {keyword} <câu hỏi> gửi {number}',
    'public.smsNoKeyword': 'Soạn tin: <câu hỏi> gửi {number}',
    'public.ask': 'Đặt câu hỏi',
    'public.selected': 'Đang đặt câu hỏi cho chương trình này',

    'form.heading': 'Câu hỏi của bạn',
    'form.for': 'Chương trình: {title}',
    'form.requiredNote': 'Các mục có dấu * là bắt buộc.',
    'form.name': 'Họ và tên',
    'form.locality': 'Địa phương',
    'form.localityHint': 'Xã/phường, huyện, tỉnh nơi bạn sinh sống.',
    'form.localityPlaceholder': 'Ví dụ: xã Tân Phú, huyện Đức Hòa, tỉnh Long An',
    'form.phone': 'Số điện thoại',
    'form.email': 'Email',
    'form.contactHint': 'Để Ban Biên tập liên hệ khi cần làm rõ hoặc gửi câu trả lời cho bạn.',
    'form.text': 'Câu hỏi',
    'form.textHint': 'Nêu rõ sự việc, địa điểm, thời gian. Chương trình không giải quyết khiếu nại, tố cáo về vụ việc cụ thể.',
    'form.counter': '{n}/{max} ký tự',
    'form.consent': 'Tôi đồng ý để Ban Biên tập sử dụng họ tên, địa phương và thông tin liên hệ của tôi để tiếp nhận, trả lời câu hỏi này theo quy định về bảo vệ dữ liệu cá nhân.',
    'form.submit': 'Gửi câu hỏi',
    'form.sending': 'Đang gửi…',
    'form.networkError': 'Chưa gửi được vì lỗi kết nối. Nội dung bạn nhập vẫn còn nguyên, không có gì bị mất: hãy kiểm tra mạng rồi bấm “Gửi câu hỏi” lần nữa, câu hỏi sẽ không bị gửi trùng.',
    'form.serverError': 'Máy chủ chưa nhận được câu hỏi. Nội dung bạn nhập vẫn còn nguyên: vui lòng bấm “Gửi câu hỏi” lần nữa sau ít phút, câu hỏi sẽ không bị gửi trùng.',

    'done.title': 'Đã nhận câu hỏi của bạn',
    'done.ref': 'Mã tham chiếu: {ref}',
    'done.body': 'Cảm ơn bạn. Ban Biên tập sẽ xem xét câu hỏi; không phải câu hỏi nào cũng được đưa lên sóng, các câu hỏi chưa được trả lời trên sóng sẽ được chuyển tới cơ quan có trách nhiệm.',
    'done.another': 'Gửi câu hỏi khác',

    'op.title': 'Tổng đài',
    'op.docTitle': 'Tổng đài — Dân hỏi',
    'op.episode': 'Chương trình',
    'op.noEpisodes': 'Chưa có chương trình nào.',
    'op.loadFailed': 'Không tải được danh sách chương trình.',
    'op.newCall': 'Cuộc gọi mới',
    'op.timer': 'Thời gian nhập:',
    'op.prefilled': 'Số điện thoại do tổng đài điền sẵn: {phone}',
    'op.callerName': 'Tên người gọi',
    'op.callerPhone': 'Số điện thoại',
    'op.locality': 'Địa phương',
    'op.localityPlaceholder': 'Xã/phường, huyện, tỉnh',
    'op.field': 'Lĩnh vực',
    'op.fieldNone': '— Chưa chọn —',
    'op.text': 'Câu hỏi',
    'op.ready': 'Sẵn sàng lên sóng',
    'op.callbackPhone': 'Số gọi lại',
    'op.callbackHint': 'Để trống khi đã đánh dấu “Sẵn sàng lên sóng” thì dùng số người gọi.',
    'op.notes': 'Ghi chú',
    'op.save': 'Lưu cuộc gọi',
    'op.saving': 'Đang lưu…',
    'op.saved': 'Đã lưu cuộc gọi',
    'op.savedIn': 'Đã lưu cuộc gọi ({n} giây).',
    'op.networkError': 'Chưa lưu được vì lỗi kết nối. Nội dung vẫn còn nguyên: bấm Ctrl+Enter để lưu lại, cuộc gọi sẽ không bị ghi trùng.',
    'op.recent': 'Cuộc gọi gần đây',
    'op.refresh': 'Làm mới',
    'op.recentEmpty': 'Chưa có cuộc gọi nào.',
    'op.recentFailed': 'Không tải được danh sách cuộc gọi.',
    'op.callback': 'Gọi lại: {phone}',
    'op.shortcuts': 'Phím tắt',
    'op.sc.submit': 'Lưu cuộc gọi (ở bất kỳ ô nào trong biểu mẫu)',
    'op.sc.name': 'Cuộc gọi mới: về ô Tên người gọi',
    'op.sc.tab': 'Sang ô tiếp theo / quay lại ô trước',
    'op.sc.field': 'Trong ô Lĩnh vực: gõ số 1–8 để chọn',
    'op.sc.ready': 'Trong ô Sẵn sàng lên sóng: phím cách để đánh dấu',

    'mod.title': 'Kiểm duyệt',
    'mod.docTitle': 'Kiểm duyệt — Dân hỏi',
    'mod.heading': 'Hàng đợi câu hỏi',
    'mod.episode': 'Chương trình',
    'mod.filterChannel': 'Lọc theo kênh',
    'mod.all': 'Tất cả',
    'mod.search': 'Tìm kiếm',
    'mod.searchPlaceholder': 'Gõ không dấu cũng được, ví dụ: nuoc sach',
    'mod.showing': 'Hiển thị {shown}/{total} câu hỏi',
    'mod.empty': 'Chưa có câu hỏi nào.',
    'mod.noMatch': 'Không có câu hỏi nào khớp bộ lọc.',
    'mod.ready': 'Sẵn sàng lên sóng',
    'mod.askers': '{n} người hỏi',
    'mod.anonymous': '(không ghi tên)',
    'mod.field': 'Lĩnh vực: {v}',
    'mod.agency': 'Cơ quan: {v}',
    'mod.callback': 'Gọi lại: {v}',
    'mod.notes': 'Ghi chú: {v}',
    'mod.status.received': 'Mới nhận',

    'conn.connecting': 'Đang kết nối…',
    'conn.open': 'Đã kết nối, nhận trực tiếp',
    'conn.closed': 'Mất kết nối, đang thử lại…',
    'conn.failing': 'Không kết nối được. Kiểm tra mạng hoặc mã truy cập; đang thử lại…',
    'conn.stopped': 'Đã ngắt kết nối.',
    'conn.forbidden': 'Tài khoản không có quyền xem hàng đợi này.',
  },

  en: {
    'app.name': 'Dân hỏi',
    'app.skip': 'Skip to main content',
    'app.footer': 'Dân hỏi — citizens’ questions for live dialogue programs.',
    'lang.label': 'Language',
    'lang.vi': 'Tiếng Việt',
    'lang.en': 'English',
    'nav.label': 'Staff pages',
    'nav.operator': 'Hotline',
    'nav.moderation': 'Moderation',

    'status.upcoming': 'Upcoming',
    'status.live': 'ON AIR',
    'status.ended': 'Ended',
    'status.cancelled': 'Cancelled',

    'channel.hotline': 'Phone',
    'channel.sms': 'SMS',
    'channel.web': 'Web',

    'field.electricity': 'Electricity',
    'field.water': 'Clean water',
    'field.land': 'Land',
    'field.health': 'Health',
    'field.education': 'Education',
    'field.transport': 'Transport',
    'field.environment': 'Environment',
    'field.other': 'Other',

    'common.required': 'required',
    'common.optional': '(optional)',
    'common.retry': 'Try again',
    'common.minutes': '{n} min',
    'common.seconds': '{n} s',

    'auth.title': 'Staff sign-in',
    'auth.help': 'Enter the access code from your administrator. It is kept only in this browser tab and is forgotten when the tab closes.',
    'auth.token': 'Access code (token)',
    'auth.submit': 'Sign in',
    'auth.logout': 'Sign out',
    'auth.empty': 'Please enter the access code.',
    'auth.invalid': 'The access code is invalid or has expired. Please enter it again.',
    'auth.loggedOut': 'You have signed out.',

    'err.network': 'Cannot reach the server. Please check your connection and try again.',
    'err.server': 'The server has a problem. Please try again in a few minutes.',
    'err.forbidden': 'Your account is not allowed to do this.',
    'err.generic': 'Something went wrong. Please try again.',
    'err.fixFields': 'Please check the highlighted fields.',
    'err.rate': 'You are sending too fast, please try again in {n} seconds',
    'err.rateUnknown': 'You are sending too fast, please try again in a few minutes',
    'err.closed': 'This program no longer takes questions.',

    'err.name.required': 'Please enter your full name.',
    'err.name.tooLong': 'The name is longer than {max} characters.',
    'err.locality.required': 'Please enter your locality (commune/ward, district, province).',
    'err.locality.tooLong': 'The locality is longer than {max} characters.',
    'err.phone.required': 'Please enter a phone number.',
    'err.phone.invalid': 'The phone number is not valid.',
    'err.email.invalid': 'The email address is not valid.',
    'err.text.required': 'Please enter your question.',
    'err.text.tooLong': 'The question is longer than {max} characters.',
    'err.consent.required': 'Please tick the consent box to send your question.',
    'err.notes.tooLong': 'The notes are longer than {max} characters.',

    'public.title': 'Ask a question',
    'public.docTitle': 'Ask a question — Dân hỏi',
    'public.intro': 'Send a question to the live dialogue program between the authorities and citizens. The editorial board reviews and selects questions before they go on air; questions not answered on air are forwarded to the responsible agency.',
    'public.loading': 'Loading programs…',
    'public.loadFailed': 'Could not load the programs.',
    'public.openHeading': 'Taking questions now',
    'public.none': 'No program is taking questions at the moment.',
    'public.upcomingHeading': 'Coming up',
    'public.pastHeading': 'Past programs',
    'public.badgeOpen': 'Taking questions',
    'public.airs': 'On air: {time} ({duration})',
    'public.airsAt': 'On air: {time}',
    'public.closesAt': 'Questions accepted until {time}',
    'public.opensAt': 'Questions accepted from {time}',
    'public.notOpen': 'Not yet taking questions on this site.',
    'public.otherWays': 'Other ways to ask',
    'public.hotline': 'Hotline:',
    'public.sms': 'Text: {keyword} <your question> to {number}',
    'public.smsNoKeyword': 'Text: <your question> to {number}',
    'public.ask': 'Ask a question',
    'public.selected': 'You are asking this program',

    'form.heading': 'Your question',
    'form.for': 'Program: {title}',
    'form.requiredNote': 'Fields marked * are required.',
    'form.name': 'Full name',
    'form.locality': 'Locality',
    'form.localityHint': 'Commune/ward, district and province where you live.',
    'form.localityPlaceholder': 'e.g. xã Tân Phú, huyện Đức Hòa, tỉnh Long An',
    'form.phone': 'Phone number',
    'form.email': 'Email',
    'form.contactHint': 'So the editorial board can contact you to clarify or to send you the answer.',
    'form.text': 'Question',
    'form.textHint': 'Say clearly what happened, where and when. The program does not handle complaints or denunciations about specific cases.',
    'form.counter': '{n}/{max} characters',
    'form.consent': 'I agree that the Editorial Board may use my name, locality and contact details to receive and answer this question, in accordance with the regulations on personal data protection.',
    'form.submit': 'Send question',
    'form.sending': 'Sending…',
    'form.networkError': 'Not sent because of a connection problem. Nothing you typed is lost: check your connection and press “Send question” again; it will not be sent twice.',
    'form.serverError': 'The server did not take your question. Nothing you typed is lost: please press “Send question” again in a few minutes; it will not be sent twice.',

    'done.title': 'We have received your question',
    'done.ref': 'Reference: {ref}',
    'done.body': 'Thank you. The editorial board will review your question; not every question goes on air, and those not answered on air are forwarded to the responsible agency.',
    'done.another': 'Ask another question',

    'op.title': 'Hotline console',
    'op.docTitle': 'Hotline console — Dân hỏi',
    'op.episode': 'Program',
    'op.noEpisodes': 'There are no programs yet.',
    'op.loadFailed': 'Could not load the programs.',
    'op.newCall': 'New call',
    'op.timer': 'Time on this call:',
    'op.prefilled': 'Phone number filled in by the switchboard: {phone}',
    'op.callerName': 'Caller name',
    'op.callerPhone': 'Phone number',
    'op.locality': 'Locality',
    'op.localityPlaceholder': 'Commune/ward, district, province',
    'op.field': 'Field',
    'op.fieldNone': '— None —',
    'op.text': 'Question',
    'op.ready': 'Ready to go on air',
    'op.callbackPhone': 'Callback number',
    'op.callbackHint': 'Left empty with “Ready to go on air” ticked, the caller’s number is used.',
    'op.notes': 'Notes',
    'op.save': 'Save call',
    'op.saving': 'Saving…',
    'op.saved': 'Call saved',
    'op.savedIn': 'Call saved ({n} s).',
    'op.networkError': 'Not saved because of a connection problem. Nothing is lost: press Ctrl+Enter to save again; the call will not be logged twice.',
    'op.recent': 'Recent calls',
    'op.refresh': 'Refresh',
    'op.recentEmpty': 'No calls yet.',
    'op.recentFailed': 'Could not load recent calls.',
    'op.callback': 'Call back: {phone}',
    'op.shortcuts': 'Keyboard shortcuts',
    'op.sc.submit': 'Save the call (from any field of the form)',
    'op.sc.name': 'New call: go to Caller name',
    'op.sc.tab': 'Next field / previous field',
    'op.sc.field': 'In Field: type 1–8 to choose',
    'op.sc.ready': 'In Ready to go on air: Space to tick',

    'mod.title': 'Moderation',
    'mod.docTitle': 'Moderation — Dân hỏi',
    'mod.heading': 'Question queue',
    'mod.episode': 'Program',
    'mod.filterChannel': 'Filter by channel',
    'mod.all': 'All',
    'mod.search': 'Search',
    'mod.searchPlaceholder': 'Accents optional, e.g. nuoc sach',
    'mod.showing': 'Showing {shown} of {total} questions',
    'mod.empty': 'No questions yet.',
    'mod.noMatch': 'No question matches the filter.',
    'mod.ready': 'Ready to go on air',
    'mod.askers': '{n} people asked',
    'mod.anonymous': '(no name)',
    'mod.field': 'Field: {v}',
    'mod.agency': 'Agency: {v}',
    'mod.callback': 'Call back: {v}',
    'mod.notes': 'Notes: {v}',
    'mod.status.received': 'New',

    'conn.connecting': 'Connecting…',
    'conn.open': 'Connected, live',
    'conn.closed': 'Disconnected, retrying…',
    'conn.failing': 'Cannot connect. Check the network or the access code; retrying…',
    'conn.stopped': 'Disconnected.',
    'conn.forbidden': 'Your account may not see this queue.',
  },
};

export const LANGS = Object.keys(STRINGS);
const STORAGE_KEY = 'danhoi.lang';
const EVENT = 'danhoi:lang';

function readStoredLang() {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v && STRINGS[v] ? v : null;
  } catch {
    return null; // storage can be disabled (private mode, strict settings)
  }
}

let current = readStoredLang() || 'vi';

export function getLang() {
  return current;
}

/** Translates a key; {name} placeholders are replaced from params. Falls back to Vietnamese, then to the key. */
export function t(key, params) {
  const s = STRINGS[current][key] ?? STRINGS.vi[key] ?? key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/**
 * Like t(), but returns a DocumentFragment where each {name} is replaced by
 * nodes[name] (a Node, inserted as is, or any value, inserted as text).
 * Lets a translated sentence hold markup (a link, a bold number) without innerHTML.
 */
export function tNodes(key, nodes = {}) {
  const s = STRINGS[current][key] ?? STRINGS.vi[key] ?? key;
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of s.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) frag.append(document.createTextNode(s.slice(last, m.index)));
    const v = nodes[m[1]];
    if (v instanceof Node) frag.append(v);
    else frag.append(document.createTextNode(v == null ? m[0] : String(v)));
    last = m.index + m[0].length;
  }
  if (last < s.length) frag.append(document.createTextNode(s.slice(last)));
  return frag;
}

/** Fills data-i18n* attributes under root (document by default). */
export function applyI18n(root = document) {
  if (!root || !root.querySelectorAll) return;
  if (root === document) document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

/** Switches language, remembers it, refreshes static texts and tells listeners (onLangChange). */
export function setLang(lang) {
  if (!STRINGS[lang]) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  if (globalThis.document) {
    applyI18n(document);
    globalThis.dispatchEvent(new CustomEvent(EVENT, { detail: lang }));
  }
}

/** Calls fn(lang) after every language switch; pages re-render their dynamic parts there. */
export function onLangChange(fn) {
  globalThis.addEventListener(EVENT, (e) => fn(e.detail));
}
