import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/infra/http-server.js';
import { createMetrics } from '../../src/infra/metrics.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Sends headers and part of a body, then nothing: what the server does with the socket. */
async function slowBody(port: number, waitMs: number): Promise<{ closed: boolean; answer: string }> {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  let closed = false;
  socket.on('data', (d) => {
    answer += d.toString('latin1');
  });
  socket.on('error', () => undefined);
  const ended = new Promise<void>((resolve) =>
    socket.on('close', () => {
      closed = true;
      resolve();
    }),
  );
  socket.write(
    'POST /webhooks/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
  );
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  socket.destroy();
  return { closed, answer };
}

describe('the HTTP server', () => {
  it('closes a connection whose body does not arrive within the request timeout (408), and serves the rest', async () => {
    app = createHttpServer({ metrics: createMetrics(), ready: async () => true, requestTimeoutMs: 200 });
    app.post('/webhooks/whatsapp', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Far longer than the limit (and Node's checking interval), however loaded the machine.
    const slow = await slowBody(port, 10_000);
    expect(slow.closed).toBe(true);
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
  });
});
