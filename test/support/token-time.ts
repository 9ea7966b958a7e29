/**
 * Token time for a test server (`startTestServer(…, { tokenTime: time.source })`): the system
 * clock, moved on by what the test adds, so tokens can expire and sessions age without waiting.
 */
export class MovableTokenTime {
  private offsetMs = 0;

  /** The instant the server's tokens are checked against, in milliseconds. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  readonly source = (): Date => new Date(this.nowMs());

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
