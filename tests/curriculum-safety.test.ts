import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { draftOf, publish, revisionOf } from './support/curriculum.ts';
import type { TestClient } from './support/client.ts';
import { findActiveContent, XSS_PAYLOADS } from './fixtures-xss.ts';

let t: TestApp;
let coordinator: TestClient;
beforeEach(async () => {
  t = await buildTestApp({}, { defaultContent: true });
  const user = await createUser(t.deps, { role: 'coordinator' });
  coordinator = t.client();
  await signIn(coordinator, user.email);
});
afterEach(async () => {
  await t.close();
});

const PST = 'peer-support-training';
const S2 = '02-what-is-recovery';
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

function upload(client: TestClient, path: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new File([file.bytes], file.name, { type: file.type ?? 'application/octet-stream' }));
  return client.request(path, { method: 'POST', body: form, headers: { origin: 'http://localhost:3000' } });
}

describe('script injection', () => {
  it('has a detector that would notice live script', () => {
    for (const live of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="x"></iframe>',
      '<a href=" jav&#x09;ascript:x">x</a>',
    ]) {
      expect(findActiveContent(live), live).not.toEqual([]);
    }
    expect(findActiveContent('<p>&lt;img src=x onerror=alert(1)&gt;</p><input value="&lt;script&gt;">')).toEqual([]);
  });

  it(`renders ${XSS_PAYLOADS.length} payloads inert in Markdown, titles, notes, resources and file names`, async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
    const all = XSS_PAYLOADS.join('\n\n');
    const saved = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}`, {
      revision: await revisionOf(t, PST),
      intent: 'save',
      title: XSS_PAYLOADS.slice(0, 3).join(' '),
      aim: all,
      overview: all,
      lesson: all,
      assessment: all,
      intentionCount: '2',
      intentionId_0: 'recovery-approach',
      intentionText_0: XSS_PAYLOADS[2]!,
      intentionText_1: XSS_PAYLOADS[5]!,
      noteCount: '1',
      noteTopic_0: 'trauma',
      noteText_0: XSS_PAYLOADS[0]!,
      tags: '',
    });
    expect(saved.status).toBe(303);
    const kn = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/knowledge/new`, {
      revision: await revisionOf(t, PST),
      title: XSS_PAYLOADS[3]!,
      body: all,
      intentions: 'recovery-approach',
    });
    expect(kn.status).toBe(303);
    const act = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/activities/new`, {
      revision: await revisionOf(t, PST),
      title: XSS_PAYLOADS[4]!,
      participant: all,
      facilitator: all,
    });
    expect(act.status).toBe(303);
    const res = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/resources/new`, {
      revision: await revisionOf(t, PST),
      title: XSS_PAYLOADS[1]!,
      url: 'https://example.org/?q=<script>alert(1)</script>',
      description: XSS_PAYLOADS[6]!,
    });
    expect(res.status).toBe(303);
    const badUrl = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/resources/new`, {
      revision: await revisionOf(t, PST),
      title: 'x',
      url: 'javascript:alert(1)',
    });
    expect(badUrl.status).toBe(422);
    const file = await upload(
      coordinator,
      `/programmes/${PST}/draft/sessions/${S2}/files`,
      { title: XSS_PAYLOADS[7]!, revision: await revisionOf(t, PST) },
      { name: '<img src=x onerror=alert(1)>".png', bytes: PNG },
    );
    expect(file.status).toBe(303);
    await publish(coordinator, PST, XSS_PAYLOADS[0]!);

    const participant = t.client();
    const p = await createUser(t.deps);
    await signIn(participant, p.email);
    const draft = await draftOf(t, PST);
    const pages = [
      [coordinator, `/programmes/${PST}/sessions/${S2}`],
      [coordinator, `/programmes/${PST}/sessions/${S2}/guide`],
      [coordinator, `/programmes/${PST}/sessions/${S2}/present`],
      [coordinator, `/programmes/${PST}/sessions/${S2}/history`],
      [coordinator, `/programmes/${PST}/history`],
      [coordinator, `/programmes/${PST}`],
      [coordinator, `/programmes/${PST}/draft`],
      [coordinator, `/programmes/${PST}/draft/sessions/${S2}`],
      [coordinator, `/programmes/${PST}/modules/${draft.modules[0]!.id}/facilitator-pack`],
      [coordinator, `/programmes/${PST}/overlap`],
      [coordinator, '/search?q=alert'],
      [participant, `/programmes/${PST}/sessions/${S2}`],
      [participant, `/programmes/${PST}/modules/${draft.modules[0]!.id}/workbook`],
      [participant, '/search?q=alert'],
    ] as const;
    for (const [who, path] of pages) {
      const page = await who.get(path);
      expect(page.status, path).toBe(200);
      expect(findActiveContent(page.text), path).toEqual([]);
    }
    const session = draft.modules[0]!.sessions[1]!;
    const download = await participant.raw(`/programmes/${PST}/files/${session.files[0]!.storageKey}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment;/);
    expect(disposition).not.toMatch(/[<>"]{2}|\r|\n/);
    expect(session.files[0]!.filename).not.toMatch(/[<>"]/);
  });
});

