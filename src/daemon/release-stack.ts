// What a long start makes, one part at a time, with how to release each: released last made
// first, once. close() may come at any point of the start (a failure half-way, a signal), so a
// part kept after it is released at once instead of being left to hold a port or a lock.

export class ReleaseStack {
  private readonly releases: Array<() => void | Promise<void>> = [];
  private closedAt = false;

  get closed(): boolean {
    return this.closedAt;
  }

  /** Keeps `part` with how to release it; returns it, released already when the stack is closed. */
  keep<T>(part: T, release: (part: T) => void | Promise<void>): T {
    this.releases.push(() => release(part));
    if (this.closedAt) void this.releaseAll();
    return part;
  }

  /**
   * Releases every part kept so far, each started at once and in reverse order (a process
   * exiting right after still releases them all); resolves once those that close over time have.
   */
  close(): Promise<void> {
    this.closedAt = true;
    return this.releaseAll();
  }

  private async releaseAll(): Promise<void> {
    const closing: Promise<void>[] = [];
    for (let release = this.releases.pop(); release; release = this.releases.pop()) {
      const pending = release();
      if (pending) closing.push(pending);
    }
    await Promise.all(closing);
  }
}
