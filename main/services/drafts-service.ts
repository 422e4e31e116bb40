import type { WarEvent } from '../../src/kinds/event.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import {
  DRAFT_AUDIENCES,
  DRAFT_CHANNELS,
  LIMITS,
  type DraftAudience,
  type DraftChannel,
  type TemplateKey,
} from '../../src/model/vocabulary.js';
import type { Draft, IncidentState } from '../../src/model/incident-state.js';
import { textDigest } from '../../src/comms/digest.js';
import { draftText, seedUpdate, textWithUpdate } from '../../src/comms/draft-text.js';
import { blocking, lintUpdate, type Finding } from '../../src/comms/linter/index.js';
import { draftView, lintContext, type DraftView } from '../../src/comms/draft-view.js';
import { publishFileName } from '../../src/comms/publish-file-name.js';
import { recipientsOf } from '../../src/comms/recipients.js';
import { isTemplateKey, renderTemplate, TEMPLATE_FOR_STATUS } from '../../src/comms/templates.js';
import type { WarRoom } from './war-room.js';
import { finalRefusal, type FinalVerb } from '../../src/kinds/draft.js';

export interface DraftsServiceOptions {
  warRoom: WarRoom;
  now?: () => number;
  /** The writer's preferred IANA time zone for rendered templates; UTC when absent or unknown. */
  timeZone?: () => string | undefined;
  /** The team's own words customers know, passed to the linter so the review checks what the writer saw. */
  teamWords?: () => readonly string[];
}

export interface CreateDraftInput {
  incident: string;
  title?: string;
  audience: DraftAudience;
  channel: DraftChannel;
  /** Required when audience is "customer": the customer's name as listed in the incident's impacts. */
  customer?: string;
  /** Template to start from; when neither template nor text is given, the one for the incident's status. */
  template?: TemplateKey;
  /** Starting text instead of a template. */
  text?: string;
  /** Time zone for this rendering, overriding the service's. */
  tz?: string;
}

export interface DraftMetaChanges {
  title?: string;
  audience?: DraftAudience;
  channel?: DraftChannel;
  /** null clears the named customer. */
  customer?: string | null;
}

export interface ReviewInput {
  /** Rule ids of the error and warning findings the person has read and accepts. */
  acknowledged?: readonly string[];
  note?: string;
}

/** What the drafts pane shows for one draft (built by src/comms/draft-view.ts, shared with the renderer). */
export type { DraftView };
/** Re-exported: callers of the service used to import it from here. */
export { lintContext };

export interface ReviewOutcome {
  event: WarEvent;
  findings: Finding[];
  digest: string;
}

export interface PublishOutcome {
  event: WarEvent;
  /** The final text, exactly as recorded in the timeline. */
  text: string;
  channel: DraftChannel;
  audience: DraftAudience;
  /** A file name for "save to file"; the UI decides between clipboard and file per channel. */
  fileName: string;
  publishedAt: number;
  notified: { id: string; customer: string }[];
}

/**
 * Customer updates through the war-room facade: drafts (Yjs text carried in draft.edited events), the
 * ready / approve / publish review, templates and cadence. Every refusal is a Result with the reason; nothing
 * is written then.
 *
 * The review's rules and policies are not here: they are the draft kinds' own (src/kinds/draft.ts and
 * src/kinds/draft-policy.ts), judged by the gate every road passes (WarRoom.record here, the hub, the fold),
 * so the window's generic channel cannot reach around them. This service computes what the review events
 * carry from the log (the text's fingerprint, the findings acknowledged, who was told) and passes on the
 * gate's code and reason:
 * - markReady and approve each take the rule ids the person acknowledges; every error and warning finding of
 *   the current text must be acknowledged at both steps (info never blocks). Errors are acknowledgeable, not a
 *   hard stop, but only by two different people.
 * - approve: not the person who marked it ready (by actor id), and someone holding the commander or comms role.
 * - each step records a fingerprint of the text; approval and publishing refuse if the text changed since.
 * - publish records draft.published with the final text and the customer impacts it notified.
 */
export class DraftsService {
  private readonly now: () => number;

  private teamWords(): readonly string[] {
    return this.options.teamWords?.() ?? [];
  }

