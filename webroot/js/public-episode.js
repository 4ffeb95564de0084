// What the public pages say of one episode (issue 18, point 5): what kind of event it is (a live show, a
// recorded one and when it airs, a council accountability session, an in-person dialogue), every channel
// the office announced for it, and the intake window. The wording is the state's register: citizens are
// "Ông/Bà" or not addressed at all.

import { t, tNodes, addStrings } from './i18n.js';
import { formatDateTime, telHref, smsHref } from './format.js';
import { el } from './ui.js';

addStrings({
  vi: {
    'public.kind.live': 'Phát sóng trực tiếp',
    'public.kind.recorded': 'Chương trình ghi hình',
    'public.kind.accountability': 'Phiên giải trình của Thường trực HĐND',
    'public.kind.dialogue': 'Hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân',
    'public.kind.dialogueAt': 'Hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân tại {venue}',
    'public.when': '{hm}, ngày {date}',
    'public.hm': '{h} giờ {m}',
    'public.liveAt': 'Phát sóng trực tiếp lúc {time} ({duration})',
    'public.airedAt': 'Đã phát sóng lúc {time} ({duration})',
    'public.recordedAt': 'Ghi hình lúc {time}',
    'public.broadcastAt': 'Phát sóng lúc {time}',
    'public.broadcastLater': 'Thời gian phát sóng sẽ được thông báo sau.',
    'public.heldAt': 'Thời gian: {time} ({duration})',
    'public.venue': 'Địa điểm: {venue}',
    'public.carriedLive': 'Truyền hình trực tiếp',
    'public.on': 'Trên: {platforms}',
    'public.platform.tv': 'Truyền hình',
    'public.platform.radio': 'Phát thanh',
    'public.platform.youtube': 'YouTube',
    'public.platform.fanpage': 'Fanpage',
    'public.platform.website': 'Cổng thông tin điện tử',
    'public.attend.accountability': 'Cử tri, Nhân dân có thể gửi ý kiến, kiến nghị về nội dung giải trình trước phiên họp qua các kênh dưới đây.',
    'public.attend.dialogue': 'Cử tri, Nhân dân quan tâm có thể đến dự trực tiếp tại địa điểm trên; ý kiến, kiến nghị cũng có thể gửi trước qua các kênh dưới đây.',
    'public.channels.question': 'Cách gửi câu hỏi',
    'public.channels.opinion': 'Cách gửi ý kiến, kiến nghị',
    'public.ch.hotline': 'Đường dây nóng:',
    'public.ch.sms': 'Tin nhắn: soạn {example} gửi {number}',
    'public.ch.smsContent': '<nội dung>',
    'public.ch.email': 'Thư điện tử:',
    'public.ch.post': 'Thư gửi qua bưu điện:',
    'public.ch.web.question': 'Mẫu “Gửi câu hỏi” trên trang này',
    'public.ch.web.opinion': 'Mẫu “Gửi ý kiến, kiến nghị” trên trang này',
    'public.window': 'Thời gian tiếp nhận: từ {from} đến {to} (giờ Việt Nam).',
    'public.window.open': 'Đang tiếp nhận.',
    'public.window.not_open': 'Chưa đến thời gian tiếp nhận.',
    'public.window.closed': 'Đã hết thời gian tiếp nhận.',
    'public.closedReach': 'Ông/Bà vẫn có thể gửi ý kiến tới Văn phòng qua:',
    'public.ask.question': 'Gửi câu hỏi',
    'public.ask.opinion': 'Gửi ý kiến, kiến nghị',
    'public.selected.question': 'Đang gửi câu hỏi cho chương trình này.',
    'public.selected.opinion': 'Đang gửi ý kiến, kiến nghị cho phiên này.',
    'public.badge.held': 'ĐANG DIỄN RA',
    'public.followLive': 'Theo dõi trực tiếp: các ý kiến đang được trả lời',
    'public.details': 'Thông tin chi tiết',
    'public.all': 'Tất cả chương trình',
    'public.notFound': 'Không tìm thấy chương trình này.',
    'public.intro.question': 'Ban Biên tập tiếp nhận, chọn lọc câu hỏi trước khi đưa lên sóng; câu hỏi chưa được trả lời trên sóng được chuyển tới cơ quan có trách nhiệm trả lời.',
    'public.intro.opinion': 'Văn phòng tiếp nhận, tổng hợp ý kiến, kiến nghị của cử tri, Nhân dân; nội dung chưa được trả lời tại phiên được chuyển tới cơ quan có trách nhiệm trả lời.',
    'form.heading.opinion': 'Ý kiến, kiến nghị',
    'form.text.opinion': 'Nội dung ý kiến, kiến nghị',
    'form.submit.opinion': 'Gửi ý kiến, kiến nghị',
    'done.title.opinion': 'Văn phòng đã nhận được ý kiến, kiến nghị',
    'done.body.opinion': 'Trân trọng cảm ơn Ông/Bà. Ý kiến, kiến nghị được tổng hợp để trả lời tại phiên; nội dung chưa được trả lời tại phiên được chuyển tới cơ quan có trách nhiệm.',
    'done.another.opinion': 'Gửi ý kiến, kiến nghị khác',
  },
  en: {
    'public.kind.live': 'Live broadcast',
    'public.kind.recorded': 'Recorded program',
    'public.kind.accountability': 'Accountability session of the Standing Committee of the People’s Council',
    'public.kind.dialogue': 'Meeting and direct dialogue with citizens',
    'public.kind.dialogueAt': 'Meeting and direct dialogue with citizens at {venue}',
    'public.when': '{hm} on {date}',
    'public.hm': '{h}:{m}',
    'public.liveAt': 'Broadcast live at {time} ({duration})',
    'public.airedAt': 'Broadcast at {time} ({duration})',
    'public.recordedAt': 'Recorded at {time}',
    'public.broadcastAt': 'Broadcast at {time}',
    'public.broadcastLater': 'The broadcast time will be announced.',
    'public.heldAt': 'Time: {time} ({duration})',
    'public.venue': 'Venue: {venue}',
    'public.carriedLive': 'Carried live',
    'public.on': 'On: {platforms}',
    'public.platform.tv': 'Television',
    'public.platform.radio': 'Radio',
    'public.platform.youtube': 'YouTube',
    'public.platform.fanpage': 'Fanpage',
    'public.platform.website': 'the council’s website',
    'public.attend.accountability': 'Citizens may send opinions and recommendations on the matters to be accounted for before the session, through the channels below.',
    'public.attend.dialogue': 'Citizens may attend in person at the venue above; opinions and recommendations may also be sent beforehand through the channels below.',
    'public.channels.question': 'How to send a question',
    'public.channels.opinion': 'How to send opinions and recommendations',
    'public.ch.hotline': 'Hotline:',
    'public.ch.sms': 'Text message: type {example} and send it to {number}',
    'public.ch.smsContent': '<your message>',
    'public.ch.email': 'E-mail:',
    'public.ch.post': 'By post:',
    'public.ch.web.question': 'The “Send a question” form on this page',
    'public.ch.web.opinion': 'The “Send opinions and recommendations” form on this page',
    'public.window': 'Accepted from {from} to {to} (Vietnam time).',
    'public.window.open': 'Open now.',
    'public.window.not_open': 'Not open yet.',
    'public.window.closed': 'Closed.',
    'public.closedReach': 'You may still write to the office:',
    'public.ask.question': 'Send a question',
    'public.ask.opinion': 'Send opinions and recommendations',
    'public.selected.question': 'Sending a question to this program.',
    'public.selected.opinion': 'Sending opinions and recommendations to this session.',
    'public.badge.held': 'IN PROGRESS',
    'public.followLive': 'Follow live: the opinions being answered',
    'public.details': 'Details',
    'public.all': 'All programs',
    'public.notFound': 'This program was not found.',
    'public.intro.question': 'The Editorial Board reviews and selects questions before they go on air; questions not answered on air are forwarded to the agency responsible for answering.',
    'public.intro.opinion': 'The office receives and compiles citizens’ opinions and recommendations; those not answered at the session are forwarded to the agency responsible for answering.',
    'form.heading.opinion': 'Opinions and recommendations',
    'form.text.opinion': 'Your opinion or recommendation',
    'form.submit.opinion': 'Send opinions and recommendations',
    'done.title.opinion': 'The office has received your opinion',
    'done.body.opinion': 'Thank you. Opinions and recommendations are compiled to be answered at the session; those not answered there are forwarded to the agency responsible.',
    'done.another.opinion': 'Send another opinion',
  },
});

