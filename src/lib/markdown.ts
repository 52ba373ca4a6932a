import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

// An allowlist: text structure and links only. No images (they could track readers), no raw HTML
// attributes beyond what links and tables need, no scripts, styles, iframes or forms.
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'h2',
    'h3',
    'h4',
    'hr',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'del',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['scope'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Headings in content sit under the page's own h1/h2, so they start at h3.
    h1: 'h3',
    h2: 'h3',
    h3: 'h4',
    h4: 'h4',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
};
options.allowedAttributes = { ...(options.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel'] };

// Sanitising is the costly part of a page; the same curriculum text is rendered again and again, so
// results are kept, a bounded number of them (published text never changes; drafts just add entries).
const cache = new Map<string, string>();
const CACHE_MAX = 2000;

/** Markdown to HTML that is safe to put in a page: rendered, then cleaned against an allowlist. */
export function renderMarkdown(source: string): string {
  if (!source.trim()) return '';
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const html = sanitizeHtml(marked.parse(source) as string, options);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(source, html);
  return html;
}
