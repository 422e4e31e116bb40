import { fail, ok, type Result } from '../../src/model/result.js';
import type { PublishDelivery, PublishedDraft } from '../../src/ipc/contract.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import type { ChannelsAck } from '../../src/sync/protocol.js';
import { publishFileName } from '../../src/comms/publish-file-name.js';
import { hubPlan } from '../../src/comms/hub-plan.js';
import { writeFileAtomic } from './atomic-file.js';
import type { DraftsService } from './drafts-service.js';
import type { ChooseSavePath } from './file-export.js';

export interface PublicationDeliveryOptions {
  drafts: DraftsService;
  /** Absent: this build cannot save files. */
  chooseSavePath?: ChooseSavePath | undefined;
  /** Absent: this build has no clipboard. */
  writeClipboard?: ((text: string) => void) | undefined;
  /** The incident as folded here: who an email through the hub would reach. */
  state?: ((incident: string) => Promise<IncidentState>) | undefined;
  /** Asks the room's hub what it does with updates (`hub:channels`); absent: this build cannot sync. */
  hubChannels?: ((incident: string) => Promise<Result<ChannelsAck>>) | undefined;
  now?: () => number;
}

/** Where a publication goes, settled before anything is recorded. */
type Target = { path: string | null; hub: ChannelsAck | null; recipients: number };

/**
 * Publishes a customer update and hands its text over (clipboard, file, or the room's hub). Everything that
 * can refuse does so before publishing: an unavailable delivery, a cancelled save dialog, a hub that cannot
 * mail. Published means recorded: a delivery that fails afterwards is reported, and the text is still in the
 * timeline to copy.
 */
export class PublicationDelivery {
  constructor(private readonly options: PublicationDeliveryOptions) {}

  async publish(
    incident: string,
    draft: string,
    deliver: PublishDelivery,
    options: { markAffectedNotified?: boolean } = {},
  ): Promise<Result<PublishedDraft>> {
    const target = await this.prepare(incident, draft, deliver);
    if (!target.ok) return target;
    const hub = target.value.hub;
    const mailer = hub && deliver === 'hub' && target.value.recipients > 0 ? hub.mailer : null;
    const r = await this.options.drafts.publish(incident, draft, {
      markAffectedNotified: options.markAffectedNotified === true,
      ...(mailer ? { mailer: mailer.id } : {}),
    });
    if (!r.ok) return r;
    const published = {
      text: r.value.text,
      channel: r.value.channel,
      fileName: r.value.fileName,
      publishedAt: r.value.publishedAt,
      notified: r.value.notified,
    };
    if (hub) {
      const byMail = mailer ? { mailer: { id: mailer.id, name: mailer.name }, recipients: target.value.recipients } : {};
      return ok({ ...published, delivered: { to: 'hub', statusPage: hub.statusPage.url, ...byMail } });
    }
    return ok({ ...published, delivered: await this.deliver(r.value.text, deliver, target.value.path) });
  }

  /** Refuses a delivery this build cannot make; for a file, asks where first, so cancelling publishes nothing. */
  private async prepare(incident: string, draft: string, deliver: PublishDelivery): Promise<Result<Target>> {
    const { chooseSavePath, writeClipboard } = this.options;
    const none: Target = { path: null, hub: null, recipients: 0 };
    if (deliver === 'clipboard' && !writeClipboard)
      return fail('not published: the clipboard is not available here; save it to a file instead');
    if (deliver === 'hub') return this.prepareHub(incident, draft);
    if (deliver !== 'file') return ok(none);
    if (!chooseSavePath) return fail('not published: saving files is not available here; publish it to the clipboard instead');
    const view = await this.options.drafts.view(incident, draft);
    if (!view.ok) return view;
    const name = publishFileName(view.value.title, view.value.channel, (this.options.now ?? Date.now)());
    const path = await chooseSavePath({
      suggestedName: name,
      filters: [{ name: 'Customer update', extensions: [name.slice(name.lastIndexOf('.') + 1)] }],
    });
    return path === null ? fail('not published: no file was chosen') : ok({ ...none, path });
  }

  /** The hub takes it only when it can: the room is shared and reachable, and for email, it has a mail server and someone to write to. */
  private async prepareHub(incident: string, draft: string): Promise<Result<Target>> {
    const { hubChannels, state } = this.options;
    if (!hubChannels || !state) return fail('not published: this build cannot reach a hub; copy the text instead', 'unavailable');
    const answer = await hubChannels(incident);
    if (!answer.ok) return fail(`not published: ${answer.error}; copy the text instead`, 'unavailable');
    const folded = await state(incident);
    const found = Object.hasOwn(folded.drafts, draft) ? folded.drafts[draft] : undefined;
    if (!found) return fail(`no draft "${draft}" in incident ${incident}`, 'not-found');
    const plan = hubPlan(folded, found, answer.value);
    if (plan.problem) return fail(`not published: ${plan.problem}`, 'unavailable');
    return ok({ path: null, hub: answer.value, recipients: plan.recipients });
  }

  private async deliver(text: string, deliver: PublishDelivery, path: string | null): Promise<PublishedDraft['delivered']> {
    try {
      if (deliver === 'clipboard') {
        this.options.writeClipboard!(text);
        return { to: 'clipboard' };
      }
      if (deliver === 'file' && path !== null) {
        await writeFileAtomic(path, text.endsWith('\n') ? text : `${text}\n`);
        return { to: 'file', path };
      }
    } catch (e) {
      return { to: 'none', problem: `${deliver === 'file' ? 'not saved' : 'not copied'}: ${e instanceof Error ? e.message : String(e)}` };
    }
    return { to: 'none' };
  }
}