describe('exercise files', () => {
  it('refuses a renamed executable uploaded as a PDF, with a clear message, and stores nothing', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, ...new Array(200).fill(0)]);
    const res = await upload(
      coordinator,
      `/programmes/${PST}/draft/sessions/${S2}/files`,
      { title: 'Handout', revision: await revisionOf(t, PST) },
      { name: 'handout.pdf', bytes: exe, type: 'application/pdf' },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toMatch(/ends in \.pdf but it is not a PDF/);
    expect((await draftOf(t, PST)).modules[0]!.sessions[1]!.files).toEqual([]);
    expect(await t.deps.db.selectFrom('stored_files').selectAll().execute()).toEqual([]);
  });

  it('accepts a real PDF, offers it to participants once published, and says so when there are none', async () => {
    const participant = t.client();
    const p = await createUser(t.deps);
    await signIn(participant, p.email);
    expect((await participant.get(`/programmes/${PST}/sessions/${S2}`)).text).toContain('No exercise files for this session');
    const pdf = strToU8('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await upload(
      coordinator,
      `/programmes/${PST}/draft/sessions/${S2}/files`,
      { title: 'Recovery handout', revision: await revisionOf(t, PST) },
      { name: 'handout.pdf', bytes: pdf },
    );
    expect(res.status).toBe(303);
    await publish(coordinator, PST);
    const page = await participant.get(`/programmes/${PST}/sessions/${S2}`);
    expect(page.text).toContain('Recovery handout');
    const key = page.text.match(/\/files\/([\w-]+)/)![1]!;
    const download = await participant.raw(`/programmes/${PST}/files/${key}`);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    // A file key from another programme does not download under this one.
    expect((await participant.get(`/programmes/peer-2-peer/files/${key}`)).status).toBe(404);
  });

  it('accepts files larger than a form but within the upload limit, and refuses larger ones', async () => {
    const pdf = new Uint8Array(3 * 1024 * 1024);
    pdf.set(strToU8('%PDF-1.4\n'));
    pdf.set(strToU8('\n%%EOF\n'), pdf.length - 7);
    const ok = await upload(
      coordinator,
      `/programmes/${PST}/draft/sessions/${S2}/files`,
      { title: 'Big handout', revision: await revisionOf(t, PST) },
      { name: 'big.pdf', bytes: pdf },
    );
    expect(ok.status).toBe(303);
    const huge = new Uint8Array(t.config.uploadLimitBytes + 1024 * 1024);
    huge.set(strToU8('%PDF-1.4\n'));
    const refused = await upload(
      coordinator,
      `/programmes/${PST}/draft/sessions/${S2}/files`,
      { title: 'Huge', revision: await revisionOf(t, PST) },
      { name: 'huge.pdf', bytes: huge },
    );
    expect(refused.status).toBe(413);
    expect(refused.text).toContain('That was too large to send');
  });

  it('refuses a content pack whose exercise file is not what its name says', async () => {
    const zip = zipSync({
      'programme.md': strToU8('---\ntitle: With files\nslug: with-files\n---\n'),
      '01-m/module.md': strToU8('---\ntitle: M\n---\n'),
      '01-m/01-s.md': strToU8('---\ntitle: S\nfiles:\n  - path: files/sheet.pdf\n    title: Sheet\n---\n'),
      '01-m/files/sheet.pdf': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(100).fill(0)]),
    });
    const form = new FormData();
    form.append('pack', new File([zip], 'p.zip'));
    const res = await coordinator.request('/programmes/import', { method: 'POST', body: form, headers: { origin: 'http://localhost:3000' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('not a PDF');
    expect(await t.deps.db.selectFrom('programmes').select('slug').where('slug', '=', 'with-files').executeTakeFirst()).toBeUndefined();
  });
});

describe('overlaps', () => {
  it('shows knowledge repeated across modules on the overlap map and in the guide', async () => {
    const p2p = await draftOf(t, 'peer-2-peer');
    const [m1, m2] = [p2p.modules[1]!, p2p.modules[2]!];
    for (const m of [m1, m2]) {
      await coordinator.post(`/programmes/peer-2-peer/draft/modules/${m.id}/sessions`, {
        revision: await revisionOf(t, 'peer-2-peer'),
        title: `Session in ${m.title}`,
      });
    }
    const draft = await draftOf(t, 'peer-2-peer');
    for (const m of [draft.modules[1]!, draft.modules[2]!]) {
      const s = m.sessions[0]!;
      await coordinator.post(`/programmes/peer-2-peer/draft/sessions/${s.id}`, {
        revision: await revisionOf(t, 'peer-2-peer'),
        title: s.title,
        intentionCount: '1',
        intentionText_0: 'Understand the CHIME framework.',
        noteCount: '0',
      });
      const fresh = (await draftOf(t, 'peer-2-peer')).modules.flatMap((x) => x.sessions).find((x) => x.id === s.id)!;
      await coordinator.post(`/programmes/peer-2-peer/draft/sessions/${s.id}/knowledge/new`, {
        revision: await revisionOf(t, 'peer-2-peer'),
        title: 'The CHIME framework',
        body: 'Connectedness, hope, identity, meaning and empowerment.',
        intentions: fresh.learningIntentions[0]!.id,
        tags: 'hope, chime-framework',
      });
    }
    await publish(coordinator, 'peer-2-peer');
    const map = await coordinator.get('/programmes/peer-2-peer/overlap');
    expect(map.text).toContain('The CHIME framework');
    expect(map.text).toContain('Module 1 · Introducing Peer Support');
    expect(map.text).toContain('Module 2 · The Peer Support Relationship');
    const s = (await draftOf(t, 'peer-2-peer')).modules[1]!.sessions[0]!;
    const guide = await coordinator.get(`/programmes/peer-2-peer/sessions/${s.id}/guide`);
    expect(guide.text).toContain('Also in Module 2 · The Peer Support Relationship');
  });
});
