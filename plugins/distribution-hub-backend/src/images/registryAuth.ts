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
import { ImageRegistryConfig } from './config';
import {
  credentialsRefused,
  readRegistryError,
  registryFailed,
  registryUnreachable,
} from './registryErrors';

/** A parsed WWW-Authenticate challenge, e.g. Bearer realm="...". */
export interface Challenge {
  /** Lower case, e.g. bearer or basic. */
  scheme: string;
  params: Record<string, string>;
}

const PARAM = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;

/** Parses the first challenge of a WWW-Authenticate header. */
export function parseChallenge(
  header: string | null | undefined,
): Challenge | undefined {
  const match = header?.trim().match(/^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)/);
  if (!header || !match) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of header
    .slice(match[0].length)
    .matchAll(PARAM)) {
    params[key.toLocaleLowerCase('en-US')] =
      quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
  }
  return { scheme: match[1].toLocaleLowerCase('en-US'), params };
}

const DEFAULT_TOKEN_LIFETIME_S = 60;

/**
 * Decides the Authorization header of each request to one registry and runs
 * the token-auth flow of the distribution spec: on a Bearer challenge it
 * fetches a token from the realm (with the basic credentials, if any) and
 * keeps it per repository until it expires. Static bearer tokens are sent as
 * they are and never exchanged.
 */
export class RegistryAuthenticator {
  static create(options: {
    registry: ImageRegistryConfig;
    timeoutMs: number;
    now?: () => number;
  }) {
    return new RegistryAuthenticator(
      options.registry,
      options.timeoutMs,
      options.now ?? Date.now,
    );
  }

  private readonly tokens = new Map<
    string,
    { token: string; expiresAt: number }
  >();

  private constructor(
    private readonly registry: ImageRegistryConfig,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  /** The Authorization header for a request on the repository, if any. */
  authorization(name: string): string | undefined {
    const { auth } = this.registry;
    if (auth.type === 'bearer') {
      return `Bearer ${auth.token}`;
    }
    const cached = this.tokens.get(name);
    if (cached && cached.expiresAt > this.now()) {
      return `Bearer ${cached.token}`;
    }
    this.tokens.delete(name);
    return auth.type === 'basic' ? this.basic() : undefined;
  }

  /**
   * Handles a 401 on the repository: fetches a new token when the registry
   * asks for one, or throws that the credentials were refused.
   */
  async renew(name: string, response: Response, what: string): Promise<void> {
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    const realm = challenge?.params.realm;
    if (
      challenge?.scheme !== 'bearer' ||
      !realm ||
      this.registry.auth.type === 'bearer'
    ) {
      throw credentialsRefused(this.registry, response.status, what);
    }
    const url = this.realmUrl(realm);
    if (challenge.params.service) {
      url.searchParams.set('service', challenge.params.service);
    }
    url.searchParams.set(
      'scope',
      challenge.params.scope ?? `repository:${name}:pull`,
    );
    const token = await this.fetchToken(url, what);
    this.tokens.set(name, {
      token: token.value,
      expiresAt: this.now() + token.lifetimeS * 1000,
    });
  }

  private basic(): string | undefined {
    const { auth } = this.registry;
    if (auth.type !== 'basic') {
      return undefined;
    }
    const pair = `${auth.username}:${auth.password}`;
    return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }

  private realmUrl(realm: string): URL {
    let url: URL | undefined;
    try {
      url = new URL(realm);
    } catch {
      url = undefined;
    }
    const allowed = this.registry.insecure ? ['https:', 'http:'] : ['https:'];
    if (!url || !allowed.includes(url.protocol)) {
      throw registryFailed(
        this.registry.host,
        401,
        `its token realm "${realm}" is not an ${allowed.join(' or ')} URL`,
      );
    }
    return url;
  }

  private async fetchToken(
    url: URL,
    what: string,
  ): Promise<{ value: string; lifetimeS: number }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const basic = this.basic();
    if (basic) {
      headers.Authorization = basic;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw registryUnreachable(
        `${this.registry.host} (token service ${url.host})`,
        error,
        this.timeoutMs,
      );
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw credentialsRefused(this.registry, response.status, what);
    }
    if (!response.ok) {
      throw registryFailed(
        `${this.registry.host} (token service ${url.host})`,
        response.status,
        await readRegistryError(response),
      );
    }
    const body = await response.json().catch(() => ({}));
    const value = body.token ?? body.access_token;
    if (typeof value !== 'string' || value === '') {
      throw registryFailed(
        `${this.registry.host} (token service ${url.host})`,
        response.status,
        'the token response holds no token',
      );
    }
    const lifetimeS =
      Number.isFinite(body.expires_in) && body.expires_in > 0
        ? body.expires_in
        : DEFAULT_TOKEN_LIFETIME_S;
    // Renew a little early, so a token does not expire in flight.
    return { value, lifetimeS: Math.max(1, lifetimeS - 5) };
  }
}
