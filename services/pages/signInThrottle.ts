/**
 * Repeated wrong passwords are slowed down, then refused for a while (429 with Retry-After), per
 * username and per address, without telling which of the two was wrong. In memory: each services
 * instance counts its own attempts.
 */
const WINDOW_MS = 15 * 60_000;
export const THROTTLE = { perUsername: 5, perAddress: 20, lockMs: 15 * 60_000, delayMs: 200 };

interface Tally {
  failures: number;
  since: number;
  lockedUntil: number;
}

export class SignInThrottle {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until this username or address may try again; 0 when it may now. */
  retryAfter(username: string, address: string): number {
    const until = Math.max(this.tally(`u:${username}`).lockedUntil, this.tally(`a:${address}`).lockedUntil);
    return Math.max(0, Math.ceil((until - this.now()) / 1000));
  }

  /** A wrong password: counts against both; returns how long to hold the answer (slowing guesses down). */
  failed(username: string, address: string): number {
    const u = this.count(`u:${username}`, THROTTLE.perUsername);
    const a = this.count(`a:${address}`, THROTTLE.perAddress);
    return Math.min(2_000, THROTTLE.delayMs * Math.max(u, a));
  }

  succeeded(username: string): void {
    this.tallies.delete(`u:${username}`);
  }

  private count(key: string, limit: number): number {
    const t = this.tally(key);
    t.failures += 1;
    if (t.failures >= limit) t.lockedUntil = this.now() + THROTTLE.lockMs;
    return t.failures;
  }

  private tally(key: string): Tally {
    const now = this.now();
    let t = this.tallies.get(key);
    if (!t || (now - t.since > WINDOW_MS && t.lockedUntil < now)) {
      t = { failures: 0, since: now, lockedUntil: 0 };
      this.tallies.set(key, t);
    }
    return t;
  }
}
