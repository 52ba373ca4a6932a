import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ALLOWED_UPLOADS, checkUpload, contentDisposition } from './file-check.ts';

const MB = 1024 * 1024;
const LIMIT = 20 * MB;

const pdf = strToU8('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const png = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
const jpeg = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);

const contentTypes = (mainPart: string): Uint8Array =>
  strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      `<Override PartName="/main.xml" ContentType="${mainPart}"/></Types>`,
  );
const docx = zipSync({
  '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
  'word/document.xml': strToU8('<w:document/>'),
});
const pptx = zipSync({
  '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'),
  'ppt/presentation.xml': strToU8('<p:presentation/>'),
});
// OpenDocument requires `mimetype` to be the first entry, stored uncompressed.
const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') });
const docm = zipSync({
  '[Content_Types].xml': contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml'),
  'word/document.xml': strToU8('<w:document/>'),
});
const windowsProgram = new Uint8Array([...strToU8('MZ'), ...new Uint8Array(58), ...strToU8('This program cannot be run in DOS mode.')]);
const linuxProgram = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, ...new Uint8Array(56)]);

const check = (filename: string, bytes: Uint8Array, maxBytes = LIMIT) => checkUpload({ filename, bytes, maxBytes });

describe('ALLOWED_UPLOADS', () => {
  it('lists the six kinds with their extensions and types', () => {
    expect(ALLOWED_UPLOADS.map((u) => u.label)).toEqual(['PDF', 'Word (DOCX)', 'OpenDocument text (ODT)', 'PowerPoint (PPTX)', 'PNG', 'JPEG']);
    expect(ALLOWED_UPLOADS.find((u) => u.kind === 'jpeg')?.extensions).toEqual(['.jpg', '.jpeg']);
  });
});

