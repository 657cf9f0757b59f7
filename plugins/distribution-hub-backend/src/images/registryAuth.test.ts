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
import http from 'http';
import { AddressInfo } from 'net';
import { ImageRegistryConfig } from './config';
import { parseChallenge, RegistryAuthenticator } from './registryAuth';

describe('parseChallenge', () => {
  it('reads a Bearer challenge with quoted parameters holding commas', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:shop/app:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example.com/token',
        service: 'registry.example.com',
        scope: 'repository:shop/app:pull,push',
      },
    });
  });

  it('reads Basic challenges and bare values', () => {
    expect(parseChallenge('Basic realm=test, charset="UTF-8"')).toEqual({
      scheme: 'basic',
      params: { realm: 'test', charset: 'UTF-8' },
    });
  });

  it('returns undefined without a header', () => {
    expect(parseChallenge(null)).toBeUndefined();
    expect(parseChallenge('')).toBeUndefined();
  });
});

describe('RegistryAuthenticator', () => {
  const registry = (
    auth: ImageRegistryConfig['auth'],
    insecure = false,
  ): ImageRegistryConfig => ({ host: 'registry.example.com', insecure, auth });

  const challenge = (header: string) =>
    new Response(null, {
      status: 401,
      headers: { 'WWW-Authenticate': header },
    });

  it('sends basic credentials, a static token, or nothing', () => {
    const create = (auth: ImageRegistryConfig['auth']) =>
      RegistryAuthenticator.create({ registry: registry(auth), timeoutMs: 10 });
    expect(
      create({ type: 'basic', username: 'u', password: 'p:w' }).authorization(
        'app',
      ),
    ).toBe(`Basic ${Buffer.from('u:p:w').toString('base64')}`);
    expect(create({ type: 'bearer', token: 't' }).authorization('app')).toBe(
      'Bearer t',
    );
    expect(create({ type: 'anonymous' }).authorization('app')).toBeUndefined();
  });

  it('refuses a plain-http token realm for an https registry', async () => {
    const auth = RegistryAuthenticator.create({
      registry: registry({ type: 'basic', username: 'u', password: 'p' }),
      timeoutMs: 10,
    });
    await expect(
      auth.renew(
        'app',
        challenge('Bearer realm="http://auth.example.com/token"'),
        'repository app',
      ),
    ).rejects.toThrow(
      'Image registry registry.example.com answered HTTP 401: its token realm "http://auth.example.com/token" is not an https: URL',
    );
  });

  it('says credentials were refused on a Basic challenge', async () => {
    const auth = RegistryAuthenticator.create({
      registry: registry({ type: 'basic', username: 'u', password: 'p' }),
      timeoutMs: 10,
    });
    await expect(
      auth.renew('app', challenge('Basic realm="x"'), 'repository app'),
    ).rejects.toThrow(
      'Image registry registry.example.com refused the configured basic credentials for repository app (HTTP 401)',
    );
  });

  it('forgets tokens when they expire', async () => {
    let now = 0;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'tok', expires_in: 65 }));
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    try {
      const { port } = server.address() as AddressInfo;
      const auth = RegistryAuthenticator.create({
        registry: registry({ type: 'anonymous' }, true),
        timeoutMs: 5_000,
        now: () => now,
      });
      await auth.renew(
        'app',
        challenge(`Bearer realm="http://127.0.0.1:${port}/token"`),
        'repository app',
      );
      expect(auth.authorization('app')).toBe('Bearer tok');
      expect(auth.authorization('other')).toBeUndefined();
      now = 59_999;
      expect(auth.authorization('app')).toBe('Bearer tok');
      now = 60_000;
      expect(auth.authorization('app')).toBeUndefined();
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });
});