/** Sessions and meetings take opinions and recommendations (ý kiến, kiến nghị); shows take questions. */
export function asks(ep) {
  return ep?.kind === 'accountability' || ep?.kind === 'dialogue' ? 'opinion' : 'question';
}

/** The key for this episode: "form.submit" for a show, "form.submit.opinion" for a session or meeting. */
export function keyFor(ep, key) {
  return asks(ep) === 'opinion' ? `${key}.opinion` : key;
}

/** "20 giờ 00, ngày 12/09/2030" in Vietnam time; '' when missing. */
export function when(value) {
  const s = formatDateTime(value);
  if (!s) return '';
  const [date, hm] = s.split(' ');
  const [h, m] = hm.split(':');
  return t('public.when', { hm: t('public.hm', { h, m }), date });
}

function platformsText(ep) {
  return (Array.isArray(ep.platforms) ? ep.platforms : []).map((p) => t(`public.platform.${p}`)).join(', ');
}

function duration(ep) {
  const n = Number(ep.durationMinutes);
  return n > 0 ? t('common.minutes', { n }) : '';
}

const line = (text) => el('p', { class: 'episode-meta', text });

/** What the event is, where and when it is held, and when it can be watched. */
export function description(ep) {
  const lines = [];
  const platforms = platformsText(ep);
  const at = when(ep.startsAt);
  switch (ep.kind) {
    case 'recorded':
      lines.push(line(t('public.recordedAt', { time: when(ep.recordingAt || ep.startsAt) })));
      lines.push(line(ep.broadcastAt ? t('public.broadcastAt', { time: when(ep.broadcastAt) }) : t('public.broadcastLater')));
      break;
    case 'accountability':
    case 'dialogue':
      if (ep.kind === 'accountability' && ep.venue) lines.push(line(t('public.venue', { venue: ep.venue })));
      lines.push(line(t('public.heldAt', { time: at, duration: duration(ep) })));
      if (ep.broadcast && ep.broadcastAt) {
        lines.push(line(ep.broadcastAt === ep.startsAt ? t('public.carriedLive')
          : t('public.broadcastAt', { time: when(ep.broadcastAt) })));
      }
      break;
    default:
      // once over, the show is no longer "live": it was broadcast then
      lines.push(line(t(ep.status === 'ended' ? 'public.airedAt' : 'public.liveAt', { time: at, duration: duration(ep) })));
  }
  if (ep.broadcast && platforms) lines.push(line(t('public.on', { platforms })));
  if (ep.kind === 'accountability' || ep.kind === 'dialogue') {
    lines.push(el('p', { class: 'episode-attend', text: t(`public.attend.${ep.kind}`) }));
  }
  return lines;
}

