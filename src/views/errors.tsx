import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';
import { renderPage } from './layout.tsx';

const pages = {
  400: { title: 'What was sent could not be read', text: 'What your browser sent could not be read. Go back, check the form and send it again.' },
  401: { title: 'Sign in to continue', text: 'You need to sign in to see this page.' },
  403: { title: 'You cannot see this page', text: 'Your account does not have access to this page. If you think it should, ask your coordinator.' },
  404: { title: 'Page not found', text: 'If you typed the web address, check it is correct. If you followed a link, it may be out of date.' },
  413: { title: 'That was too large to send', text: 'What you sent was larger than we can accept. Go back and try something smaller.' },
  500: { title: 'Sorry, something went wrong', text: 'We could not complete that. Please try again in a few minutes. Anything you had saved is safe.' },
} as const;

/** An error page that says what happened in plain words and nothing about the system behind it. */
export function errorPage(c: Context<AppEnv>, status: keyof typeof pages): Promise<Response> {
  const page = pages[status];
  return renderPage(c, {
    title: page.title,
    status: status === 401 ? 403 : status,
    body: (
      <>
        <h1>{page.title}</h1>
        <p>{page.text}</p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </>
    ),
  });
}
