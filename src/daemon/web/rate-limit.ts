// Token checks per client address: a small bucket each, refilled over time. Every request that
// checks a link takes one; a bad link (tampered, unknown) takes several, so that guessing links
// stops quickly while a person reloading a page never notices.

export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
  /** Addresses remembered at most; beyond that the fullest buckets are forgotten first. */
  maxAddresses: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 30, refillPerSecond: 0.5, maxAddresses: 10_000 };
export const BAD_TOKEN_COST = 5;

interface Bucket {
  tokens: number;
  at: number;
}

export class AddressRateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  /** Takes `cost` from the address's bucket; false (and nothing taken) when it has too little. */
  take(address: string, cost = 1): boolean {
    const bucket = this.refilled(address);
    if (bucket.tokens < cost) return false;
    bucket.tokens -= cost;
    return true;
  }

  /** Takes what is left up to `cost`, for a failure found after the request was let in. */
  penalise(address: string, cost: number): void {
    const bucket = this.refilled(address);
    bucket.tokens = Math.max(0, bucket.tokens - cost);
  }

  private refilled(address: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= this.options.maxAddresses) this.forgetFull(now);
      bucket = { tokens: this.options.capacity, at: now };
      this.buckets.set(address, bucket);
    }
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond);
    bucket.at = now;
    return bucket;
  }

  private forgetFull(now: number): void {
    for (const [address, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond;
      if (tokens >= this.options.capacity) this.buckets.delete(address);
    }
    // Every address still has a debt: forget the oldest, a bounded map matters more.
    if (this.buckets.size >= this.options.maxAddresses) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