/** The kind as a heading line: "Hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân tại Nhà văn hoá xã". */
export function kindLabel(ep) {
  if (ep.kind === 'dialogue' && ep.venue) return t('public.kind.dialogueAt', { venue: ep.venue });
  const key = `public.kind.${ep.kind || 'live'}`;
  const s = t(key);
  return s === key ? t('public.kind.live') : s;
}

function numbers(list, href) {
  const p = el('span', {});
  list.forEach((n, i) => {
    if (i) p.append(', ');
    p.append(el('a', { href: href(n), text: String(n) }));
  });
  return p;
}

function emailLine(address) {
  return el('li', { class: 'ch-email' }, t('public.ch.email'), ' ', el('a', { href: `mailto:${address}`, text: address }));
}

function postLine(address) {
  return el('li', { class: 'ch-post' }, t('public.ch.post'), ' ', el('span', { text: address }));
}

/**
 * Every channel announced for the episode and its window. While the window is open: hotline, SMS, e-mail,
 * post and the form; before it opens the same, with when; once closed, only how to still reach the office
 * (e-mail, post) when it announced them.
 */
export function channels(ep) {
  const intake = ep.intake || {};
  const state = intake.state || (intake.open ? 'open' : 'closed');
  const box = el('div', { class: 'ways' }, el('h4', { text: t(`public.channels.${asks(ep)}`) }));
  box.append(el('p', { class: 'episode-meta ch-window' },
    t('public.window', { from: when(intake.opensAt), to: when(intake.closesAt) }), ' ',
    el('strong', { class: `window-${state}`, text: t(`public.window.${state}`) })));
  const email = intake.emailAddress ? String(intake.emailAddress) : '';
  const post = intake.postalAddress ? String(intake.postalAddress) : '';
  if (state === 'closed' || ep.status === 'cancelled') {
    if (email || post) {
      box.append(el('p', { class: 'episode-meta', text: t('public.closedReach') }),
        el('ul', { class: 'channels' }, email ? emailLine(email) : null, post ? postLine(post) : null));
    }
    return box;
  }
  const list = el('ul', { class: 'channels' });
  const hotlines = (Array.isArray(intake.hotline) ? intake.hotline : []).filter((h) => h && String(h).trim());
  if (hotlines.length) list.append(el('li', { class: 'ch-hotline' }, t('public.ch.hotline'), ' ', numbers(hotlines, telHref)));
  if (intake.smsNumber) {
    const content = t('public.ch.smsContent');
    const example = el('span', { class: 'sms-keyword',
      text: intake.smsKeyword ? `${intake.smsKeyword} ${content}` : content });
    const number = el('a', { href: smsHref(intake.smsNumber), text: String(intake.smsNumber) });
    list.append(el('li', { class: 'ch-sms' },
      tNodes('public.ch.sms', { example, number })));
  }
  if (email) list.append(emailLine(email));
  if (post) list.append(postLine(post));
  list.append(el('li', { class: 'ch-web' }, el('a', { href: intake.webForm || `/?episode=${encodeURIComponent(ep.id)}`,
    text: t(`public.ch.web.${asks(ep)}`) })));
  box.append(list);
  return box;
}
