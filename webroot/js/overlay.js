// The question on air as a broadcast graphic (lower third), for a graphics system's browser source: OBS
// Studio and vMix load /overlay.html?token=<link> and it follows /ws/overlay/<link> live; CasparCG loads it
// as an HTML template (?caspar=1, or once it calls update() first) and drives it with play(), stop(),
// update(data) and next(). Only the question, the asker's given name and locality ever reach it.

import { openSocket } from './socket.js';

const FRAME_W = 1920;
const FRAME_H = 1080;
// the out-animation's length (overlay.css): a new question waits for the old one to leave
const OUT_MS = 330;
// CasparCG templates are commonly filled as f0, f1, f2 by position
const FIELD_ALIASES = { f0: 'text', f1: 'givenName', f2: 'locality', name: 'givenName', askerName: 'givenName' };
const FIELDS = new Set(['text', 'givenName', 'locality', 'title']);

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const token = params.get('token');

const caspar = params.get('caspar') === '1';
let playing = !caspar; // a browser source is on air as soon as it loads; CasparCG waits for play()
let fromServer = null; // the graphic the server last sent: {text, givenName, locality, title} or null
let fromCaspar = null; // what update() last gave, shown instead of the server's until next()
let shown = null; // the key of what is on screen now
let swap = null;
let socket = null;

/** Which drives the graphic: the socket alone (a browser source), or CasparCG's calls. */
function mode(casparDriven) {
  document.documentElement.dataset.mode = casparDriven ? 'caspar' : 'browser';
}

function fit() {
  const scale = Math.min(innerWidth / FRAME_W, innerHeight / FRAME_H);
  const left = (innerWidth - FRAME_W * scale) / 2;
  const top = (innerHeight - FRAME_H * scale) / 2;
  $('stage').style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
}

function keyOf(g) {
  return g ? JSON.stringify([g.text, g.givenName, g.locality, g.title]) : null;
}

function fill(g) {
  $('lt-text').textContent = g.text || '';
  $('lt-asker').textContent = [g.givenName, g.locality].filter(Boolean).join(' · ');
  $('lt-title').textContent = g.title || '';
}

function setOn(on) {
  $('lower-third').classList.toggle('on', on);
  $('lower-third').setAttribute('aria-hidden', String(!on));
  document.documentElement.dataset.graphic = on ? 'on' : 'off';
}

/** Shows what should be on air now, animating the old graphic out before a different one comes in. */
function render() {
  const wanted = playing ? (fromCaspar || fromServer) : null;
  const key = keyOf(wanted && wanted.text ? wanted : null);
  if (key === shown) return;
  clearTimeout(swap);
  const wasOn = shown !== null;
  shown = key;
  if (key === null) {
    setOn(false);
    return;
  }
  if (!wasOn) {
    fill(wanted);
    setOn(true);
    return;
  }
  setOn(false);
  swap = setTimeout(() => {
    fill(wanted);
    setOn(true);
  }, OUT_MS);
}

function fromState(s) {
  const a = s && s.onAir;
  return a && a.text ? { text: a.text, givenName: a.givenName, locality: a.locality, title: s.title } : null;
}

function put(out, name, value) {
  const field = FIELDS.has(name) ? name : FIELD_ALIASES[name];
  if (field && out[field] === undefined && value != null) out[field] = String(value);
}

/** CasparCG's templateData XML: <componentData id="f0"><data id="text" value="…"/></componentData>. */
function parseTemplateXml(raw) {
  const doc = new DOMParser().parseFromString(raw, 'application/xml');
  if (doc.querySelector('parsererror')) return null;
  const out = {};
  for (const cd of doc.querySelectorAll('componentData')) {
    const data = cd.querySelector('data');
    if (!data) continue;
    // the component's id names the field ("f0", "locality"); its data's id is usually just "text"
    const byComponent = FIELDS.has(cd.id) || FIELD_ALIASES[cd.id];
    put(out, byComponent ? cd.id : data.id, data.getAttribute('value'));
  }
  return out;
}

/** update()'s argument: JSON (flat, or this server's state) or CasparCG's XML, as a string or an object. */
function parseUpdate(data) {
  if (data == null) return null;
  let obj = data;
  if (typeof data === 'string') {
    const raw = data.trim();
    if (raw.startsWith('<')) return parseTemplateXml(raw);
    try {
      obj = JSON.parse(raw);
    } catch {
      return { text: raw };
    }
  }
  if (obj && typeof obj === 'object' && 'onAir' in obj) return fromState(obj);
  const out = {};
  Object.entries(obj || {}).forEach(([k, v]) => put(out, k, v));
  return out;
}

function connect() {
  if (!token || socket) return;
  socket = openSocket(`/ws/overlay/${encodeURIComponent(token)}`, {
    staff: false,
    onMessage: (m) => {
      if (m.type !== 'snapshot' && m.type !== 'overlay.update') return;
      fromServer = fromState(m);
      render();
    },
    onStatus: (status, detail) => {
      document.documentElement.dataset.connection = status;
      // a revoked link: the graphic leaves the air instead of freezing on the last question
      if (status === 'closed' && detail.reason) {
        fromServer = null;
        render();
      }
    },
  });
}

// ---- CasparCG's template calls (global functions, as its HTML producer expects) ----

globalThis.play = () => {
  playing = true;
  render();
};

globalThis.stop = () => {
  playing = false;
  render();
};

globalThis.update = (data) => {
  mode(true);
  fromCaspar = parseUpdate(data);
  render();
};

/** Back to the question the server has on air (what update() gave is dropped), and on screen. */
globalThis.next = () => {
  fromCaspar = null;
  playing = true;
  render();
};

addEventListener('resize', fit);
fit();
mode(caspar);
setOn(false);
connect();