  constructor(private readonly options: DraftsServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  private get warRoom(): WarRoom {
    return this.options.warRoom;
  }

  async createDraft(input: CreateDraftInput): Promise<Result<{ draftId: string; text: string; event: WarEvent; seed?: string }>> {
    const state = await this.incidentState(input.incident);
    if (!state.ok) return state;
    if (!(DRAFT_AUDIENCES as readonly string[]).includes(input.audience))
      return fail(`audience must be one of ${DRAFT_AUDIENCES.join(', ')}`, 'invalid');
    if (!(DRAFT_CHANNELS as readonly string[]).includes(input.channel))
      return fail(`channel must be one of ${DRAFT_CHANNELS.join(', ')}`, 'invalid');
    const customer = input.customer?.trim();
    if (input.audience === 'customer' && !customer) return fail("a draft for one customer needs the customer's name", 'invalid');
    if (input.audience !== 'customer' && customer)
      return fail(`a customer is named only for audience "customer", not "${input.audience}"`, 'invalid');
    if (input.template !== undefined && !isTemplateKey(input.template))
      return fail(`unknown template "${String(input.template)}"`, 'invalid');
    const template = input.text === undefined ? (input.template ?? TEMPLATE_FOR_STATUS[state.value.status]) : input.template;
    const text =
      input.text ??
      renderTemplate(template!, state.value, {
        now: this.now(),
        tz: input.tz ?? this.options.timeZone?.(),
        audience: input.audience,
        ...(customer ? { customer } : {}),
      });
    if (text.length > LIMITS.text) return fail(`the starting text is ${text.length} characters; the limit is ${LIMITS.text}`, 'invalid');
    const title = input.title?.trim() || defaultTitle(template, input.audience, customer);

    const created = await this.warRoom.record(input.incident, 'draft.created', {
      title,
      audience: input.audience,
      channel: input.channel,
      ...(customer ? { customer } : {}),
      ...(template ? { template } : {}),
    });
    if (!created.ok) return created;
    if (text === '') return ok({ draftId: created.value.id, text, event: created.value });
    const seed = seedUpdate(text);
    const seeded = await this.warRoom.record(input.incident, 'draft.edited', { target: created.value.id, update: seed });
    if (!seeded.ok) return fail(`draft created but its starting text was not saved: ${seeded.error}`, seeded.code);
    return ok({ draftId: created.value.id, text, event: created.value, seed });
  }

  /** Records one Yjs update (base64) from an editor. Returns the draft's merged text. */
  async editDraft(incident: string, draftId: string, update: string): Promise<Result<{ text: string; event: WarEvent }>> {
    const found = await this.draft(incident, draftId, 'edit');
    if (!found.ok) return found;
    if (typeof update !== 'string' || update === '') return fail('an edit needs a Yjs update (base64)', 'invalid');
    const next = textWithUpdate(found.value.draft.updates, update);
    if (!next.ok) return next;
    if (next.value.length > LIMITS.text)
      return fail(`the draft would be ${next.value.length} characters; the limit is ${LIMITS.text}`, 'invalid');
    const event = await this.warRoom.record(incident, 'draft.edited', { target: draftId, update });
    if (!event.ok) return event;
    return ok({ text: next.value, event: event.value });
  }

  async setMeta(incident: string, draftId: string, changes: DraftMetaChanges): Promise<Result<WarEvent>> {
    const found = await this.draft(incident, draftId, 'edit');
    if (!found.ok) return found;
    const { draft } = found.value;
    const audience = changes.audience ?? draft.audience;
    const customer = changes.customer === undefined ? draft.customer : changes.customer?.trim() || undefined;
    if (audience === 'customer' && !customer) return fail("a draft for one customer needs the customer's name", 'invalid');
    const data: Record<string, unknown> = { target: draftId };
    if (changes.title !== undefined) data.title = changes.title;
    if (changes.audience !== undefined) data.audience = changes.audience;
    if (changes.channel !== undefined) data.channel = changes.channel;
    if (changes.customer !== undefined) data.customer = changes.customer === null ? null : changes.customer.trim();
    // Leaving "one customer" drops the name, so it cannot leak into a broader audience's recipients.
    if (audience !== 'customer' && draft.customer !== undefined && changes.customer === undefined) data.customer = null;
    return this.warRoom.record(incident, 'draft.updated', data);
  }

  async view(incident: string, draftId: string): Promise<Result<DraftView>> {
    const found = await this.draft(incident, draftId, 'read');
    if (!found.ok) return found;
    const { state, draft } = found.value;
    return ok(draftView(state, draft, draftText(draft), this.teamWords()));
  }

  /** Every draft of the incident, newest last, retracted ones left out. */
  async list(incident: string): Promise<Result<DraftView[]>> {
    const state = await this.incidentState(incident);
    if (!state.ok) return state;
    const views: DraftView[] = [];
    for (const id of state.value.draftOrder) {
      if (state.value.drafts[id]?.retracted !== null) continue;
      const v = await this.view(incident, id);
      if (v.ok) views.push(v.value);
    }
    return ok(views);
  }

  /** The author says "this is ready". Refused while an error or warning finding is not acknowledged. */
  async markReady(incident: string, draftId: string, input: ReviewInput = {}): Promise<Result<ReviewOutcome>> {
    const found = await this.draft(incident, draftId, 'review');
    if (!found.ok) return found;
    const { state, draft } = found.value;
    const text = draftText(draft);
    const digest = textDigest(text);
    if (text.trim() === '') return fail(`draft "${draft.title}" is empty`, 'invalid');
    if (draft.review.state !== 'editing' && draft.review.digest === digest)
      return fail(`draft "${draft.title}" is already ${draft.review.state}`, 'conflict');
    return this.review(incident, draftId, 'ready', lintUpdate(text, lintContext(state, draft, this.teamWords())), input, digest);
  }

  /** A second person with the commander or comms role approves the text as it stands. */
  async approve(incident: string, draftId: string, input: ReviewInput = {}): Promise<Result<ReviewOutcome>> {
    const found = await this.draft(incident, draftId, 'review');
    if (!found.ok) return found;
    const { state, draft } = found.value;
    const text = draftText(draft);
    return this.review(
      incident,
      draftId,
      'approved',
      lintUpdate(text, lintContext(state, draft, this.teamWords())),
      input,
      textDigest(text),
    );
  }

  /** Takes a ready or approved draft back to editing (the approval is withdrawn). */
  async backToEditing(incident: string, draftId: string, note?: string): Promise<Result<WarEvent>> {
    const found = await this.draft(incident, draftId, 'review');
    if (!found.ok) return found;
    if (found.value.draft.review.state === 'editing') return fail(`draft "${found.value.draft.title}" is already being edited`, 'conflict');
    return this.warRoom.record(incident, 'draft.review', {
      target: draftId,
      state: 'editing',
      acknowledged: [],
      ...(note ? { note } : {}),
    });
  }

  /**
   * Publishes an approved draft: records draft.published with the final text and the customer impacts it
   * notifies (marked notified at this time by the fold). The caller then copies the text or saves it.
   */
  async publish(
    incident: string,
    draftId: string,
    options: { channel?: DraftChannel; markAffectedNotified?: boolean; mailer?: string } = {},
  ): Promise<Result<PublishOutcome>> {
    const found = await this.draft(incident, draftId, 'publish');
    if (!found.ok) return found;
    const { state, draft } = found.value;
    const channel = options.channel ?? draft.channel;
    if (!(DRAFT_CHANNELS as readonly string[]).includes(channel))
      return fail(`channel must be one of ${DRAFT_CHANNELS.join(', ')}`, 'invalid');
    const text = draftText(draft);
    if (text.trim() === '') return fail(`not published: draft "${draft.title}" is empty`, 'invalid');
    if (text.length > LIMITS.text)
      return fail(`not published: the text is ${text.length} characters; the limit is ${LIMITS.text}`, 'invalid');
    if (options.mailer !== undefined && channel !== 'email')
      return fail('not published: only an email update is sent by the hub', 'invalid');
    // A status-page update reaches everyone, so the affected customers were told too, when the writer says so.
    // Email the hub sends marks nobody here: each customer is marked notified when the mail server took theirs.
    const notified =
      options.mailer !== undefined
        ? []
        : recipientsOf(state, draft.audience === 'all' && options.markAffectedNotified ? { audience: 'affected' } : draft);
    const event = await this.warRoom.record(incident, 'draft.published', {
      target: draftId,
      text,
      channel,
      audience: draft.audience,
      notified: notified.map((i) => i.id),
      ...(options.mailer !== undefined ? { mailer: options.mailer } : {}),
    });
    if (!event.ok) return event;
    return ok({
      event: event.value,
      text,
      channel,
      audience: draft.audience,
      fileName: publishFileName(draft.title, channel, event.value.at.ms),
      publishedAt: event.value.at.ms,
      notified: notified.map((i) => ({ id: i.id, customer: i.customer })),
    });
  }

  /** Withdraws a draft that will not be published (kept in the log, hidden from the pane). */
  async discard(incident: string, draftId: string, reason?: string): Promise<Result<WarEvent>> {
    const found = await this.draft(incident, draftId, 'edit');
    if (!found.ok) return found;
    return this.warRoom.record(incident, 'entry.retracted', { target: draftId, ...(reason ? { reason } : {}) });
  }

  /** The team's own version of a template; later drafts start from it. */
  async saveTemplate(incident: string, key: TemplateKey, body: string): Promise<Result<WarEvent>> {
    if (!isTemplateKey(key)) return fail(`unknown template "${String(key)}"`, 'invalid');
    return this.warRoom.record(incident, 'template.saved', { key, body });
  }

  /** A template rendered for the incident as it is now: what a new draft would start with. */
  async preview(incident: string, key: TemplateKey, tz?: string): Promise<Result<string>> {
    if (!isTemplateKey(key)) return fail(`unknown template "${String(key)}"`, 'invalid');
    const state = await this.incidentState(incident);
    if (!state.ok) return state;
    return ok(renderTemplate(key, state.value, { now: this.now(), tz: tz ?? this.options.timeZone?.() }));
  }

  /** Minutes between customer updates, set by the team (the cadence watcher follows it). */
  async setCadence(incident: string, minutes: number): Promise<Result<WarEvent>> {
    return this.warRoom.record(incident, 'cadence.set', { minutes });
  }

  private async review(
    incident: string,
    draftId: string,
    step: 'ready' | 'approved',
    findings: Finding[],
    input: ReviewInput,
    digest: string,
  ): Promise<Result<ReviewOutcome>> {
    // Record exactly which findings were waived: the audit trail names them, not whatever else the caller sent.
    // The gate refuses the step while one is not acknowledged (src/kinds/draft-policy.ts).
    const given = new Set(input.acknowledged ?? []);
    const waived = [...new Set(blocking(findings).map((f) => f.rule))].filter((rule) => given.has(rule));
    const event = await this.warRoom.record(incident, 'draft.review', {
      target: draftId,
      state: step,
      acknowledged: waived,
      digest,
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    });
    if (!event.ok) return event;
    return ok({ event: event.value, findings, digest });
  }

  private async incidentState(incident: string): Promise<Result<IncidentState>> {
    if (typeof incident !== 'string' || !(await this.warRoom.exists(incident)))
      return fail(`no incident "${String(incident)}"`, 'not-found');
    return ok(await this.warRoom.state(incident));
  }

  private async draft(
    incident: string,
    draftId: string,
    purpose: 'read' | FinalVerb,
  ): Promise<Result<{ state: IncidentState; draft: Draft }>> {
    const state = await this.incidentState(incident);
    if (!state.ok) return state;
    const draft = Object.hasOwn(state.value.drafts, draftId) ? state.value.drafts[draftId] : undefined;
    if (!draft) return fail(`no draft "${String(draftId)}" in incident ${incident}`, 'not-found');
    if (purpose !== 'read') {
      if (draft.retracted) return fail(`draft "${draft.title}" was discarded`, 'conflict');
      if (draft.publishedAt !== null) {
        // The gate's words (src/kinds/draft.ts), so the pane, the CLI, a peer and the hub say the same.
        const final = finalRefusal(this.warRoom.actor().name, purpose, draft.title);
        return fail(final.reason, final.code);
      }
    }
    return ok({ state: state.value, draft });
  }
}

const AUDIENCE_WORDS: Record<DraftAudience, string> = {
  all: 'all customers',
  affected: 'affected customers',
  customer: 'one customer',
  internal: 'internal',
};

function defaultTitle(template: TemplateKey | undefined, audience: DraftAudience, customer: string | undefined): string {
  const what = template ? `${template[0]!.toUpperCase()}${template.slice(1)} update` : 'Update';
  return `${what} for ${audience === 'customer' && customer ? customer : AUDIENCE_WORDS[audience]}`;
}
