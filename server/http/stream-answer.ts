/**
 * A response body served from a buffer in slices, only as fast as the client reads (the Node
 * server pulls the next slice when the socket drains). A client that reads nothing for
 * `idleMs`, or has not finished within `totalMs`, is cut off and the buffer let go.
 */
import { systemClock, type Clock } from '../../src/lib/clock';

export const DEFAULT_STREAM_LIMITS = { sliceBytes: 64 * 1024, idleMs: 10_000, totalMs: 120_000 } as const;

export interface StreamOptions {
  sliceBytes?: number;
  idleMs?: number;
  totalMs?: number;
  clock?: Clock;
  /** Told once, with why the client was cut off (for the log). */
  onCutOff?: (reason: 'idle' | 'total') => void;
}

export function streamBuffer(bytes: Uint8Array, options: StreamOptions = {}): ReadableStream<Uint8Array> {
  const { sliceBytes, idleMs, totalMs } = { ...DEFAULT_STREAM_LIMITS, ...options };
  const clock = options.clock ?? systemClock;
  let buffer: Uint8Array | null = bytes;
  let offset = 0;
  let idleTimer: unknown;
  let totalTimer: unknown;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;

  const release = () => {
    buffer = null;
    clock.clearTimeout(idleTimer);
    clock.clearTimeout(totalTimer);
  };
  const cutOff = (reason: 'idle' | 'total') => {
    if (!buffer) return;
    release();
    options.onCutOff?.(reason);
    controllerRef?.error(new Error(reason === 'idle' ? `The client read nothing for ${idleMs} ms.` : `The client did not finish reading within ${totalMs} ms.`));
  };
  const armIdle = () => {
    clock.clearTimeout(idleTimer);
    idleTimer = clock.setTimeout(() => cutOff('idle'), idleMs);
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        totalTimer = clock.setTimeout(() => cutOff('total'), totalMs);
        armIdle();
      },
      async pull(controller) {
        // Yield to the event loop between slices: a socket that takes every write at once (loopback)
        // would otherwise send the whole buffer in one run of microtasks, and other requests wait.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!buffer) return;
        if (offset >= buffer.byteLength) {
          release();
          controller.close();
          return;
        }
        const end = Math.min(offset + sliceBytes, buffer.byteLength);
        controller.enqueue(buffer.subarray(offset, end));
        offset = end;
        armIdle();
      },
      cancel() {
        release();
      },
    },
    // Nothing is read ahead: a slice is made only when the consumer asks for one.
    { highWaterMark: 0 },
  );
}