describe('checkUpload accepts real files of the allowed kinds', () => {
  it.each([
    ['worksheet.pdf', pdf, 'pdf', 'application/pdf'],
    ['diagram.png', png, 'png', 'image/png'],
    ['photo.jpg', jpeg, 'jpeg', 'image/jpeg'],
    ['photo.jpeg', jpeg, 'jpeg', 'image/jpeg'],
    ['handout.docx', docx, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['slides.pptx', pptx, 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['handout.odt', odt, 'odt', 'application/vnd.oasis.opendocument.text'],
  ])('%s', async (filename, bytes, kind, mime) => {
    expect(await check(filename, bytes)).toEqual({ ok: true, kind, mime, safeFilename: filename });
  });

  it('accepts an upper-case extension and stores it in lower case', async () => {
    expect(await check('SCAN.JPG', jpeg)).toMatchObject({ ok: true, kind: 'jpeg', safeFilename: 'SCAN.jpg' });
  });

  it('recognises a Word document whose content types file-type cannot read, by its parts', async () => {
    const unusual = zipSync({ 'word/document.xml': strToU8('<w:document/>'), '[Content_Types].xml': strToU8('<Types/>') });
    expect(await check('handout.docx', unusual)).toMatchObject({ ok: true, kind: 'docx' });
  });

  it('accepts a file exactly at the size limit', async () => {
    expect(await check('worksheet.pdf', pdf, pdf.byteLength)).toMatchObject({ ok: true });
  });
});

describe('checkUpload refuses files a person must change', () => {
  it('refuses an empty file', async () => {
    expect(await check('worksheet.pdf', new Uint8Array(0))).toEqual({ ok: false, message: expect.stringContaining('The file is empty') });
  });

  it('refuses a file over the limit, naming the limit in MB', async () => {
    const big = new Uint8Array(LIMIT + 1);
    big.set(pdf);
    expect(await check('worksheet.pdf', big)).toEqual({ ok: false, message: expect.stringContaining('The file is larger than 20 MB') });
    expect(await check('worksheet.pdf', pdf, MB / 2)).toMatchObject({ ok: true });
    expect(await check('worksheet.pdf', new Uint8Array(MB), MB / 2)).toEqual({ ok: false, message: expect.stringContaining('larger than 0.5 MB') });
  });

  it('refuses a Windows program renamed to .pdf', async () => {
    expect(await check('worksheet.pdf', windowsProgram)).toEqual({
      ok: false,
      message: 'This file’s name ends in .pdf but it is not a PDF. Check you chose the right file.',
    });
  });

  it('refuses a Linux program renamed to .png', async () => {
    expect(await check('diagram.png', linuxProgram)).toEqual({
      ok: false,
      message: 'This file’s name ends in .png but it is not a PNG image. Check you chose the right file.',
    });
  });

  it('refuses a text file renamed to .docx', async () => {
    expect(await check('handout.docx', strToU8('Just some notes, not a Word document.'))).toEqual({
      ok: false,
      message: 'This file’s name ends in .docx but it is not a Word (DOCX) file. Check you chose the right file.',
    });
  });

  it('refuses a plain ZIP archive renamed to .docx', async () => {
    const zip = zipSync({ 'notes.txt': strToU8('hello') });
    expect(await check('handout.docx', zip)).toMatchObject({ ok: false, message: expect.stringContaining('it is not a Word (DOCX) file') });
  });

  it('refuses a macro-enabled Word document renamed to .docx', async () => {
    expect(await check('handout.docx', docm)).toMatchObject({ ok: false, message: expect.stringContaining('it is not a Word (DOCX) file') });
  });

  it('refuses an ODT renamed to .pdf', async () => {
    expect(await check('handout.pdf', odt)).toEqual({
      ok: false,
      message: 'This file’s name ends in .pdf but it is an OpenDocument text (ODT) file. Rename it to end in .odt and try again.',
    });
  });

  it('refuses a PNG named .exe because that extension is not accepted, and says what it really is', async () => {
    expect(await check('diagram.exe', png)).toEqual({
      ok: false,
      message: 'This file’s name ends in .exe, which is not accepted, but it looks like a PNG image. Rename it to end in .png and try again.',
    });
  });

  it('refuses a file with no extension', async () => {
    expect(await check('worksheet', pdf)).toMatchObject({ ok: false, message: expect.stringContaining('has no ending such as .pdf') });
  });

  it('refuses content of a kind that is not allowed, listing the kinds that are', async () => {
    expect(await check('setup.exe', windowsProgram)).toEqual({
      ok: false,
      message: 'This file is not a PDF, Word (DOCX), OpenDocument text (ODT), PowerPoint (PPTX), PNG or JPEG file. Choose one of those.',
    });
    expect(await check('archive.zip', zipSync({ 'a.txt': strToU8('a') }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('Choose one of those'),
    });
  });
});

describe('safeFilename', () => {
  const safeName = async (filename: string, bytes: Uint8Array = pdf): Promise<string> => {
    const result = await check(filename, bytes);
    if (!result.ok) throw new Error(result.message);
    return result.safeFilename;
  };

  it('drops folders, whichever separator the sender used', async () => {
    expect(await safeName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(await safeName('C:\\temp\\evil.pdf')).toBe('evil.pdf');
    expect(await safeName('..\\..\\windows\\win.pdf')).toBe('win.pdf');
  });

  it('replaces control and unusual characters and never starts with a dot', async () => {
    expect(await safeName('my "best"\nwork<>|*?.pdf')).toBe('my -best-work.pdf');
    expect(await safeName('.hidden.pdf')).toBe('hidden.pdf');
    expect(await safeName('week\u202egnp.pdf')).toBe('week-gnp.pdf');
  });

  it('keeps letters from any language', async () => {
    expect(await safeName('Übung 1 – Gefühle (Kopie).pdf')).toBe('Übung 1 - Gefühle (Kopie).pdf');
    expect(await safeName('练习.pdf')).toBe('练习.pdf');
  });

  it('is never empty', async () => {
    expect(await safeName('.pdf')).toBe('file.pdf');
    expect(await safeName('???.pdf')).toBe('file.pdf');
  });

  it('keeps the extension when cutting a long name to 120 characters', async () => {
    const name = await safeName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
    const umlauts = await safeName(`${'ü'.repeat(200)}.docx`, docx);
    expect(Array.from(umlauts)).toHaveLength(120);
  });
});

describe('contentDisposition', () => {
  it('gives a plain name both ways', () => {
    expect(contentDisposition('worksheet.pdf')).toBe(`attachment; filename="worksheet.pdf"; filename*=UTF-8''worksheet.pdf`);
  });

  it('cannot be used to break out of the header or the quoted name', () => {
    const value = contentDisposition('a"b\r\nSet-Cookie: x=1.pdf');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(value).toContain('filename="a_bSet-Cookie: x=1.pdf"');
  });

  it('keeps a non-English name through filename* and falls back to ASCII', () => {
    expect(contentDisposition('Gefühle (1).pdf')).toBe(`attachment; filename="Gef_hle (1).pdf"; filename*=UTF-8''Gef%C3%BChle%20%281%29.pdf`);
  });

  it('drops any folders from the name', () => {
    expect(contentDisposition('../../etc/passwd.pdf')).toContain('filename="passwd.pdf"');
  });
});
