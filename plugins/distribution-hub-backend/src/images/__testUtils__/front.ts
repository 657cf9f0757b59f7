/*
 * Copyright 2026 The Software Distribution Hub Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { randomUUID } from 'crypto';
import http from 'http';
import net from 'net';

/** What a RegistryFront saw of one request. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
}

/** A RegistryFront's behaviour. */
export interface RegistryFrontOptions {
  /** URL of the docker-registry the front proxies to. */
  upstream: string;
  /**
   * token: the distribution token-auth flow, with a token service at
   * /token that requires these credentials when given. static: requests
   * must carry this bearer token (and get a Bearer challenge otherwise).
   */
  auth?:
    | { kind: 'token'; username?: string; password?: string }
    | { kind: 'static'; token: string };
  /** Serve tags/list in pages of at most this many tags. */
  pageSize?: number;
  /** Answer every /v2/ request with HTTP 500, or never. */
  fault?: 'error-500' | 'hang';
}

/** A RegistryFront, started. */
export interface RegistryFront {
  host: string;
  tokenRequests: Array<SeenRequest & { scope?: string; service?: string }>;
  registryRequests: SeenRequest[];
  issuedTokens: Set<string>;
  stop(): Promise<void>;
}

const NAME = /^\/v2\/(.+)\/(?:tags\/list|manifests\/[^/]+)$/;

/**
 * A small http server in front of a real registry that adds what Debian's
 * docker-registry 2.8 lacks for the tests: the token-auth flow (a token
 * service plus Bearer challenges, as registries like Harbor or GitLab run
 * it), tags/list pagination with Link headers, and failures.
 */
export async function startRegistryFront(
  options: RegistryFrontOptions,
): Promise<RegistryFront> {
  const tokenRequests: RegistryFront['tokenRequests'] = [];
  const registryRequests: SeenRequest[] = [];
  const issuedTokens = new Set<string>();
  let origin = '';

  const token = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url!, origin);
    tokenRequests.push({
      method: req.method!,
      path: url.pathname,
      authorization: req.headers.authorization,
      scope: url.searchParams.get('scope') ?? undefined,
      service: url.searchParams.get('service') ?? undefined,
    });
    const auth = options.auth;
    if (auth?.kind === 'token' && auth.username) {
      const expected = `Basic ${Buffer.from(
        `${auth.username}:${auth.password}`,
      ).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="token"' });
        res.end();
        return;
      }
    }
    const issued = `token-${randomUUID()}`;
    issuedTokens.add(issued);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token: issued, expires_in: 300 }));
  };

  /** Whether the request may pass; answers it with a challenge if not. */
  const authorized = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
  ) => {
    const auth = options.auth;
    const header = req.headers.authorization ?? '';
    if (
      !auth ||
      (auth.kind === 'static' && header === `Bearer ${auth.token}`) ||
      (auth.kind === 'token' &&
        header.startsWith('Bearer ') &&
        issuedTokens.has(header.slice('Bearer '.length)))
    ) {
      return true;
    }
    res.writeHead(401, {
      'WWW-Authenticate': `Bearer realm="${origin}/token",service="front",scope="repository:${name}:pull"`,
      'Content-Type': 'application/json',
    });
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED' }] }));
    return false;
  };

  const page = async (url: URL, name: string, res: http.ServerResponse) => {
    const upstream = await fetch(`${options.upstream}/v2/${name}/tags/list`);
    if (!upstream.ok) {
      res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
      res.end(await upstream.text());
      return;
    }
    const all: string[] = ((await upstream.json()).tags ?? []).sort();
    const last = url.searchParams.get('last');
    const n = Math.min(
      Number(url.searchParams.get('n') ?? Infinity),
      options.pageSize!,
    );
    const rest = last ? all.filter(tag => tag > last) : all;
    const tags = rest.slice(0, n);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
    };
    if (rest.length > n) {
      headers.Link = `</v2/${name}/tags/list?n=${n}&last=${encodeURIComponent(
        tags[tags.length - 1],
      )}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name, tags }));
  };

  const proxy = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const upstream = await fetch(`${options.upstream}${req.url}`, {
      method: req.method,
      headers: { Accept: req.headers.accept ?? '*/*' },
    });
    const headers: Record<string, string> = {};
    for (const key of ['content-type', 'docker-content-digest', 'link']) {
      const value = upstream.headers.get(key);
      if (value) {
        headers[key] = value;
      }
    }
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, origin);
    if (url.pathname === '/token') {
      token(req, res);
      return;
    }
    registryRequests.push({
      method: req.method!,
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
    });
    if (options.fault === 'hang') {
      return;
    }
    if (options.fault === 'error-500') {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ code: 'UNKNOWN', message: 'storage is on fire' }],
        }),
      );
      return;
    }
    const name = NAME.exec(url.pathname)?.[1] ?? '';
    if (!authorized(req, res, name)) {
      return;
    }
    const handled =
      options.pageSize && url.pathname.endsWith('/tags/list')
        ? page(url, name, res)
        : proxy(req, res);
    handled.catch(error => {
      res.writeHead(502);
      res.end(String(error));
    });
  });

  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as net.AddressInfo;
  const host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  return {
    host,
    tokenRequests,
    registryRequests,
    issuedTokens,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
