/**
 * A small recording HTTP proxy for tests, in front of a real registry: it forwards requests unchanged
 * unless `intercept` answers them itself (to inject 429/503, redirects or pagination).
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface Proxy {
  /** `host:port` to use as registry. */
  host: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Return true when the request was answered. */
export type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function forward(target: string, req: IncomingMessage, res: ServerResponse, path = req.url ?? '/'): void {
  const [hostname, port] = target.split(':') as [string, string];
  const headers = { ...req.headers, host: target };
  const upstream = request({ hostname, port: Number(port), method: req.method, path, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

/** Start an HTTP server on `listenHost` that records every request and forwards it to `target`. */
export async function startProxy(target: string | undefined, intercept?: Intercept, listenHost = '127.0.0.1'): Promise<Proxy> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    Promise.resolve(intercept ? intercept(req, res) : false)
      .then((handled) => {
        if (handled) return;
        if (target === undefined) {
          res.writeHead(404);
          res.end();
          return;
        }
        forward(target, req, res);
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    host: listenHost.includes(':') ? `[${listenHost}]:${port}` : `${listenHost}:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
