import { fail, ok, type Result } from '../../src/model/result.js';
import type { PublishDelivery, PublishedDraft } from '../../src/ipc/contract.js';
import { publishFileName } from '../../src/comms/publish-file-name.js';
import { writeFileAtomic } from './atomic-file.js';
import type { DraftsService } from './drafts-service.js';
import type { ChooseSavePath } from './file-export.js';

export interface PublicationDeliveryOptions {
  drafts: DraftsService;
  /** Absent: this build cannot save files. */
  chooseSavePath?: ChooseSavePath | undefined;
  /** Absent: this build has no clipboard. */
  writeClipboard?: ((text: string) => void) | undefined;
  now?: () => number;
}

/**
 * Publishes a customer update and hands its text over (clipboard or file). Everything that can refuse does so
 * before publishing: an unavailable delivery, a cancelled save dialog. Published means recorded: a delivery
 * that fails afterwards is reported, and the text is still in the timeline to copy.
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
    const r = await this.options.drafts.publish(incident, draft, { markAffectedNotified: options.markAffectedNotified === true });
    if (!r.ok) return r;
    const published = {
      text: r.value.text,
      channel: r.value.channel,
      fileName: r.value.fileName,
      publishedAt: r.value.publishedAt,
      notified: r.value.notified,
    };
    return ok({ ...published, delivered: await this.deliver(r.value.text, deliver, target.value) });
  }

  /** Refuses a delivery this build cannot make; for a file, asks where first, so cancelling publishes nothing. */
  private async prepare(incident: string, draft: string, deliver: PublishDelivery): Promise<Result<string | null>> {
    const { chooseSavePath, writeClipboard } = this.options;
    if (deliver === 'clipboard' && !writeClipboard)
      return fail('not published: the clipboard is not available here; save it to a file instead');
    if (deliver !== 'file') return ok(null);
    if (!chooseSavePath) return fail('not published: saving files is not available here; publish it to the clipboard instead');
    const view = await this.options.drafts.view(incident, draft);
    if (!view.ok) return view;
    const name = publishFileName(view.value.title, view.value.channel, (this.options.now ?? Date.now)());
    const path = await chooseSavePath({
      suggestedName: name,
      filters: [{ name: 'Customer update', extensions: [name.slice(name.lastIndexOf('.') + 1)] }],
    });
    return path === null ? fail('not published: no file was chosen') : ok(path);
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
