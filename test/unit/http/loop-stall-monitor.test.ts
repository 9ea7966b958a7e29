import { LoopStallMonitor } from '../../../server/src/http/loop-stall-monitor';

/** The monitor on a hand-driven clock: a tick every 20 ms, windows of 2000 ms. */
function monitorAt(start = 1000) {
  let now = start;
  const monitor = new LoopStallMonitor(20, 2000, () => now);
  const tickAt = (at: number) => {
    now = at;
    monitor.tick();
  };
  return { monitor, tickAt };
}

test('a loop on time shows no delay', () => {
  const { monitor, tickAt } = monitorAt();
  for (let at = 1020; at <= 5000; at += 20) tickAt(at);
  expect(monitor.maxDelayMs()).toBe(0);
});

test('a stall longer than a window is reported for the whole next window, then forgotten', () => {
  const { monitor, tickAt } = monitorAt();
  tickAt(1020);
  // Blocked from 1020 to 3520: the next tick comes 2500 ms late (2520 after the last, 20 expected).
  tickAt(3540);
  expect(monitor.maxDelayMs()).toBe(2500);
  for (let at = 3560; at < 5540; at += 20) tickAt(at);
  expect(monitor.maxDelayMs()).toBe(2500);
  // The window after the stall has closed, and the one after it holds nothing late.
  for (let at = 5540; at <= 7600; at += 20) tickAt(at);
  expect(monitor.maxDelayMs()).toBe(0);
});

test('a short stall counts in the window it happened in and the next one', () => {
  const { monitor, tickAt } = monitorAt();
  tickAt(1020);
  tickAt(1340); // 300 ms late
  expect(monitor.maxDelayMs()).toBe(300);
  for (let at = 1360; at <= 3000; at += 20) tickAt(at); // the window rolls at 3000
  expect(monitor.maxDelayMs()).toBe(300);
  for (let at = 3020; at <= 5000; at += 20) tickAt(at); // and again at 5000
  expect(monitor.maxDelayMs()).toBe(0);
});
