// A promise-shaped client over the `ws` package (which ships no types) for the WebSocket tests:
// messages are queued so a test can await them in order.

import { createRequire } from 'node:module';

interface RawWs {
  readyState: number;
  send(data: string): void;
  close(): void;
  on(event: 'open' | 'close', listener: (code?: number) => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

const WebSocketClass = createRequire(import.meta.url)('ws') as new (url: string, options?: { headers?: Record<string, string> }) => RawWs;

export interface WsClient {
  send(message: unknown): void;
  /** The next message, parsed; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<any>;
  /** Resolves with the close code once the connection is closed. */
  closed: Promise<number>;
  close(): void;
  readonly isOpen: boolean;
}

export function connect(url: string, headers?: Record<string, string>): Promise<WsClient> {
  const socket = new WebSocketClass(url, headers === undefined ? undefined : { headers });
  const queue: any[] = [];
  const waiting: ((message: any) => void)[] = [];
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString('utf8'));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code ?? 0)));
  const client: WsClient = {
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (timeoutMs = 2000) =>
      queue.length > 0
        ? Promise.resolve(queue.shift())
        : new Promise((resolve, reject) => {
            const waiter = (message: any): void => {
              clearTimeout(timer);
              resolve(message);
            };
            const timer = setTimeout(() => {
              waiting.splice(waiting.indexOf(waiter), 1);
              reject(new Error('no WebSocket message in time'));
            }, timeoutMs);
            waiting.push(waiter);
          }),
    closed,
    close: () => socket.close(),
    get isOpen() {
      return socket.readyState === 1;
    },
  };
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve(client));
    socket.on('error', reject);
  });
}
