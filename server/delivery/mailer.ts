/**
 * E-mail through nodemailer, only when SMTP_URL is configured (e.g. smtp://user:pass@host:587).
 * The transport is created per send: list deliveries are rare, and a changed SMTP server needs no restart.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export function mailConfigured(config: Config): boolean {
  return !!config.SMTP_URL;
}

/** Sends one message; resolves with the server's response line, rejects on refusal. */
export async function sendMail(config: Config, msg: MailMessage, timeoutMs: number): Promise<string> {
  if (!config.SMTP_URL) throw new Error('SMTP_URL is not configured');
  const transport = nodemailer.createTransport({
    url: config.SMTP_URL,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: config.MAIL_FROM, ...msg });
    return String(info.response ?? '');
  } finally {
    transport.close();
  }
}
