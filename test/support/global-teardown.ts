export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as any).__redressEmbedded as { stop(): Promise<void> } | undefined;
  await embedded?.stop();
}
