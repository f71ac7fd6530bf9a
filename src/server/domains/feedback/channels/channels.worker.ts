// Background work of the channels in a server process: polling the hotline mailbox (when configured) and
// handling stored inbound messages that no webhook run took (another process stored them, or a crash).
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import type { ChannelsConfig } from './channels.config.js';
import { pollMailbox } from './email.js';
import { inboundProcessingSettled, kickInboundProcessing } from './inbound.js';
import { fallBackOnRefusals } from './outbound.js';

const SWEEP_MS = 15_000;

export function startChannelWork(db: Db, config: ChannelsConfig, log: FastifyBaseLogger): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  let polling: Promise<void> | null = null;
  let stopped = false;
  const imap = config.email.imap;
  if (imap) {
    const poll = () => {
      if (polling || stopped) return;
      polling = pollMailbox(db, imap, { ownAddress: config.email.from, log })
        .then((r) => {
          if (r.stored) { log.info({ stored: r.stored, ignored: r.ignored }, 'feedback mail read'); kickInboundProcessing(db, log); }
        }, (err: unknown) => { log.warn({ err }, 'polling the feedback mailbox failed'); })
        .finally(() => { polling = null; });
    };
    const first = setTimeout(poll, Math.min(5_000, config.email.pollMs));
    const every = setInterval(poll, config.email.pollMs);
    first.unref(); every.unref();
    timers.push(first, every);
  }
  let refusing: Promise<void> | null = null;
  const sweep = setInterval(() => {
    kickInboundProcessing(db, log);
    refusing ??= fallBackOnRefusals(db).then(
      (n) => { if (n) log.info({ messages: n }, 'messages the platforms refused sent another way'); },
      (err: unknown) => { log.warn({ err }, 'falling back on refused channel messages failed'); },
    ).finally(() => { refusing = null; });
  }, SWEEP_MS);
  sweep.unref();
  timers.push(sweep);
  return async () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    await polling;
    await refusing;
    await inboundProcessingSettled(db);
  };
}
