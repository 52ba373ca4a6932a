import { raw } from 'hono/html';
import { renderMarkdown } from '../lib/markdown.ts';

/** Sanitised Markdown inside a block; nothing at all when the source is empty. */
export function Markdown({ source, class: cls }: { source: string; class?: string }) {
  const html = renderMarkdown(source);
  if (!html) return null;
  return <div class={cls ?? 'prose'}>{raw(html)}</div>;
}
