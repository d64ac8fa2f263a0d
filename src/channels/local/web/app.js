// Local web chat: renders the core's replies (text, buttons, choices, forms, citations, files) and keeps
// the conversation in localStorage across reloads. No build step; talks to /api/local (docs/local-api.md).
// Who the user is lives in the bot's signed session cookie (HttpOnly), never in this script.
const log = document.getElementById('log');
const composer = document.getElementById('composer');
const input = document.getElementById('input');

// Before sign-in the page named its user itself; that id is not trusted any more, and its history would
// show a conversation the new session does not have.
if (localStorage.getItem('lodile.user')) {
  localStorage.removeItem('lodile.user');
  localStorage.removeItem('lodile.history');
}

let session;
/** Starts the browser's session, or keeps the one its cookie already holds; tried again after a failure. */
function signedIn(renew = false) {
  if (renew || !session) {
    session = fetch('/api/local/session', { method: 'POST' }).then((res) => {
      if (!res.ok) throw new Error(`Anmeldung: HTTP ${res.status}`);
    });
    session.catch(() => {
      session = undefined;
    });
  }
  return session;
}

const store = {
  get history() {
    try {
      return JSON.parse(localStorage.getItem('lodile.history') ?? '[]');
    } catch {
      return [];
    }
  },
  push(entry) {
    const h = store.history;
    h.push(entry);
    localStorage.setItem('lodile.history', JSON.stringify(h.slice(-200)));
  },
};

const locale = navigator.language?.startsWith('en') ? 'en' : 'de';
// Booking shows slot times in the browser's time zone.
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function escapeHtml(s) {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const cells = (line) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/**
 * What the reply model lacks, as it has it (like src/core/markdown.ts): a table row becomes a list item
 * "Header: cell, Header: cell", a heading a bold line; images and quote marks go.
 */
function simplify(src) {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let header = null;
  lines.forEach((line, i) => {
    const separator = TABLE_SEPARATOR.test(line) && line.includes('|');
    if (!TABLE_ROW.test(line) && !separator) {
      header = null;
      const heading = line.match(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
      out.push(
        heading
          ? `**${heading[1].replace(/\*\*/g, '')}**`
          : line.replace(/!\[[^\]\n]*\]\([^)\s]*\)/g, '').replace(/^(\s*)>\s?/, '$1'),
      );
      return;
    }
    if (separator) return;
    const next = lines[i + 1];
    if (next !== undefined && TABLE_SEPARATOR.test(next) && next.includes('|')) {
      header = cells(line);
      return;
    }
    const row = cells(line)
      .map((c, k) => (!c ? '' : header?.[k] && header[k] !== c ? `${header[k]}: ${c}` : c))
      .filter(Boolean)
      .join(header ? ', ' : ' – ');
    if (row) out.push(`- ${row}`);
  });
  return out.join('\n');
}

/** The reply model's simple Markdown: paragraphs, - and 1. lists, **bold**, _italic_, `code`, [links](url). */
function markdown(src) {
  const inline = (s) =>
    escapeHtml(s)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,!?:;])/g, '$1<em>$2</em>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(
        /\[([^\]]+)\]\(((?:https?:\/\/|\/)[^)\s]+)\)/g,
        '<a href="$2" target="_blank" rel="noopener">$1</a>',
      );
  const out = [];
  let list = null;
  for (const line of simplify(src).split('\n')) {
    const bullet = line.match(/^\s*[-*•]\s+(.*)$/);
    const numbered = line.match(/^\s*\d+[.)]\s+(.*)$/);
    const kind = bullet ? 'ul' : numbered ? 'ol' : null;
    if (list && list !== kind) {
      out.push(`</${list}>`);
      list = null;
    }
    if (kind) {
      if (!list) out.push(`<${kind}>`);
      list = kind;
      out.push(`<li>${inline((bullet ?? numbered)[1])}</li>`);
    } else if (line.trim()) {
      out.push(`<p>${inline(line)}</p>`);
    }
  }
  if (list) out.push(`</${list}>`);
  return out.join('');
}

function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'html') e.innerHTML = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of [].concat(children)) if (c) e.append(c);
  return e;
}

function disableWithin(node) {
  for (const b of node.querySelectorAll('button, input, select, textarea')) b.disabled = true;
}

