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
import { createHash } from 'crypto';

/** sha256 digest of bytes, as the distribution API writes it. */
export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Pushes to a registry through its HTTP API, as docker push does. */
export class TestPusher {
  constructor(
    private readonly url: string,
    private readonly authorization?: string,
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return this.authorization
      ? { ...extra, Authorization: this.authorization }
      : extra;
  }

  /** Uploads a blob (monolithic upload: POST, then PUT ?digest=). */
  async pushBlob(name: string, bytes: Buffer) {
    const digest = sha256(bytes);
    const start = await fetch(`${this.url}/v2/${name}/blobs/uploads/`, {
      method: 'POST',
      headers: this.headers(),
    });
    await start.body?.cancel();
    if (start.status !== 202) {
      throw new Error(`starting an upload to ${name}: HTTP ${start.status}`);
    }
    const location = new URL(start.headers.get('location')!, this.url);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: this.headers({ 'Content-Type': 'application/octet-stream' }),
    });
    if (put.status !== 201) {
      throw new Error(`uploading ${digest}: ${put.status} ${await put.text()}`);
    }
    return { digest, size: bytes.length };
  }

  /**
   * Puts a manifest under each tag (under its digest when there are none)
   * and returns its digest and size.
   */
  async pushManifest(
    name: string,
    mediaType: string,
    manifest: object,
    tags: string[],
  ) {
    const bytes = Buffer.from(JSON.stringify(manifest, null, 2));
    const digest = sha256(bytes);
    for (const tag of tags.length > 0 ? tags : [digest]) {
      const put = await fetch(`${this.url}/v2/${name}/manifests/${tag}`, {
        method: 'PUT',
        body: bytes,
        headers: this.headers({ 'Content-Type': mediaType }),
      });
      if (put.status !== 201) {
        throw new Error(`putting ${name}:${tag}: ${await put.text()}`);
      }
      if (put.headers.get('docker-content-digest') !== digest) {
        throw new Error(
          `the registry stored ${name}:${tag} under another digest`,
        );
      }
    }
    return { digest, size: bytes.length };
  }

  /**
   * Pushes a one-layer OCI image whose config holds `seed` (so that each
   * seed makes another digest) under the tags; returns the manifest digest.
   */
  async pushImage(name: string, tags: string[], seed = tags.join(',')) {
    return (await this.pushImageManifest(name, tags, seed)).digest;
  }

  private async pushImageManifest(name: string, tags: string[], seed: string) {
    const config = await this.pushBlob(
      name,
      Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed })),
    );
    const layer = await this.pushBlob(name, Buffer.from(`layer of ${seed}`));
    return this.pushManifest(
      name,
      'application/vnd.oci.image.manifest.v1+json',
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          ...config,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            ...layer,
          },
        ],
      },
      tags,
    );
  }

  /**
   * Pushes an OCI image index of two images (stored by digest only) under
   * the tags; returns the index's digest.
   */
  async pushIndex(name: string, tags: string[]) {
    const seed = tags.join(',');
    const amd64 = await this.pushImageManifest(name, [], `${seed}-amd64`);
    const arm64 = await this.pushImageManifest(name, [], `${seed}-arm64`);
    const entry = (
      manifest: { digest: string; size: number },
      architecture: string,
    ) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...manifest,
      platform: { architecture, os: 'linux' },
    });
    const index = await this.pushManifest(
      name,
      'application/vnd.oci.image.index.v1+json',
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [entry(amd64, 'amd64'), entry(arm64, 'arm64')],
      },
      tags,
    );
    return index.digest;
  }
}
