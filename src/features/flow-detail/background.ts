/**
 * Work that can wait: loading the rest of a big document, copying it to the worker. It runs at
 * the browser's background priority (Prioritized Task Scheduling) where there is one, after
 * input, rendering and the page's other tasks, so it never delays the first screen; elsewhere in
 * a plain task.
 */
interface TaskScheduler {
  postTask(work: () => void, options: { priority: 'background'; signal: AbortSignal }): Promise<void>;
}

/** Runs `work` in a background task; the returned function cancels it if it has not run. */
export function inBackground(work: () => void): () => void {
  const taskScheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof taskScheduler?.postTask === 'function') {
    const controller = new AbortController();
    taskScheduler.postTask(work, { priority: 'background', signal: controller.signal }).catch((error: unknown) => {
      // A cancelled task rejects too; a failure of `work` is reported as a plain task's would be.
      if (!controller.signal.aborted) reportError(error);
    });
    return () => controller.abort();
  }
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}

/** Resolves in a background task after the next frame is painted. */
export const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => inBackground(resolve)));