function renderReply(reply, { notice = false } = {}) {
  const box = el('div', { class: `msg bot${notice ? ' notice' : ''}`, html: markdown(reply.text ?? '') });
  if (reply.actions?.length) {
    const row = el('div', { class: 'actions' });
    for (const a of reply.actions) {
      row.append(
        el(
          'button',
          {
            type: 'button',
            class: a.style ?? '',
            onclick: () => {
              disableWithin(row);
              send({ action: { id: a.id, value: a.value } }, a.label);
            },
          },
          a.label,
        ),
      );
    }
    box.append(row);
  }
  if (reply.choice) {
    const select = el(
      'select',
      { 'aria-label': reply.choice.label },
      reply.choice.options.map((o) => el('option', { value: o.value }, o.label)),
    );
    const wrap = el('div', { class: 'choice' }, [
      el('span', {}, reply.choice.label),
      select,
      el(
        'button',
        {
          type: 'button',
          onclick: () => {
            disableWithin(wrap);
            const label = select.options[select.selectedIndex]?.text;
            send({ action: { id: reply.choice.id, value: select.value } }, label);
          },
        },
        'OK',
      ),
    ]);
    box.append(wrap);
  }
  if (reply.form) box.append(renderForm(reply.form));
  if (reply.files?.length) {
    const files = el('div', { class: 'files' });
    for (const f of reply.files) {
      files.append(
        el('div', {}, [el('a', { href: f.url, download: f.name, target: '_blank' }, `📎 ${f.name}`)]),
      );
      if (f.mime.startsWith('image/')) files.append(el('img', { src: f.url, alt: f.name }));
    }
    box.append(files);
  }
  if (reply.citations?.length) {
    const cites = el('div', { class: 'citations' }, 'Quellen: ');
    reply.citations.forEach((c, i) => {
      if (i) cites.append(' · ');
      cites.append(
        c.url
          ? el(
              'a',
              { href: c.url, target: '_blank', rel: 'noopener', title: c.excerpt ?? '' },
              `[${i + 1}] ${c.title}`,
            )
          : el('span', { title: c.excerpt ?? '' }, `[${i + 1}] ${c.title}`),
      );
    });
    box.append(cites);
  }
  return box;
}

function renderForm(form) {
  const f = el('form', { class: 'card' });
  if (form.title) f.append(el('strong', {}, form.title));
  for (const field of form.fields) {
    const common = {
      name: field.id,
      required: field.required,
      placeholder: field.placeholder,
      maxlength: field.maxLength,
    };
    let control;
    if (field.type === 'textarea') control = el('textarea', { ...common, rows: 3 });
    else if (field.type === 'select')
      control = el('select', { name: field.id, required: field.required }, [
        el('option', { value: '' }, '–'),
        ...(field.options ?? []).map((o) => el('option', { value: o.value }, o.label)),
      ]);
    else {
      const type = { date: 'date', datetime: 'datetime-local', number: 'number' }[field.type] ?? 'text';
      control = el('input', { ...common, type, min: field.min, max: field.max });
    }
    if (field.value !== undefined) control.value = field.value;
    const label = el('label', {}, [field.label + (field.required ? ' *' : ''), control]);
    if (form.errors?.[field.id]) label.append(el('span', { class: 'error' }, form.errors[field.id]));
    f.append(label);
  }
  f.append(el('button', { type: 'submit' }, form.submitLabel));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const fields = Object.fromEntries(new FormData(f).entries());
    disableWithin(f);
    send({ action: { id: form.id, fields } }, form.submitLabel);
  });
  return f;
}

function show(node) {
  log.append(node);
  log.scrollTop = log.scrollHeight;
}

function showUser(text) {
  show(el('div', { class: 'msg user' }, text));
}

async function send(payload, echo) {
  if (echo) {
    showUser(echo);
    store.push({ who: 'user', text: echo });
  }
  try {
    const post = () =>
      fetch('/api/local/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ locale, timeZone, ...payload }),
      });
    await signedIn();
    let res = await post();
    if (res.status === 401) {
      // The session cookie was lost or the bot's key changed: a new session, and the message again.
      await signedIn(true);
      res = await post();
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error ?? res.statusText);
    for (const reply of body.replies) {
      show(renderReply(reply));
      store.push({ who: 'bot', reply });
    }
  } catch (err) {
    show(
      renderReply({
        text: `Der Bot ist gerade nicht erreichbar (${err.message}). Bitte versuchen Sie es gleich noch einmal.`,
      }),
    );
  }
}

async function pollInbox() {
  try {
    await signedIn();
    const res = await fetch('/api/local/inbox');
    if (res.ok) {
      const { messages } = await res.json();
      for (const m of messages) {
        for (const reply of m.replies) {
          show(renderReply(reply, { notice: true }));
          store.push({ who: 'bot', reply, notice: true });
        }
      }
    }
  } catch {
    // offline for a moment; the next poll tries again
  }
}

composer.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  send({ text }, text);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    composer.requestSubmit();
  }
});
document.getElementById('reset').addEventListener('click', async () => {
  await fetch('/api/local/session', { method: 'DELETE' }).catch(() => undefined);
  localStorage.removeItem('lodile.history');
  location.reload();
});

const history = store.history;
if (history.length) {
  for (const h of history)
    show(h.who === 'user' ? el('div', { class: 'msg user' }, h.text) : renderReply(h.reply, h));
  // Only the newest answer stays clickable; older buttons would act on a state that has moved on.
  const bots = log.querySelectorAll('.msg.bot');
  bots.forEach((b, i) => {
    if (i < bots.length - 1) disableWithin(b);
  });
} else {
  send({ action: { id: 'help.greet' } });
}
setInterval(pollInbox, 5000);
pollInbox();
