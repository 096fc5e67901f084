/**
 * A TCP proxy on loopback between a client and the test server that counts the bytes the
 * client sends and can cut the connection after a given number of them: a cable pulled
 * in the middle of a request body.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttingProxy {
  readonly url: string;
  /** Client → server bytes so far, over all connections. */
  bytesUp(): number;
  /** Server → client bytes so far. */
  bytesDown(): number;
  /** Cut the connection carrying the upstream byte number `bytes` (counted from now); once. */
  cutAfter(bytes: number): void;
  /** The same for bytes from the server to the client (a download cut short). */
  cutDownAfter(bytes: number): void;
  /**
   * Holds back the server's answer to the next request whose request line (`METHOD PATH`)
   * matches `request`, runs `then` (e.g. SIGKILL the server) and cuts the client's connection:
   * the request reached the server whole, its answer never reaches the client. Once.
   */
  dropAnswerTo(request: RegExp, then: () => Promise<void>): void;
  /** Whether the armed cut has happened. */
  cut(): boolean;
  close(): Promise<void>;
}

export async function cuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let up = 0;
  let down = 0;
  let cutAt: number | undefined;
  let cutDownAt: number | undefined;
  let didCut = false;
  let dropAnswer: { request: RegExp; then: () => Promise<void> } | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => { client.destroy(); upstream.destroy(); };
    // This connection carries the request whose answer is to be dropped (HTTP/1.1: one request at a time).
    let dropping: (() => Promise<void>) | undefined;
    client.on('data', (chunk: Buffer) => {
      const line = /^([A-Z]+ \S+) HTTP\/1\.[01]\r\n/.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 2048)));
      if (dropAnswer && line && dropAnswer.request.test(line[1])) {
        dropping = dropAnswer.then;
        dropAnswer = undefined;
      }
      if (cutAt !== undefined && up + chunk.length >= cutAt) {
        const keep = Math.max(0, cutAt - up);
        up += keep;
        cutAt = undefined;
        didCut = true;
        // The part before the cut still reaches the server, as over a real line.
        upstream.write(chunk.subarray(0, keep), () => setTimeout(drop, 20));
        client.pause();
        return;
      }
      up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropping) {
        const then = dropping;
        dropping = undefined;
        didCut = true;
        upstream.pause();
        void then().finally(drop);
        return;
      }
      if (cutDownAt !== undefined && down + chunk.length >= cutDownAt) {
        const keep = Math.max(0, cutDownAt - down);
        down += keep;
        cutDownAt = undefined;
        didCut = true;
        client.write(chunk.subarray(0, keep), () => setTimeout(drop, 20));
        upstream.pause();
        return;
      }
      down += chunk.length;
      client.write(chunk);
    });
    client.on('close', () => { upstream.end(); sockets.delete(client); });
    upstream.on('close', () => { client.end(); sockets.delete(upstream); });
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesUp: () => up,
    bytesDown: () => down,
    cutAfter: (bytes) => { cutAt = up + bytes; didCut = false; },
    cutDownAfter: (bytes) => { cutDownAt = down + bytes; didCut = false; },
    dropAnswerTo: (request, then) => { dropAnswer = { request, then }; didCut = false; },
    cut: () => didCut,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
