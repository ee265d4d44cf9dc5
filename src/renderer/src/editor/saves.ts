/** Saves in flight or pending in open editors, so the export screen can wait for them first. */
const flushers = new Set<() => Promise<void>>();

export function registerFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Saves whatever open editors have not saved yet; resolves when all have answered. */
export async function flushAllSaves(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f()));
}
