/**
 * Group commit for a room on shared storage: the pushes that arrive while the room's write is running wait
 * together and go into the next transaction as one, each judged in turn inside it. One commit (one fsync, one
 * lock) then serves them all, so a busy room's queue does not grow by a transaction per push.
 */
export class GroupedWrites<T> {
  private waiting: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];

  /**
   * `inTurn` runs work when the room's earlier work is done (and may refuse to, throwing); `writeAll` writes a
   * group in one transaction and throws if it did not commit (then none of it counts).
   */
  constructor(
    private readonly inTurn: (work: () => Promise<void>) => Promise<void>,
    private readonly writeAll: (items: T[]) => Promise<void>,
  ) {}

  /** Resolves once `item` is committed with its group; rejects if that group's transaction failed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // Someone is already waiting for a turn: this one goes with them.
      if (this.waiting.length > 1) return;
      this.inTurn(async () => {
        const group = this.waiting.splice(0);
        try {
          await this.writeAll(group.map((g) => g.item));
        } catch (e) {
          for (const g of group) g.reject(e);
          return;
        }
        for (const g of group) g.resolve();
      }).catch((e: unknown) => {
        // The turn was refused before it began: everyone still waiting for it hears why.
        for (const g of this.waiting.splice(0)) g.reject(e);
      });
    });
  }
}
