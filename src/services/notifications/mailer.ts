import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';

/** One e-mail as the service hands it to the transport. */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Content-Language of the message. */
  language: string;
}

/** Sends e-mails; throws when the server refuses (the caller retries later). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }>;
  close(): void;
}

interface Logger {
  info(obj: object, msg?: string): void;
}

/**
 * The configured transport: SMTP when `MREZA_SMTP_URL` is set, else one that writes each
 * message as an .eml file under `<data>/mail/` and a line to the log, so the embedded start
 * needs no mail server and an operator can still read what would have gone out.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>, logger?: Logger): Mailer {
  const from = config.mailFrom;
  const messageOf = (mail: OutgoingMail) => ({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
  });
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(mail) {
        const info = await transport.sendMail(messageOf(mail));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const folder = path.join(config.dataDir, 'mail');
  return {
    async send(mail) {
      const info = await transport.sendMail(messageOf(mail));
      fs.mkdirSync(folder, { recursive: true });
      const id = info.messageId.replace(/^<|@.*$/g, '').replace(/[^a-zA-Z0-9-]/g, '').slice(0, 40);
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
      const file = path.join(folder, name);
      fs.writeFileSync(file, info.message as Buffer);
      logger?.info({ to: mail.to.address, subject: mail.subject, file }, 'e-mail written to the mail folder (no MREZA_SMTP_URL)');
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}
