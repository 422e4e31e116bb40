import type { Actor } from '../model/envelope.js';
import type { Roles } from '../model/identity.js';
import type { IncidentStatus } from '../model/vocabulary.js';
import type { Milestone } from '../model/postmortem-vocabulary.js';
import { applyDraftUpdate, docText, draftDoc } from '../comms/draft-text.js';
import { internalTextsOf } from '../comms/linter/index.js';
import type { WarEvent } from './event.js';
import { isEventKind, kindEntry } from './index.js';
import type { NotedDraft, RulesDraft, RulesNotes, RulesView } from './rules-view.js';

/**
 * The part of an incident the rules read, kept without folding it: roles, status, who wrote each entry,
 * customer impact and draft, each live draft's review and text, and which customers are on the list. The hub
 * keeps one per room (built while it loads the room, then noted for each event it stores), so judging a push
 * costs a lookup, not a fold. What each kind changes here is that kind's `note` step in its registry entry;
 * nothing here knows a kind.
 */
export class RulesBook implements RulesView, RulesNotes {
  openedAt: number | null = null;
  openedBy: Actor | null = null;
  status: IncidentStatus = 'investigating';
  readonly roles: Roles = {};
  readonly authors = new Map<string, Actor>();
  readonly drafts = new Map<string, NotedDraft>();
  readonly impacts = new Map<string, boolean>();
  readonly publications = new Map<string, string | null>();
  readonly milestones = new Map<Milestone, number>();
  readonly overdue = new Set<number>();
  title = '';
  summary = '';
  readonly entryTexts = new Map<string, { kind: string; text: string; retracted: boolean }>();
  /** Each draft's text as far as its updates were applied: built when a rule first reads it, then kept up. */
  private readonly texts = new WeakMap<NotedDraft, { doc: ReturnType<typeof draftDoc>; applied: number }>();

  constructor(readonly incidentId: string) {}

  authorOf(id: string): Actor | undefined {
    return this.authors.get(id);
  }

  draft(id: string): RulesDraft | undefined {
    const d = this.drafts.get(id);
    return d && { ...d, text: () => this.textOf(d) };
  }

  affectedCustomers(): number {
    let n = 0;
    for (const live of this.impacts.values()) if (live) n++;
    return n;
  }

  publication(id: string): { mailer?: string } | undefined {
    const mailer = this.publications.get(id);
    return mailer === undefined ? undefined : mailer === null ? {} : { mailer };
  }

  known(id: string): boolean {
    return this.authors.has(id);
  }

  milestoneAt(m: Milestone): number | undefined {
    return this.milestones.get(m);
  }

  overdueRecorded(dueAt: number): boolean {
    return this.overdue.has(dueAt);
  }

  internalTexts(): string[] {
    return internalTextsOf({ title: this.title, summary: this.summary, entries: Object.fromEntries(this.entryTexts) });
  }

  /** Takes in an event that was accepted. */
  note(e: WarEvent): void {
    if (isEventKind(e.kind)) kindEntry(e.kind).note?.(this, e);
  }

  private textOf(d: NotedDraft): string {
    let t = this.texts.get(d);
    if (!t) this.texts.set(d, (t = { doc: draftDoc([]), applied: 0 }));
    for (; t.applied < d.updates.length; t.applied++) {
      try {
        applyDraftUpdate(t.doc, d.updates[t.applied]!);
      } catch {
        // An update that does not apply (a broken peer) is skipped, as draftDoc skips it for the fold.
      }
    }
    return docText(t.doc);
  }
}
