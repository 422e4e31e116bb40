import type { WarEvent } from '../../../src/kinds/event.js';
import type { CustomerImpact, PublishedUpdate } from '../../../src/model/incident-state.js';
import type { HubRoom } from '../hub-room.js';
import type { ChannelSettingsFile } from './channel-settings.js';
import type { HubWriter } from './hub-writer.js';
import { sendEach, type MailOutcome } from './mailer.js';

export interface CustomerMailOptions {
  settings: ChannelSettingsFile;
  writer: HubWriter;
  roomOf: (id: string) => Promise<HubRoom>;
  relay: (room: string, events: readonly WarEvent[], bytes: number) => void;
  log: (line: string) => void;
  timeoutMs?: number | undefined;
}

/**
 * Emails a published update to its recipients, one batch at a time, and records in the room what the mail
 * server answered for each customer (email.delivery, written by the hub). A customer is marked notified by a
 * "sent" delivery only, so nobody counts as told unless the server took their message.
 */
export class CustomerMail {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: CustomerMailOptions) {}

  send(room: string, incidentTitle: string, update: PublishedUpdate, recipients: readonly CustomerImpact[]): void {
    this.chain = this.chain
      .then(() => this.deliver(room, incidentTitle, update, recipients))
      .catch((e: unknown) => {
        this.options.log(`${room}: email for update ${update.id} failed: ${(e as Error).message}`);
      });
  }

  settled(): Promise<void> {
    return this.chain;
  }

  private async deliver(
    room: string,
    incidentTitle: string,
    update: PublishedUpdate,
    recipients: readonly CustomerImpact[],
  ): Promise<void> {
    const smtp = (await this.options.settings.current()).smtp;
    const outcomes: MailOutcome[] = smtp
      ? await sendEach(
          smtp,
          recipients.map((r) => ({ to: r.contact!.trim(), subject: `Update: ${incidentTitle}`, text: update.text })),
          this.options.timeoutMs,
        )
      : recipients.map(() => ({ outcome: 'failed', reason: 'this hub has no mail server set up (smtp in its channels.json)' }));
    const hub = await this.options.roomOf(room);
    const written = await this.options.writer.write(
      hub,
      recipients.map((r, i) => ({
        kind: 'email.delivery' as const,
        data: {
          publication: update.id,
          target: r.id,
          outcome: outcomes[i]!.outcome,
          ...(outcomes[i]!.reason ? { reason: outcomes[i]!.reason } : {}),
        },
      })),
    );
    if (written.refused.length) this.options.log(`${room}: the room refused the hub's email record: ${written.refused[0]!.reason}`);
    if (written.stored.length) this.options.relay(room, written.stored, written.storedBytes);
    const sent = outcomes.filter((o) => o.outcome === 'sent').length;
    this.options.log(`${room}: emailed update ${update.id}: ${sent} of ${recipients.length} accepted by the mail server`);
  }
}
