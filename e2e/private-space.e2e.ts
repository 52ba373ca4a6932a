import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitationFromOutbox, chromiumAvailable, journey, projects, setUpAdministrator } from './support.ts';
import { inMainNav } from './navigation.ts';

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'kettle harbour lantern' };
const FACILITATOR = { name: 'Fran Facilitator', email: 'fran@example.org', password: 'garden gate sunrise' };
const PARTICIPANT = { name: 'Pat Participant', email: 'pat@example.org', password: 'river stone autumn' };

describe.skipIf(!chromiumAvailable).each(projects)('private space journey ($name)', (project) => {
  const { newPage, scan } = journey(project, { beforeAll, afterAll });

  it('a participant consents, writes, restores and shares a story; the facilitator reads and comments; the participant sees both', async () => {
    const admin = await newPage();
    await setUpAdministrator(admin, ADMIN);

    // A cohort of the Peer Support Training course, with a facilitator and a participant.
    await admin.goto('/cohorts/new');
    await admin.getByLabel('Cohort name').fill('Story cohort');
    await admin.getByLabel('Peer Support Training (version 1)').check();
    await admin.getByLabel('Course content (11 sessions)').check();
    await admin.getByLabel('Starts on').fill('2027-01-10');
    await admin.getByLabel('Ends on').fill('2027-03-28');
    await admin.getByLabel('How the cohort meets').selectOption('online');
    await admin.getByRole('button', { name: 'Create cohort' }).click();
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Story cohort');
    const cohortUrl = new URL(admin.url()).pathname;
    for (const [person, role] of [
      [FACILITATOR, 'facilitator'],
      [PARTICIPANT, 'participant'],
    ] as const) {
      await admin.goto(`${cohortUrl}/members`);
      await admin.getByLabel('Name', { exact: true }).fill(person.name);
      await admin.getByLabel('Email address').fill(person.email);
      await admin.getByLabel('Role in this cohort').selectOption(role);
      await admin.getByRole('button', { name: 'Add to cohort' }).click();
      await expect.poll(() => admin.getByText('Invitation sent.').isVisible()).toBe(true);
    }
    const fran = await newPage();
    await acceptInvitationFromOutbox(admin, fran, FACILITATOR);
    const pat = await newPage();
    await acceptInvitationFromOutbox(admin, pat, PARTICIPANT);

    // Consent first.
    await (await inMainNav(pat, 'link', 'My private space')).click();
    await scan(pat);
    await pat.getByRole('link', { name: 'read how your writing is kept and give your consent' }).click();
    await scan(pat);
    await pat.getByLabel('Yes: keep my reflective writing').check();
    await pat.getByLabel('Yes: share what I choose with my facilitators').check();
    await pat.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => pat.getByText('Your choices have been saved.').isVisible()).toBe(true);

    // Write, save twice, restore the first version.
    await pat.goto('/my/stories/new');
    await scan(pat);
    await pat.getByLabel('Title').fill('Where I am now');
    await pat.getByLabel('Your story').fill('The first version of my story.');
    await pat.getByRole('button', { name: 'Save' }).click();
    await pat.waitForURL((u) => u.searchParams.get('notice') === 'saved');
    await expect.poll(() => pat.getByText('Saved.', { exact: true }).isVisible()).toBe(true);
    await scan(pat);
    await pat.getByLabel('Your story').fill('A second version I am less sure about.');
    await pat.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => pat.getByRole('link', { name: 'Version 2' }).isVisible()).toBe(true);
    await pat.getByRole('link', { name: 'Version 1' }).click();
    await scan(pat);
    await pat.getByRole('button', { name: 'Restore this version' }).click();
    await expect.poll(() => pat.getByLabel('Your story').inputValue()).toBe('The first version of my story.');

    // Share it.
    await pat.getByRole('button', { name: 'Share with my facilitators' }).click();
    await expect.poll(() => pat.getByText('Shared with your cohort’s facilitators.').first().isVisible()).toBe(true);
    await scan(pat);
    const storyUrl = new URL(pat.url()).pathname;

    // The facilitator reads and comments.
    await fran.goto(cohortUrl);
    await fran.getByRole('link', { name: 'Shared with you' }).click();
    await scan(fran);
    await fran.getByRole('link', { name: 'Where I am now' }).click();
    await expect.poll(() => fran.getByText('The first version of my story.').isVisible()).toBe(true);
    await scan(fran);
    await fran.getByLabel('Add a comment').fill('Thank you for trusting us with this.');
    await fran.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => fran.getByText('Thank you for trusting us with this.').isVisible()).toBe(true);

    // The participant sees the comment and who read it.
    await pat.goto(storyUrl);
    await expect.poll(() => pat.getByText('Thank you for trusting us with this.').isVisible()).toBe(true);
    await expect
      .poll(() =>
        pat
          .getByText(/Fran Facilitator read it on/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await scan(pat);
  });
});
