import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { acceptInvitationFromOutbox, chromiumAvailable, inviteAndJoin, journey, projects, setUpAdministrator } from './support.ts';
import { inMainNav } from './navigation.ts';

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'kettle harbour lantern' };
const COORDINATOR = { name: 'Cara Coordinator', email: 'cara@example.org', password: 'lighthouse morning tea' };
const FACILITATOR = { name: 'Fran Facilitator', email: 'fran@example.org', password: 'garden gate sunrise' };
const PARTICIPANTS = [
  { name: 'Pat Participant', email: 'pat@example.org', password: 'river stone autumn' },
  { name: 'Quinn Participant', email: 'quinn@example.org', password: 'paper boat harbour' },
  { name: 'Rae Participant', email: 'rae@example.org', password: 'violet morning bell' },
];

const londonDate = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

describe.skipIf(!chromiumAvailable).each(projects)('cohort journey ($name)', (project) => {
  const { newPage, scan } = journey(project, { beforeAll, afterAll });

  it('a coordinator runs a cohort of Module 3 then Module 2; the facilitator takes the register; a participant sees their attendance', async () => {
    const admin = await newPage();
    await setUpAdministrator(admin, ADMIN);
    const cara = await newPage();
    await inviteAndJoin(admin, cara, COORDINATOR, 'coordinator');

    // The Peer 2 Peer modules have no sessions in the seed: the coordinator adds one to each of Modules 3 and 2, and publishes.
    await cara.goto('/programmes/peer-2-peer/draft');
    await cara.getByLabel('New session in Peer Concepts and Practice').fill('Putting peer support into practice');
    await cara.getByRole('button', { name: 'Add session' }).nth(3).click();
    await cara.goto('/programmes/peer-2-peer/draft');
    await cara.getByLabel('New session in The Peer Support Relationship').fill('Values and boundaries');
    await cara.getByRole('button', { name: 'Add session' }).nth(2).click();
    await cara.goto('/programmes/peer-2-peer/draft');
    await cara.getByRole('button', { name: 'Publish version 2' }).click();
    await expect.poll(() => cara.getByText('Published.').isVisible()).toBe(true);

    // Create the cohort: Module 3 first, then Module 2.
    await (await inMainNav(cara, 'link', 'Cohorts')).click();
    await scan(cara);
    await cara.getByRole('link', { name: 'Create a cohort' }).click();
    await scan(cara);
    await cara.getByLabel('Cohort name').fill('Spring cohort');
    await cara.getByLabel('Peer 2 Peer (version 2)').check();
    await cara.getByLabel('Module 3 · Peer Concepts and Practice (1 sessions)').check();
    await cara.getByLabel('Order for Module 3 · Peer Concepts and Practice').fill('1');
    await cara.getByLabel('Module 2 · The Peer Support Relationship (1 sessions)').check();
    await cara.getByLabel('Order for Module 2 · The Peer Support Relationship').fill('2');
    await cara.getByLabel('Starts on').fill(londonDate(-1));
    await cara.getByLabel('Ends on').fill(londonDate(30));
    await cara.getByLabel('How the cohort meets').selectOption('in_person');
    await cara.getByLabel('Venue (optional)').fill('Community Hall');
    await cara.getByRole('button', { name: 'Create cohort' }).click();
    await expect.poll(() => cara.getByRole('heading', { level: 1 }).textContent()).toBe('Spring cohort');
    await scan(cara);
    const cohortUrl = new URL(cara.url()).pathname;
    const schedule = cara.locator('ol.schedule > li');
    await expect.poll(() => schedule.first().textContent()).toContain('Putting peer support into practice');
    await expect.poll(() => schedule.nth(1).textContent()).toContain('Values and boundaries');

    // Schedule: the first session was yesterday, the second is next week.
    await cara.getByRole('link', { name: 'Edit the schedule' }).click();
    await scan(cara);
    await cara.getByLabel('Date').first().fill(londonDate(-1));
    await cara.getByLabel('Start time (24-hour, like 10:00)').first().fill('10:00');
    await cara.getByLabel('Date').nth(1).fill(londonDate(7));
    await cara.getByLabel('Start time (24-hour, like 10:00)').nth(1).fill('10:00');
    await cara.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => cara.getByText('Schedule saved.').isVisible()).toBe(true);

    // Members: a facilitator, then three participants from CSV.
    await cara.getByRole('link', { name: 'Members' }).click();
    await scan(cara);
    await cara.getByLabel('Name', { exact: true }).fill(FACILITATOR.name);
    await cara.getByLabel('Email address').fill(FACILITATOR.email);
    await cara.getByLabel('Role in this cohort').selectOption('facilitator');
    await cara.getByLabel('Facilitates as a person with lived experience').check();
    await cara.getByRole('button', { name: 'Add to cohort' }).click();
    await expect.poll(() => cara.getByText('Invitation sent.').isVisible()).toBe(true);
    await cara.getByRole('link', { name: 'Import participants from a CSV file' }).click();
    await scan(cara);
    await cara.getByLabel('Or paste the CSV here').fill(`name,email\n${PARTICIPANTS.map((p) => `${p.name},${p.email}`).join('\n')}\n`);
    await cara.getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => cara.getByText('Ready to import 3 people').isVisible()).toBe(true);
    await scan(cara);
    await cara.getByRole('button', { name: 'Import 3 people' }).click();
    await expect.poll(() => cara.getByText('Participants imported.').isVisible()).toBe(true);
    await scan(cara);

    // Everyone accepts their invitation from the outbox.
    const fran = await newPage();
    await acceptInvitationFromOutbox(admin, fran, FACILITATOR);
    const pages: Page[] = [];
    for (const p of PARTICIPANTS) {
      const page = await newPage();
      await acceptInvitationFromOutbox(admin, page, p);
      pages.push(page);
    }

    // The facilitator takes the register for yesterday's session.
    await fran.goto(cohortUrl);
    await scan(fran);
    await fran.getByRole('link', { name: 'Register for Putting peer support into practice' }).click();
    await scan(fran);
    await fran.getByRole('group', { name: PARTICIPANTS[0]!.name }).getByLabel('Present').check();
    await fran.getByRole('group', { name: PARTICIPANTS[1]!.name }).getByLabel('Late').check();
    await fran.getByRole('group', { name: PARTICIPANTS[2]!.name }).getByLabel('Absent with notice').check();
    await fran.getByRole('button', { name: 'Save attendance' }).click();
    await expect.poll(() => fran.getByText('Attendance saved.').isVisible()).toBe(true);
    await scan(fran);
    await fran.goto('/');
    await expect.poll(() => fran.getByText('Your next session: Values and boundaries').isVisible()).toBe(true);
    await scan(fran);

    // Participants see their attendance.
    await pages[0]!.goto('/');
    await expect.poll(() => pages[0]!.locator('.attendance').textContent()).toContain('You have attended 1 of 1 sessions so far: 100%');
    await scan(pages[0]!);
    await pages[2]!.goto('/');
    await expect.poll(() => pages[2]!.locator('.attendance').textContent()).toContain('0%');

    // The coordinator sees the grid.
    await cara.goto(`${cohortUrl}/attendance`);
    await expect.poll(() => cara.getByRole('row', { name: new RegExp(PARTICIPANTS[1]!.name) }).textContent()).toContain('Late');
    await scan(cara);
  });
});
