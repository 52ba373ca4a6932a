// The certificate as a PDF: tagged for assistive technology, in Noto Sans embedded per script, so a
// name in Greek, Cyrillic or with any common accent prints exactly as the person writes it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Fontsource ships Noto Sans split by script into subsets, each covering the code points its
 * `unicode.json` lists; pdfkit embeds one font file per run of text, so each run of a line goes out
 * in the first subset that covers all of it. Latin comes first: it holds spaces and punctuation.
 */
const SUBSETS = ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'] as const;
type Subset = (typeof SUBSETS)[number];
type Weight = 400 | 700;

interface Fonts {
  files: Map<string, Buffer>;
  ranges: Map<Subset, [number, number][]>;
}
let fonts: Fonts | undefined;

function loadFonts(): Fonts {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'));
  const unicode = JSON.parse(readFileSync(join(dir, '..', 'unicode.json'), 'utf8')) as Record<string, string>;
  const files = new Map<string, Buffer>();
  const ranges = new Map<Subset, [number, number][]>();
  for (const subset of SUBSETS) {
    for (const weight of [400, 700] as const) files.set(`${subset}-${weight}`, readFileSync(join(dir, `noto-sans-${subset}-${weight}-normal.woff`)));
    ranges.set(
      subset,
      (unicode[subset] ?? '').split(',').map((r) => {
        const [from, to] = r.replace(/^U\+/, '').split('-');
        return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
      }),
    );
  }
  return (fonts = { files, ranges });
}

const covers = (f: Fonts, subset: Subset, codePoint: number) => f.ranges.get(subset)!.some(([a, b]) => codePoint >= a && codePoint <= b);

/** Splits text into runs, each with the subset that will draw it; a character no subset covers stays in Latin (drawn as a box). */
export function fontRuns(text: string): { subset: Subset; text: string }[] {
  const f = loadFonts();
  const runs: { subset: Subset; text: string }[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    // Spaces and punctuation are in Latin, but a run in another script may carry on through them.
    if (last && covers(f, last.subset, cp)) {
      last.text += ch;
      continue;
    }
    const subset = SUBSETS.find((s) => covers(f, s, cp)) ?? 'latin';
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}

export interface CertificateContent {
  recipientName: string;
  programmeTitle: string;
  /** The date of completion, already written out in words ("17 December 2026"). */
  completedOn: string;
  issuerName: string;
  code: string;
  verifyUrl: string;
}

/** Renders the certificate of completion; resolves to the PDF's bytes. */
export function certificatePdf(content: CertificateContent): Promise<Buffer> {
  const f = loadFonts();
  const title = `Certificate of completion: ${content.recipientName}`;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Subject: content.programmeTitle, Author: content.issuerName, Creator: 'Peer Toolbox' },
  });
  for (const [name, file] of f.files) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 112;
  // Each run is placed by hand on one centred line: pdfkit's `continued` text re-wraps at every
  // change of font, which breaks a name in two. A line too wide for the page is set smaller instead.
  const line = (text: string, size: number, weight: Weight = 400, gapAfter = 12) => {
    const runs = fontRuns(text);
    const measure = (at: number) => runs.reduce((sum, run) => sum + doc.font(`${run.subset}-${weight}`).fontSize(at).widthOfString(run.text), 0);
    let fitted = size;
    while (fitted > 9 && measure(fitted) > width) fitted -= 1;
    let x = 56 + Math.max(0, (width - measure(fitted)) / 2);
    const y = doc.y;
    for (const run of runs) {
      doc.font(`${run.subset}-${weight}`).fontSize(fitted).text(run.text, x, y, { lineBreak: false });
      x += doc.widthOfString(run.text);
    }
    doc.x = 56;
    doc.y = y + doc.currentLineHeight(true) + gapAfter;
  };
  const tagged = (type: 'H1' | 'P', draw: () => void) => doc.struct(type, {}, draw);

  const document = doc.struct('Document');
  doc.addStructure(document);
  // The frame is decoration: marked as an artifact so screen readers skip it.
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .lineWidth(3)
    .strokeColor('#1d4f73')
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .stroke();
  doc.endMarkedContent();
  doc.y = 110;
  document.add(tagged('H1', () => line('Certificate of completion', 34, 700, 28)));
  document.add(tagged('P', () => line('This certifies that', 16, 400, 10)));
  document.add(tagged('P', () => line(content.recipientName, 30, 700, 16)));
  document.add(tagged('P', () => line('has completed', 16, 400, 10)));
  document.add(tagged('P', () => line(content.programmeTitle, 22, 700, 16)));
  document.add(tagged('P', () => line(`on ${content.completedOn}, with ${content.issuerName}.`, 16, 400, 36)));
  document.add(tagged('P', () => line(`Verification code: ${content.code}`, 12, 700, 4)));
  document.add(tagged('P', () => line(`Check this certificate at ${content.verifyUrl}`, 12, 400, 4)));
  document.add(tagged('P', () => line('A certificate of completion, not an accredited qualification.', 10, 400, 0)));
  document.end();
  doc.end();
  return finished;
}
