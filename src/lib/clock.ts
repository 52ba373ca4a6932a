/** The current time, injectable so tests can move it (session timeouts, throttles, token expiry). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock tests can set and advance. Each reading moves it on by a millisecond, as real time would,
 * so records written one after another keep their order.
 */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-23T10:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current++);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const isoAfter = (from: Date, ms: number): string => new Date(from.getTime() + ms).toISOString();
