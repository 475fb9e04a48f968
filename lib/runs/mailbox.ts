// Who receives a function result published on a channel. Mailboxes are per owner (the API secret):
// one tenant's channel names never meet another's. Within an owner:
// - a public publish reaches every waiter on that channel at that moment (each gets its own copy); when
//   none waits, the next waiter takes it, until it expires (PUBLISH_MESSAGE_TTL_MS);
// - an answer given in a run's own page goes to that run's own mailbox, so no other run can take it.
import type { AppConfig } from '../config';
import type { ChannelBus, RunStore } from '../store/types';
import { waiterMailbox } from '../store/types';

/** The owner's mailbox for a channel name. */
export const mailboxOf = (owner: string, channel: string) => `${owner}:${channel}`;

interface MailboxDeps {
  store: RunStore;
  bus: ChannelBus;
  config: Pick<AppConfig, 'PUBLISH_MESSAGE_TTL_MS'>;
}

/** A public publish; returns how many waiters it reached (0: it waits for the next one). */
export async function publishMessage(deps: MailboxDeps, owner: string, channel: string, message: unknown) {
  const mailbox = mailboxOf(owner, channel);
  const reached = await deps.store.broadcastMailboxMessage(
    mailbox,
    message,
    deps.config.PUBLISH_MESSAGE_TTL_MS,
  );
  deps.bus.notifyPublished(mailbox);
  return reached;
}

/** An answer for one waiter only (a run's channel id): kept for it alone until it expires. */
export async function answerWaiter(
  deps: MailboxDeps,
  owner: string,
  channel: string,
  waiter: string,
  message: unknown,
) {
  const mailbox = mailboxOf(owner, channel);
  await deps.store.putMailboxMessage(
    waiterMailbox(mailbox, waiter),
    message,
    deps.config.PUBLISH_MESSAGE_TTL_MS,
  );
  deps.bus.notifyPublished(mailbox);
}

/** What a waiter may take: its own answers first, then what was published while nobody waited. */
export async function takeFor(store: RunStore, owner: string, channel: string, waiter: string) {
  const mailbox = mailboxOf(owner, channel);
  return (
    (await store.takeMailboxMessage(waiterMailbox(mailbox, waiter))) ?? store.takeMailboxMessage(mailbox)
  );
}
