// Sends the events' letters through SMTP when SMTP_URL is configured; otherwise nothing listens and no event
// costs anything. A failed send is logged with the event's kind and the error's code only, never an address.
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../http/logger.js';
import { onMailEvent, type MailEvent } from './events.js';
import { lettersFor } from './letters.js';

export interface Notifier {
  stop(): void;
  /** Resolves when every send started so far has ended (tests, and a draining shutdown). */
  idle(): Promise<void>;
}

export function startNotifications(config: Config, logger: Logger): Notifier {
  const mail = config.mail;
  if (!mail) return { stop: () => undefined, idle: async () => undefined };
  const transport = nodemailer.createTransport(mail.smtpUrl);
  const running = new Set<Promise<void>>();

  const deliver = async (event: MailEvent) => {
    let letters;
    try {
      letters = await lettersFor(event, config.publicUrl);
    } catch (err) {
      logger.warn({ event: event.kind, code: (err as { code?: string }).code ?? (err as Error).name }, 'notification: recipients not found');
      return;
    }
    for (const letter of letters) {
      try {
        await transport.sendMail({ from: mail.from, to: letter.to, subject: letter.subject, text: letter.text });
      } catch (err) {
        logger.warn({ event: event.kind, code: (err as { code?: string }).code ?? (err as Error).name }, 'notification: e-mail not sent');
      }
    }
  };

  const unsubscribe = onMailEvent((event) => {
    const job = deliver(event).finally(() => running.delete(job));
    running.add(job);
  });
  return {
    stop: () => {
      unsubscribe();
      transport.close();
    },
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
