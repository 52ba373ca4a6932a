import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, inviteAndJoin, journey, projects, setUpAdministrator } from './support.ts';
import { inMainNav } from './navigation.ts';

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'kettle harbour lantern' };
const COORDINATOR = { name: 'Cara Coordinator', email: 'cara@example.org', password: 'lighthouse morning tea' };
const PARTICIPANT = { name: 'Pat Participant', email: 'pat@example.org', password: 'river stone autumn' };
const NEW_LESSON = 'Recovery is a personal journey. We will share what has helped us.';
const KNOWLEDGE = 'The recovery approach grew from the testimony of people with lived experience.';

describe.skipIf(!chromiumAvailable).each(projects)('curriculum journey ($name)', (project) => {
  const { newPage, scan } = journey(project, { beforeAll, afterAll });

  it('a coordinator edits and publishes a session; facilitators and participants each see what is theirs', async () => {
    const admin = await newPage();
    await setUpAdministrator(admin, ADMIN);
    const cara = await newPage();
    await inviteAndJoin(admin, cara, COORDINATOR, 'coordinator');
    const pat = await newPage();
    await inviteAndJoin(admin, pat, PARTICIPANT, '');

    // The coordinator finds the programme and opens the draft.
    await (await inMainNav(cara, 'link', 'Curriculum')).click();
    await scan(cara);
    await cara.getByRole('link', { name: 'Peer Support Training' }).click();
    await scan(cara);
    await cara.getByRole('link', { name: 'Edit the draft' }).click();
    await scan(cara);
    await cara.getByRole('link', { name: 'What is Recovery? (edit)' }).click();
    await scan(cara);

    // Write the lesson and the session's first learning intention (the customer's documents list none), preview, then save.
    await cara.getByLabel('Lesson (About this lesson)').fill(NEW_LESSON);
    await cara.getByLabel('Learning intention 1').fill('Explore the development of the recovery approach in mental health.');
    await cara.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => cara.getByRole('heading', { name: 'Preview (not saved yet)' }).isVisible()).toBe(true);
    await scan(cara);
    await cara.getByRole('button', { name: 'Save to draft' }).click();
    await cara.waitForURL((u) => u.searchParams.get('saved') === '1');

    // Add Mini Knowledge linked to the first learning intention.
    await cara.getByRole('link', { name: 'Add Mini Knowledge' }).click();
    await scan(cara);
    await cara.getByLabel('Title').fill('Where the recovery approach came from');
    await cara.getByLabel('Explore the development of the recovery approach in mental health.').check();
    await cara.getByLabel('Knowledge for facilitators').fill(KNOWLEDGE);
    await cara.getByRole('button', { name: 'Save to draft' }).click();
    await cara.waitForURL((u) => u.pathname.endsWith('/draft/sessions/02-what-is-recovery'));

    // Publish.
    await cara.goto('/programmes/peer-support-training/draft');
    await cara.getByLabel('What changed (optional)').fill('New lesson for What is Recovery?');
    await cara.getByRole('button', { name: 'Publish version 2' }).click();
    await expect.poll(() => cara.getByText('Published.').isVisible()).toBe(true);
    await scan(cara);

    // The facilitator guide shows the new version with its knowledge under the intention.
    await cara.goto('/programmes/peer-support-training/sessions/02-what-is-recovery/guide');
    await expect.poll(() => cara.getByText('Version 2').isVisible()).toBe(true);
    await expect.poll(() => cara.getByText(NEW_LESSON).isVisible()).toBe(true);
    await expect.poll(() => cara.getByText(KNOWLEDGE).isVisible()).toBe(true);
    await scan(cara);

    // Presenting hides the facilitator-only parts.
    await cara.getByRole('link', { name: /Present to the group/ }).click();
    await expect.poll(() => cara.getByText(NEW_LESSON).isVisible()).toBe(true);
    expect(await cara.getByText(KNOWLEDGE).count()).toBe(0);
    await scan(cara);

    // The participant sees the lesson, never the knowledge, and cannot open the guide.
    await (await inMainNav(pat, 'link', 'Curriculum')).click();
    await pat.getByRole('link', { name: 'Peer Support Training' }).click();
    await scan(pat);
    await pat.getByRole('link', { name: 'What is Recovery?' }).click();
    await expect.poll(() => pat.getByText(NEW_LESSON).isVisible()).toBe(true);
    expect(await pat.getByText(KNOWLEDGE).count()).toBe(0);
    expect(await pat.getByText('Mini Knowledge').count()).toBe(0);
    await scan(pat);
    const refused = await pat.goto('/programmes/peer-support-training/sessions/02-what-is-recovery/guide');
    expect(refused?.status()).toBe(403);
    await scan(pat);

    // A session with a content note shows it before the lesson.
    await pat.goto('/programmes/peer-support-training/sessions/10-positive-risk-taking-and-boundaries');
    await expect.poll(() => pat.getByRole('heading', { name: 'Content note' }).isVisible()).toBe(true);
    await scan(pat);
  });
});
