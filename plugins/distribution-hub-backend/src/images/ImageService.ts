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
import {
  BackstageCredentials,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_IMAGE_REPOSITORY } from '@sdh/plugin-distribution-hub-common';
import { ImageRegistriesConfig, readImageRegistriesConfig } from './config';
import {
  OciRegistryClient,
  OciRegistryClientOptions,
  RegistryImage,
} from './OciRegistryClient';
import { parseRepository } from './repositoryName';

/** An image of an application: a tag, its digest and the pinned reference. */
export interface ApplicationImage {
  tag: string;
  digest: string;
  /** host/name:tag\@digest, ready to put in a release. */
  reference: string;
}

/** The answer of `GET /images?entityRef=`. */
export interface ImageListing {
  entityRef: string;
  /** host/name of the application's repository. */
  repository: string;
  /** Newest first as far as tag names tell; see sortTags. */
  images: ApplicationImage[];
}

const DEFAULT_CACHE_TTL_MS = 30_000;
const MAX_CACHED_REPOSITORIES = 500;

interface CacheEntry {
  images: Promise<RegistryImage[]>;
  expiresAt: number;
}

/**
 * Lists the images of an application: the tags and digests of the
 * repository its catalog Component names in the
 * distribution-hub.io/image-repository annotation, read from one of the
 * configured registries. Listings are kept briefly per repository.
 */
export class ImageService {
  static create(options: {
    catalog: CatalogService;
    config: RootConfigService;
    /** How long a repository's listing is reused. Default 30 s. */
    cacheTtlMs?: number;
    /** Limits of the registry clients. */
    clientOptions?: Omit<OciRegistryClientOptions, 'registry'>;
    /** The clock, for tests. */
    now?: () => number;
  }) {
    const registries = readImageRegistriesConfig(options.config);
    const clients = new Map(
      registries.registries.map(registry => [
        registry.host,
        OciRegistryClient.create({ ...options.clientOptions, registry }),
      ]),
    );
    return new ImageService(
      options.catalog,
      registries,
      clients,
      options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
      options.now ?? Date.now,
    );
  }

  private readonly cache = new Map<string, CacheEntry>();

  private constructor(
    private readonly catalog: CatalogService,
    private readonly registries: ImageRegistriesConfig,
    private readonly clients: Map<string, OciRegistryClient>,
    private readonly cacheTtlMs: number,
    private readonly now: () => number,
  ) {}

  async listImages(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ImageListing> {
    const ref = this.parseComponentRef(entityRef);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`Component ${ref} is not in the catalog`);
    }
    const annotation =
      entity.metadata.annotations?.[ANNOTATION_IMAGE_REPOSITORY]?.trim();
    if (!annotation) {
      throw new InputError(
        `Component ${ref} names no image repository; add the annotation ${ANNOTATION_IMAGE_REPOSITORY} (e.g. registry.example.com/shop/orders-api) to it`,
      );
    }
    const { host, name, client } = this.locate(ref, annotation);
    const repository = `${host}/${name}`;
    const images = await this.cached(repository, () => client.listImages(name));
    return {
      entityRef: ref,
      repository,
      images: images.map(({ tag, digest }) => ({
        tag,
        digest,
        reference: `${repository}:${tag}@${digest}`,
      })),
    };
  }

  private parseComponentRef(entityRef: string): string {
    let parsed;
    try {
      parsed = parseEntityRef(entityRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      });
    } catch {
      throw new InputError(
        `entityRef "${entityRef}" is not an entity reference (e.g. component:default/orders-api)`,
      );
    }
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'component') {
      throw new InputError(
        `entityRef "${entityRef}" must reference a Component, not a ${parsed.kind}`,
      );
    }
    return stringifyEntityRef(parsed);
  }

  private locate(ref: string, annotation: string) {
    const parsed = parseRepository(annotation);
    if ('error' in parsed) {
      throw new InputError(
        `Component ${ref} has ${ANNOTATION_IMAGE_REPOSITORY} "${annotation}" that ${parsed.error}`,
      );
    }
    const host = parsed.host ?? this.registries.defaultRegistry;
    if (!host) {
      throw new InputError(
        `Component ${ref} has ${ANNOTATION_IMAGE_REPOSITORY} "${annotation}" without a registry host, and distributionHub.defaultImageRegistry is not configured; name the host in the annotation`,
      );
    }
    const client = this.clients.get(host);
    if (!client) {
      throw new InputError(
        `Component ${ref} has ${ANNOTATION_IMAGE_REPOSITORY} "${annotation}" on registry ${host}, which is not configured under distributionHub.imageRegistries`,
      );
    }
    return { host, name: parsed.name, client };
  }

  /** Shares a listing per repository until it is cacheTtlMs old; failures are not kept. */
  private cached(
    repository: string,
    list: () => Promise<{ images: RegistryImage[] }>,
  ): Promise<RegistryImage[]> {
    const now = this.now();
    const hit = this.cache.get(repository);
    if (hit && hit.expiresAt > now) {
      return hit.images;
    }
    for (const [key, entry] of this.cache) {
      if (
        entry.expiresAt <= now ||
        this.cache.size >= MAX_CACHED_REPOSITORIES
      ) {
        this.cache.delete(key);
      }
    }
    const entry: CacheEntry = {
      images: list().then(result => result.images),
      expiresAt: Infinity,
    };
    this.cache.set(repository, entry);
    entry.images.then(
      () => {
        entry.expiresAt = this.now() + this.cacheTtlMs;
      },
      () => {
        if (this.cache.get(repository) === entry) {
          this.cache.delete(repository);
        }
      },
    );
    return entry.images;
  }
}
