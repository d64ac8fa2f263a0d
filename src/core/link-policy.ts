import type { Reply } from './reply.ts';

/**
 * Links in text a language model wrote (issue 12): the model may plant `[hier](https://evil.example)`, and
 * every channel would make it clickable. In a reply marked `generated`, only links to the reply's own
 * citations or to the bot's own pages (PUBLIC_URL) stay live; any other link becomes plain text.
 *
 * - `[label](url)` → `label (evil[.]example/path)`: the label and, readable but dead, where it pointed.
 * - Bare URLs (https://…, www.…, //…) and bare domains with a common TLD (evil.com), which Slack and Teams
 *   auto-link on their own, are "defanged" the same way: the scheme goes and the dots of the host become
 *   "[.]". That reads like the address to a person, and no client turns it back into a link (a zero-width
 *   space would look the same but survive copy and paste into the address bar as a broken link).
 * E-mail addresses stay: a mailto link opens no page.
 */

// PUA markers for links that stay: later passes must not touch them.
const KEEP = '\uE100';
const KEPT = new RegExp(`${KEEP}(\\d+)${KEEP}`, 'g');
/** [label](target) as any of our renderers (or CommonMark) would read it, also with <…> or a "title". */
const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)]*)\)/g;
const BARE_URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|(?<![\w:/])\/\/(?=[a-z0-9-]+\.))[^\s<>"'[\]]+/gi;
const BARE_DOMAIN =
  /(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|de|eu|io|info|biz|co|me|app|dev|at|ch|uk|xyz|ly|to|gg|ai|online|site|link|click)\b(?:\/[^\s<>"'[\]]*)?/gi;
const TRAILING = /[.,;:!?*_)]+$/;

/** The reply with its links checked when the model wrote its text; other replies unchanged. */
export function guardLinks(reply: Reply, publicUrl: string): Reply {
  if (!reply.generated) return reply;
  const cited = (reply.citations ?? []).flatMap((c) => (c.url ? [normalise(c.url)] : [])).filter(Boolean);
  const own = normalise(publicUrl);
  const allowed = (url: string) => {
    const n = normalise(url);
    if (!n) return false;
    return cited.includes(n) || Boolean(own && (n === own || n.startsWith(`${own}/`)));
  };
  const hosts = new Set(
    [...cited, own].flatMap((u) => (u ? [new URL(u).hostname] : [])).filter((h) => h.includes('.')),
  );
  return { ...reply, text: defuseLinks(reply.text, allowed, hosts) };
}

/**
 * Keeps the links `allowed` accepts, turns every other link, bare URL and bare domain (outside `hosts`)
 * into plain text.
 */
export function defuseLinks(
  text: string,
  allowed: (url: string) => boolean,
  hosts = new Set<string>(),
): string {
  const kept: string[] = [];
  const keep = (s: string) => `${KEEP}${kept.push(s) - 1}${KEEP}`;
  let s = text.replace(MARKDOWN_LINK, (m, label: string, inner: string) => {
    const target =
      inner
        .trim()
        .replace(/^<([^>]*)>.*$/, '$1')
        .split(/\s+/)[0] ?? '';
    if (allowed(target)) return keep(m);
    const shown = label.trim();
    if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\/|^www\./i.test(target)) return shown;
    const dead = defang(target);
    return !shown || sameAddress(shown, target) ? dead : `${shown} (${dead})`;
  });
  s = s.replace(BARE_URL, (m) => {
    const [url, tail] = splitTrailing(m);
    return (allowed(url) ? keep(url) : defang(url)) + tail;
  });
  s = s.replace(BARE_DOMAIN, (m) => {
    const [domain, tail] = splitTrailing(m);
    const host = domain.split('/')[0]!.toLowerCase();
    return (hosts.has(host) ? domain : defang(domain)) + tail;
  });
  return s.replace(KEPT, (_m, i: string) => kept[Number(i)] ?? '');
}

/** "https://evil.example/a" → "evil[.]example/a": readable, never auto-linked. */
function defang(url: string): string {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/|^\/\//i, '');
  const cut = rest.search(/[/?#]/);
  const host = cut < 0 ? rest : rest.slice(0, cut);
  return host.replace(/\./g, '[.]') + (cut < 0 ? '' : rest.slice(cut));
}

function splitTrailing(m: string): [string, string] {
  // A ")" that closes a parenthesis inside the URL (Wikipedia style) belongs to it.
  let tail = TRAILING.exec(m)?.[0] ?? '';
  let body = m.slice(0, m.length - tail.length);
  while (tail.startsWith(')') && (body.match(/\(/g)?.length ?? 0) > (body.match(/\)/g)?.length ?? 0)) {
    body += ')';
    tail = tail.slice(1);
  }
  return [body, tail];
}

const sameAddress = (label: string, url: string) => {
  const bare = (s: string) => s.replace(/^[a-z][a-z0-9+.-]*:\/\/|^\/\//i, '').replace(/\/$/, '');
  return bare(label).toLowerCase() === bare(url).toLowerCase();
};

/** Scheme, host, path (without a trailing slash) and query of an http(s) URL; undefined for anything else. */
function normalise(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return undefined;
  }
}
