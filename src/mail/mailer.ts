import nodemailer from 'nodemailer';
import type { Db } from '../db/index.ts';
import type { Clock } from '../lib/clock.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** True when mail is kept in the in-app outbox rather than sent. */
  readonly usesOutbox: boolean;
  send(message: MailMessage): Promise<void>;
}

/** Keeps messages in the outbox table, for development and for organisations without a mail server yet. */
export function outboxMailer(db: Db, clock: Clock): Mailer {
  return {
    usesOutbox: true,
    async send(m) {
      await db
        .insertInto('outbox_messages')
        .values({ id: crypto.randomUUID(), created_at: clock.now().toISOString(), to_address: m.to, subject: m.subject, body_text: m.text })
        .execute();
    },
  };
}

/** Sends through the SMTP server named by SMTP_URL (e.g. smtps://user:pass@mail.example.org). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    usesOutbox: false,
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
