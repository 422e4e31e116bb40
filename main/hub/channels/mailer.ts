import Mail from 'nodemailer/lib/mailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { EmailOutcome } from '../../../src/model/vocabulary.js';
import type { SmtpSettings } from './channel-settings.js';

export interface MailOutcome {
  outcome: EmailOutcome;
  /** The server's own words when it did not take the message, or what went wrong on the way. */
  reason?: string;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

/** How long a mail server may take to answer each step before the message counts as not sent. */
const SMTP_TIMEOUT_MS = 20_000;

/**
 * Sends messages through the team's mail server (nodemailer), one SMTP transaction per customer, so a refused
 * address affects that customer only. Each message gets the server's answer: accepted ("sent"), or refused or
 * lost on the way ("failed", with the reason as the server gave it). Messages go one after another on one
 * connection, which is closed after the batch.
 */
export async function sendEach(
  smtp: SmtpSettings,
  messages: readonly OutgoingMessage[],
  timeoutMs = SMTP_TIMEOUT_MS,
): Promise<MailOutcome[]> {
  // nodemailer's SMTP transport and mailer themselves (what createTransport builds for these options): the
  // other transports (SES, sendmail, ...) stay out of the app's bundle.
  const options: SMTPTransport.Options = {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // Never log: the transcript would hold the password and the customers' addresses.
    logger: false,
    debug: false,
  };
  const transport = new Mail<SMTPTransport.SentMessageInfo>(new SMTPTransport(options), options);
  const out: MailOutcome[] = [];
  try {
    for (const m of messages) out.push(await sendOne(transport, smtp.from, m));
  } finally {
    transport.close();
  }
  return out;
}

async function sendOne(transport: Mail<SMTPTransport.SentMessageInfo>, from: string, m: OutgoingMessage): Promise<MailOutcome> {
  try {
    const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    const accepted = (info.accepted as Array<string | { address: string }>).map((a) =>
      (typeof a === 'string' ? a : a.address).toLowerCase(),
    );
    if (accepted.includes(m.to.trim().toLowerCase())) return { outcome: 'sent' };
    return { outcome: 'failed', reason: clean(String(info.response || 'the server did not accept the address')) };
  } catch (e) {
    return { outcome: 'failed', reason: reasonOf(e as Error & { response?: string; code?: string }) };
  }
}

function reasonOf(e: Error & { response?: string; code?: string }): string {
  if (typeof e.response === 'string' && e.response.trim()) return clean(e.response);
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') return clean(`the mail server connection failed: ${e.message}`);
  if (e.code === 'ETIMEDOUT') return 'the mail server did not answer in time';
  if (e.code === 'EAUTH') return clean(`the mail server refused the hub's login: ${e.message}`);
  return clean(e.message || 'the message could not be sent');
}

/** One line, at most 500 characters (the event's limit), no control characters. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length <= 500 ? line : `${line.slice(0, 499)}…`;
}
