import { ErrorSummary, Notice, PostForm, TextField, type FieldErrors, type FormValues } from '../views/form.tsx';
import { PASSWORD_MIN } from './passwords.ts';

interface FormProps {
  values?: FormValues;
  errors?: FieldErrors;
}

const passwordHint = `At least ${PASSWORD_MIN} characters. Three random words you can remember work well.`;

function NewPasswordFields({ errors }: { errors?: FieldErrors | undefined }) {
  return (
    <>
      <TextField name="password" type="password" label="Create a password" hint={passwordHint} autocomplete="new-password" error={errors?.password} />
      <TextField name="confirmPassword" type="password" label="Type the password again" autocomplete="new-password" error={errors?.confirmPassword} />
    </>
  );
}

export function SetupView({ values, errors }: FormProps) {
  return (
    <>
      <h1>Set up Peer Toolbox</h1>
      <p>Create the first administrator account. You can invite coordinators, facilitators and others once it exists.</p>
      <ErrorSummary errors={errors} />
      <PostForm action="/setup">
        <TextField name="name" label="Your name" autocomplete="name" value={values?.name} error={errors?.name} />
        <TextField name="email" type="email" label="Email address" autocomplete="email" spellcheck={false} value={values?.email} error={errors?.email} />
        <NewPasswordFields errors={errors} />
        <button type="submit">Create administrator account</button>
      </PostForm>
    </>
  );
}

export function SignInView({ values, errors, next, notice, setupOpen }: FormProps & { next: string; notice?: string | undefined; setupOpen: boolean }) {
  return (
    <>
      <h1>Sign in</h1>
      <Notice text={notice} />
      {setupOpen ? (
        <Notice>
          <p>
            Peer Toolbox has not been set up yet. <a href="/setup">Create the first administrator account</a>.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <PostForm action="/sign-in">
        <input type="hidden" name="next" value={next} />
        <TextField name="email" type="email" label="Email address" autocomplete="username" spellcheck={false} value={values?.email} error={errors?.email} />
        <TextField name="password" type="password" label="Password" autocomplete="current-password" error={errors?.password} />
        <button type="submit">Sign in</button>
      </PostForm>
      <p>
        <a href="/password-reset">I have forgotten my password</a>
      </p>
    </>
  );
}

export function ResetRequestView({ values, errors, sent }: FormProps & { sent?: boolean }) {
  if (sent) {
    return (
      <>
        <h1>Check your email</h1>
        <p>If that address belongs to an account, we have sent it a link to choose a new password. The link works once and for one hour.</p>
        <p>
          <a href="/sign-in">Back to sign in</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Reset your password</h1>
      <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
      <ErrorSummary errors={errors} />
      <PostForm action="/password-reset">
        <TextField name="email" type="email" label="Email address" autocomplete="email" spellcheck={false} value={values?.email} error={errors?.email} />
        <button type="submit">Send the link</button>
      </PostForm>
    </>
  );
}

export function LinkExpiredView({ kind }: { kind: 'reset' | 'invitation' }) {
  return (
    <>
      <h1>This link no longer works</h1>
      {kind === 'reset' ? (
        <p>
          Password reset links work once and for one hour. <a href="/password-reset">Ask for a new link</a>.
        </p>
      ) : (
        <p>Invitation links work once and for seven days. Ask the person who invited you to send a new invitation.</p>
      )}
    </>
  );
}

export function ResetView({ action, errors }: FormProps & { action: string }) {
  return (
    <>
      <h1>Choose a new password</h1>
      <p>You will be signed out everywhere else when you save it.</p>
      <ErrorSummary errors={errors} />
      <PostForm action={action}>
        <NewPasswordFields errors={errors} />
        <button type="submit">Save new password</button>
      </PostForm>
    </>
  );
}

export function InvitationView({ action, email, values, errors }: FormProps & { action: string; email: string }) {
  return (
    <>
      <h1>Create your account</h1>
      <p>
        You have been invited to Peer Toolbox as <strong>{email}</strong>. Choose the name people will see and a password.
      </p>
      <ErrorSummary errors={errors} />
      <PostForm action={action}>
        <TextField name="name" label="Your name" autocomplete="name" value={values?.name} error={errors?.name} />
        <NewPasswordFields errors={errors} />
        <button type="submit">Create account</button>
      </PostForm>
    </>
  );
}

export function ChangePasswordView({ errors, done }: FormProps & { done?: boolean }) {
  return (
    <>
      <h1>Change your password</h1>
      <Notice text={done ? 'Your password has been changed. You have been signed out on every other device.' : null} />
      <ErrorSummary errors={errors} />
      <PostForm action="/account/password">
        <TextField name="currentPassword" type="password" label="Current password" autocomplete="current-password" error={errors?.currentPassword} />
        <NewPasswordFields errors={errors} />
        <button type="submit">Change password</button>
      </PostForm>
    </>
  );
}
