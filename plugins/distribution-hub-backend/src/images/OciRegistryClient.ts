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
import { InputError, NotFoundError } from '@backstage/errors';
import { createHash } from 'crypto';
import { ImageRegistryConfig } from './config';
import { RegistryAuthenticator } from './registryAuth';
import {
  credentialsRefused,
  readRegistryError,
  registryFailed,
  registryUnreachable,
} from './registryErrors';
import { mapWithConcurrency, sortTags } from './tagOrder';

/** A tag of a repository and the digest of the manifest it points at. */
export interface RegistryImage {
  tag: string;
  digest: string;
}

/** The manifest types the hub asks for: multi-arch indexes and images. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** Limits of one client; the defaults suit interactive listing. */
export interface OciRegistryClientOptions {
  registry: ImageRegistryConfig;
  /** Per HTTP request, including token requests. Default 10 s. */
  timeoutMs?: number;
  /** Tags asked for per tags/list page (the `n` parameter). Default 100. */
  pageSize?: number;
  /** Tags read from the listing at most. Default 10000. */
  maxListedTags?: number;
  /** Tags whose digest is resolved, the first in {@link sortTags} order. Default 200. */
  maxTags?: number;
  /** Manifest requests in flight at once. Default 8. */
  concurrency?: number;
}

/**
 * Reads tags and manifest digests from one registry through the
 * distribution API v2 (the OCI distribution spec).
 */
export class OciRegistryClient {
  static create(options: OciRegistryClientOptions) {
    return new OciRegistryClient(options);
  }

  private readonly registry: ImageRegistryConfig;
  private readonly base: URL;
  private readonly auth: RegistryAuthenticator;
  private readonly timeoutMs: number;
  private readonly pageSize: number;
  private readonly maxListedTags: number;
  private readonly maxTags: number;
  private readonly concurrency: number;

  private constructor(options: OciRegistryClientOptions) {
    this.registry = options.registry;
    this.base = new URL(
      `${options.registry.insecure ? 'http' : 'https'}://${
        options.registry.host
      }`,
    );
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pageSize = options.pageSize ?? 100;
    this.maxListedTags = options.maxListedTags ?? 10_000;
    this.maxTags = options.maxTags ?? 200;
    this.concurrency = options.concurrency ?? 8;
    this.auth = RegistryAuthenticator.create({
      registry: options.registry,
      timeoutMs: this.timeoutMs,
    });
  }

  /**
   * The repository's tags newest first ({@link sortTags}), the first
   * `maxTags` of them with their digests, and how many tags were listed.
   */
  async listImages(
    name: string,
  ): Promise<{ images: RegistryImage[]; totalTags: number }> {
    const tags = await this.listTags(name);
    const chosen = sortTags(tags).slice(0, this.maxTags);
    const digests = await mapWithConcurrency(chosen, this.concurrency, tag =>
      this.getDigest(name, tag),
    );
    const images = chosen.flatMap((tag, i) => {
      const digest = digests[i];
      return digest ? [{ tag, digest }] : [];
    });
    return { images, totalTags: tags.length };
  }

  /** All tags of the repository, following the pages of tags/list. */
  async listTags(name: string): Promise<string[]> {
    const what = `repository ${this.registry.host}/${name}`;
    const tags: string[] = [];
    const seen = new Set<string>();
    let url: URL | undefined = new URL(`/v2/${name}/tags/list`, this.base);
    url.searchParams.set('n', String(this.pageSize));
    while (url && !seen.has(url.href) && tags.length < this.maxListedTags) {
      seen.add(url.href);
      const response = await this.request(name, url, 'GET', what);
      if (response.status === 404) {
        throw new NotFoundError(
          `Image ${what} was not found: ${await readRegistryError(response)}`,
        );
      }
      if (response.status === 400) {
        throw new InputError(
          `Image registry ${
            this.registry.host
          } rejected ${what}: ${await readRegistryError(response)}`,
        );
      }
      if (!response.ok) {
        throw registryFailed(
          this.registry.host,
          response.status,
          await readRegistryError(response),
        );
      }
      const body = await response.json().catch(() => undefined);
      if (!body || (body.tags !== null && !Array.isArray(body.tags))) {
        throw registryFailed(
          this.registry.host,
          response.status,
          `the tag list of ${what} is not a tag list document`,
        );
      }
      for (const tag of body.tags ?? []) {
        if (typeof tag === 'string' && TAG.test(tag)) {
          tags.push(tag);
        }
      }
      url = this.nextPage(response.headers.get('link'), url);
    }
    return tags.slice(0, this.maxListedTags);
  }

  /**
   * The digest of the manifest a tag points at, or undefined when the tag
   * no longer exists. Asks with HEAD; computes it from the manifest when the
   * registry sends no Docker-Content-Digest.
   */
  async getDigest(name: string, tag: string): Promise<string | undefined> {
    const what = `${this.registry.host}/${name}:${tag}`;
    const url = new URL(`/v2/${name}/manifests/${tag}`, this.base);
    const head = await this.request(name, url, 'HEAD', what);
    await head.body?.cancel();
    if (head.status === 404) {
      return undefined;
    }
    if (!head.ok) {
      throw registryFailed(this.registry.host, head.status, `HEAD ${what}`);
    }
    const digest = head.headers.get('docker-content-digest');
    if (digest && DIGEST.test(digest)) {
      return digest;
    }
    const get = await this.request(name, url, 'GET', what);
    if (get.status === 404) {
      await get.body?.cancel();
      return undefined;
    }
    if (!get.ok) {
      throw registryFailed(
        this.registry.host,
        get.status,
        await readRegistryError(get),
      );
    }
    const bytes = Buffer.from(await get.arrayBuffer());
    return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  }

  private nextPage(link: string | null, current: URL): URL | undefined {
    const target = link?.match(/<([^>]*)>\s*;[^,]*\brel="?next"?/i)?.[1];
    if (!target) {
      return undefined;
    }
    const next = new URL(target, current);
    if (next.origin !== this.base.origin) {
      throw registryFailed(
        this.registry.host,
        200,
        `its next-page link leads to another server (${next.origin})`,
      );
    }
    return next;
  }

  /**
   * One request with authentication (renewing a token once on 401), a
   * timeout, and the failures every caller treats alike turned into errors.
   */
  private async request(
    name: string,
    url: URL,
    method: 'GET' | 'HEAD',
    what: string,
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        Accept: url.pathname.endsWith('/tags/list')
          ? 'application/json'
          : MANIFEST_ACCEPT,
      };
      const authorization = this.auth.authorization(name);
      if (authorization) {
        headers.Authorization = authorization;
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw registryUnreachable(this.registry.host, error, this.timeoutMs);
      }
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        await this.auth.renew(name, response, what);
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw credentialsRefused(this.registry, response.status, what);
      }
      if (response.status >= 500 || response.status === 429) {
        throw registryFailed(
          this.registry.host,
          response.status,
          await readRegistryError(response),
        );
      }
      return response;
    }
  }
}
