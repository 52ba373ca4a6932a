import { formatDate } from '../../lib/format.ts';
import { isOrgRole, roleLabel } from '../../policies/actor.ts';
import { ErrorSummary, Notice, PostForm, Select, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { roleOptions } from './forms.ts';
import type { UserSummary } from './queries.ts';
import { ColumnHeads } from '../../views/table.tsx';

const statusLabel: Record<string, string> = { active: 'Active', invited: 'Invited', deactivated: 'Deactivated' };

const notices: Record<string, string> = {
  invited: 'Invitation sent.',
  resent: 'A new invitation has been sent. The earlier link no longer works.',
  role: 'Role changed.',
  deactivated: 'Account deactivated. They have been signed out everywhere.',
  reactivated: 'Account reactivated.',
};

function ActionNotice({ code }: { code: string | undefined }) {
  return <Notice text={code ? notices[code] : undefined} />;
}

export function UserListView({ users, notice }: { users: UserSummary[]; notice?: string | undefined }) {
  return (
    <>
      <h1>People</h1>
      <ActionNotice code={notice} />
      <p>
        <a class="button" href="/admin/users/invite">
          Invite someone
        </a>
      </p>
      <table>
        <caption class="visually-hidden">Everyone with an account</caption>
        <ColumnHeads columns={['Name', 'Email', 'Role', 'Status']} />
        <tbody>
          {users.map((u) => (
            <tr>
              <td>
                <a href={`/admin/users/${u.id}`}>{u.name}</a>
              </td>
              <td class="break">{u.email}</td>
              <td>{roleLabel(isOrgRole(u.role) ? u.role : null)}</td>
              <td>{statusLabel[u.status] ?? u.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function InviteView({ values, errors }: { values?: FormValues; errors?: FieldErrors }) {
  return (
    <>
      <h1>Invite someone</h1>
      <p>They will get an email with a link to choose a password. The link works for seven days.</p>
      <ErrorSummary errors={errors} />
      <PostForm action="/admin/users/invite">
        <TextField name="name" label="Their name" value={values?.name} error={errors?.name} />
        <TextField name="email" type="email" label="Their email address" spellcheck={false} value={values?.email} error={errors?.email} />
        <Select
          name="role"
          label="Organisation role"
          hint="Facilitators, participants and assessors get their roles in each cohort; most people need no organisation role."
          options={roleOptions}
          value={values?.role ?? ''}
          error={errors?.role}
        />
        <button type="submit">Send invitation</button>
      </PostForm>
      <p>
        <a href="/admin/users">Back to people</a>
      </p>
    </>
  );
}

export function UserView({ user, isSelf, errors, notice }: { user: UserSummary; isSelf: boolean; errors?: FieldErrors; notice?: string | undefined }) {
  return (
    <>
      <h1>{user.name}</h1>
      <ActionNotice code={notice} />
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        <div>
          <dt>Email address</dt>
          <dd class="break">{user.email}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{statusLabel[user.status] ?? user.status}</dd>
        </div>
        <div>
          <dt>Account created</dt>
          <dd>{formatDate(user.created_at)}</dd>
        </div>
      </dl>
      <h2>Organisation role</h2>
      <PostForm action={`/admin/users/${user.id}/role`}>
        <Select name="role" label="Role" options={roleOptions} value={user.role ?? ''} error={errors?.role} />
        <button type="submit">Change role</button>
      </PostForm>
      {user.status === 'invited' ? (
        <PostForm action={`/admin/users/${user.id}/resend`}>
          <button type="submit" class="button-secondary">
            Send a new invitation
          </button>
        </PostForm>
      ) : null}
      <h2>Access</h2>
      {user.status === 'deactivated' ? (
        <PostForm action={`/admin/users/${user.id}/reactivate`}>
          <button type="submit" class="button-secondary">
            Reactivate account
          </button>
        </PostForm>
      ) : isSelf ? (
        <p>You cannot deactivate your own account.</p>
      ) : (
        <PostForm action={`/admin/users/${user.id}/deactivate`}>
          <p>Deactivating signs them out everywhere and stops them signing in. Their records are kept.</p>
          <button type="submit" class="button-warning">
            Deactivate account
          </button>
        </PostForm>
      )}
      <p>
        <a href="/admin/users">Back to people</a>
      </p>
    </>
  );
}
