import { PostForm } from '../../views/form.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import type { CohortRole } from '../../policies/actor.ts';
import type { AccessGrant, ItemComment, ReadLogEntry } from './queries.ts';

/** Facilitators' comments on a shared item, oldest first. */
export function CommentList({ comments }: { comments: readonly ItemComment[] }) {
  return (
    <>
      {comments.length === 0 ? <p>No comments yet.</p> : null}
      {comments.map((cm) => (
        <div class="comment">
          <p class="hint">
            {cm.name}, {formatDateTime(cm.created_at)}
          </p>
          <p>{cm.text}</p>
        </div>
      ))}
    </>
  );
}

/** What a granted role lets its holder read of a participant's, in the participant's words. */
const WHAT_THE_ROLE_OPENS: Record<CohortRole, { noun: string; opens: string }> = {
  facilitator: { noun: 'a facilitator', opens: 'they can read what you share with your facilitators' },
  assessor: { noun: 'an assessor', opens: 'they will mark the work you hand in for assessment' },
  verifier: { noun: 'a verifier', opens: 'they may check a sample of the marked work you hand in for assessment' },
  participant: { noun: 'a participant', opens: 'they take part with you' },
};

const grantWords = (g: AccessGrant): string => {
  const { noun, opens } = WHAT_THE_ROLE_OPENS[g.role];
  return `${g.name ?? 'Someone no longer here'} became ${noun} of ${g.cohortName} on ${formatDate(g.occurred_at)}: ${opens}`;
};

const lineWords = (v: ReadLogEntry): string =>
  v.kind === 'read'
    ? `${v.name ?? 'Someone no longer here'} read it on ${formatDateTime(v.occurred_at)}`
    : v.kind === 'grant'
      ? grantWords(v)
      : `You joined ${v.cohortName} on ${formatDate(v.occurred_at)}: its facilitators can read what you share with your facilitators`;

/**
 * An item's read log, for its owner: who other than them has read it (the audit trail of
 * `readHealthItem()`), who was given a role that lets them read it, and when they joined a cohort
 * whose facilitators it then reached.
 */
export function WhoHasRead({ views, heading = 2 }: { views: readonly ReadLogEntry[]; heading?: 2 | 3 }) {
  const anyRead = views.some((v) => v.kind === 'read');
  return (
    <>
      {heading === 2 ? <h2>Who has read it</h2> : <h3>Who has read it</h3>}
      {views.length === 0 ? <p>No one but you.</p> : anyRead ? null : <p>No one but you has read it yet.</p>}
      <ul>
        {views.map((v) => (
          <li>{lineWords(v)}</li>
        ))}
      </ul>
    </>
  );
}

/** Who has read an item and what facilitators said about it, for its owner. */
export function ViewsAndComments({ views, comments }: { views: readonly ReadLogEntry[]; comments: readonly ItemComment[] }) {
  return (
    <>
      <WhoHasRead views={views} />
      <h2>Comments</h2>
      <CommentList comments={comments} />
    </>
  );
}

/** Share with my facilitators / make it private, for items whose form posts `shared=yes` or nothing. */
export function SharingForm({ action, shared }: { action: string; shared: boolean }) {
  return (
    <>
      <h2>Sharing</h2>
      <p>{shared ? 'Shared with your cohort’s facilitators. They can read it and comment.' : 'Private: only you can read it.'}</p>
      <PostForm action={action}>
        <input type="hidden" name="shared" value={shared ? '' : 'yes'} />
        <button type="submit" class="button-secondary">
          {shared ? 'Make it private' : 'Share with my facilitators'}
        </button>
      </PostForm>
    </>
  );
}

/** The home of the private space: where everything the person keeps is. */
export function PrivateHomeView({
  mayWrite,
  stories,
  stocktakeCohortIds,
}: {
  mayWrite: boolean;
  stories: { id: string; title: string; shared: boolean }[];
  stocktakeCohortIds: readonly string[];
}) {
  return (
    <>
      <h1>My private space</h1>
      <p>What you write here is yours. Only you can read it unless you choose to share something with your facilitators.</p>
      <p class="actions">
        <a href="/my/consent">Who can see what, and your choices</a>
        <a href="/my/data">Download everything we hold about you</a>
      </p>
      <p class="actions">
        <a href="/my/journal">My reflective journal</a>
        <a href="/my/wellbeing">My wellbeing plan</a>
        <a href="/my/readiness">Readiness conversations</a>
        <a href="/my/certificates">My certificates</a>
        {stocktakeCohortIds.map((cohortId) => (
          <a href={`/my/stocktake/${cohortId}`}>My personal stocktake</a>
        ))}
      </p>
      <h2>Recovery story</h2>
      {!mayWrite ? (
        <p>
          Before you write, <a href="/my/consent">read how your writing is kept and give your consent</a>.
        </p>
      ) : (
        <p>
          <a class="button" href="/my/stories/new">
            Start a new story
          </a>
        </p>
      )}
      {stories.length === 0 ? <p>You have not written a story yet.</p> : null}
      <ul>
        {stories.map((s) => (
          <li>
            <a href={`/my/stories/${s.id}`}>{s.title}</a> <span class="hint">{s.shared ? 'Shared with your facilitators' : 'Private'}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
