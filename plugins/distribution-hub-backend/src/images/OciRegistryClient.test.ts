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
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { ImageRegistryConfig, RegistryAuth } from './config';
import { OciRegistryClient } from './OciRegistryClient';
import { RegistryFront, startRegistryFront } from './__testUtils__/front';
import {
  basicHeader,
  TEST_HTPASSWD,
  TEST_USER,
} from './__testUtils__/htpasswd';
import { TestPusher } from './__testUtils__/push';
import {
  registryDescribe,
  freePort,
  startRegistry,
  TestRegistry,
} from './__testUtils__/registry';

jest.setTimeout(60_000);

const describeWithRegistry = registryDescribe();

const NAME = 'shopfront/orders-api';

function clientFor(
  host: string,
  auth: RegistryAuth = { type: 'anonymous' },
  options: Partial<Parameters<typeof OciRegistryClient.create>[0]> = {},
) {
  const registry: ImageRegistryConfig = { host, insecure: true, auth };
  return OciRegistryClient.create({ registry, ...options });
}

describeWithRegistry('OciRegistryClient against docker-registry', () => {
  let registry: TestRegistry;
  let pusher: TestPusher;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry();
    pusher = new TestPusher(registry.url);
    digests.old = await pusher.pushImage(NAME, ['1.0.0', '1.2.0']);
    digests.new = await pusher.pushImage(NAME, ['1.10.0', 'latest']);
    digests.rc = await pusher.pushImage(NAME, ['1.10.0-rc.1']);
    digests.multi = await pusher.pushIndex(NAME, ['v2.0.0']);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('lists exactly the pushed tags with the digests of their manifests, newest first', async () => {
    const result = await clientFor(registry.host).listImages(NAME);
    expect(result).toEqual({
      totalTags: 6,
      images: [
        { tag: 'v2.0.0', digest: digests.multi },
        { tag: '1.10.0', digest: digests.new },
        { tag: '1.10.0-rc.1', digest: digests.rc },
        { tag: '1.2.0', digest: digests.old },
        { tag: '1.0.0', digest: digests.old },
        { tag: 'latest', digest: digests.new },
      ],
    });
  });

  it('resolves digests for the first maxTags tags only', async () => {
    const result = await clientFor(registry.host, undefined, {
      maxTags: 2,
    }).listImages(NAME);
    expect(result.totalTags).toBe(6);
    expect(result.images.map(i => i.tag)).toEqual(['v2.0.0', '1.10.0']);
  });

  it('answers undefined for a tag that does not exist', async () => {
    await expect(
      clientFor(registry.host).getDigest(NAME, 'nope'),
    ).resolves.toBeUndefined();
  });

  it('throws NotFoundError naming an unknown repository', async () => {
    const error = await clientFor(registry.host)
      .listImages('shopfront/unknown')
      .catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(`${registry.host}/shopfront/unknown`);
  });

  it('throws ServiceUnavailableError naming a registry nothing listens on', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const error = await clientFor(host)
      .listImages(NAME)
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      new RegExp(`^Image registry ${host} is unreachable: .*ECONNREFUSED`),
    );
  });

  describe('behind a front', () => {
    let front: RegistryFront | undefined;
    afterEach(async () => {
      await front?.stop();
      front = undefined;
    });

    it('follows Link pages of tags/list', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        pageSize: 2,
      });
      const result = await clientFor(front.host, undefined, {
        pageSize: 50,
      }).listImages(NAME);
      expect(result.images.map(i => i.tag)).toEqual([
        'v2.0.0',
        '1.10.0',
        '1.10.0-rc.1',
        '1.2.0',
        '1.0.0',
        'latest',
      ]);
      expect(
        front.registryRequests
          .filter(r => r.path.includes('/tags/list'))
          .map(r => r.path),
      ).toEqual([
        `/v2/${NAME}/tags/list?n=50`,
        `/v2/${NAME}/tags/list?n=2&last=1.10.0`,
        `/v2/${NAME}/tags/list?n=2&last=1.2.0`,
      ]);
    });

    it('stops listing at maxListedTags', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        pageSize: 2,
      });
      const tags = await clientFor(front.host, undefined, {
        maxListedTags: 3,
      }).listTags(NAME);
      expect(tags).toEqual(['1.0.0', '1.10.0', '1.10.0-rc.1']);
    });

    it('turns a 5xx into ServiceUnavailableError naming the host', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        fault: 'error-500',
      });
      const error = await clientFor(front.host)
        .listImages(NAME)
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        `Image registry ${front.host} answered HTTP 500: UNKNOWN: storage is on fire`,
      );
    });

    it('gives up on a registry that does not answer in time', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        fault: 'hang',
      });
      const error = await clientFor(front.host, undefined, {
        timeoutMs: 300,
      })
        .listImages(NAME)
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        `Image registry ${front.host} is unreachable: no answer within 300 ms`,
      );
    });

    it('runs the token flow with basic credentials and uses the token', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        auth: { kind: 'token', ...TEST_USER },
      });
      const client = clientFor(front.host, { type: 'basic', ...TEST_USER });
      const result = await client.listImages(NAME);
      expect(result.images).toHaveLength(6);
      expect(front.tokenRequests).toEqual([
        {
          method: 'GET',
          path: '/token',
          authorization: basicHeader(TEST_USER.username, TEST_USER.password),
          scope: `repository:${NAME}:pull`,
          service: 'front',
        },
      ]);
      const [token] = front.issuedTokens;
      const [challenged, ...rest] = front.registryRequests;
      expect(challenged.authorization).toBe(
        basicHeader(TEST_USER.username, TEST_USER.password),
      );
      expect(rest).toHaveLength(7);
      expect(rest.every(r => r.authorization === `Bearer ${token}`)).toBe(true);

      // The token is kept for the next listing.
      await client.listImages(NAME);
      expect(front.tokenRequests).toHaveLength(1);
    });

    it('runs the token flow anonymously when the token service allows it', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        auth: { kind: 'token' },
      });
      const result = await clientFor(front.host).listImages(NAME);
      expect(result.images).toHaveLength(6);
      expect(front.tokenRequests).toHaveLength(1);
      expect(front.tokenRequests[0].authorization).toBeUndefined();
    });

    it('says the credentials were refused when the token service refuses them', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        auth: { kind: 'token', ...TEST_USER },
      });
      const wrong = clientFor(front.host, {
        type: 'basic',
        username: TEST_USER.username,
        password: 'wrong',
      });
      await expect(wrong.listImages(NAME)).rejects.toThrow(
        `Image registry ${front.host} refused the configured basic credentials for repository ${front.host}/${NAME} (HTTP 401)`,
      );
      await expect(clientFor(front.host).listImages(NAME)).rejects.toThrow(
        `Image registry ${front.host} refused anonymous access to repository ${front.host}/${NAME} (HTTP 401); configure credentials for it under distributionHub.imageRegistries`,
      );
    });

    it('sends a static bearer token as it is and never exchanges it', async () => {
      front = await startRegistryFront({
        upstream: registry.url,
        auth: { kind: 'static', token: 'static-secret' },
      });
      const result = await clientFor(front.host, {
        type: 'bearer',
        token: 'static-secret',
      }).listImages(NAME);
      expect(result.images).toHaveLength(6);
      expect(
        front.registryRequests.every(
          r => r.authorization === 'Bearer static-secret',
        ),
      ).toBe(true);

      const error = await clientFor(front.host, {
        type: 'bearer',
        token: 'revoked',
      })
        .listImages(NAME)
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toContain(
        'refused the configured bearer credentials',
      );
      expect(front.tokenRequests).toEqual([]);
    });
  });
});

describeWithRegistry(
  'OciRegistryClient against docker-registry with htpasswd',
  () => {
    let registry: TestRegistry;
    let digest: string;

    beforeAll(async () => {
      registry = await startRegistry({ htpasswd: TEST_HTPASSWD });
      const pusher = new TestPusher(
        registry.url,
        basicHeader(TEST_USER.username, TEST_USER.password),
      );
      digest = await pusher.pushImage(NAME, ['3.1.0']);
    });

    afterAll(async () => {
      await registry?.stop();
    });

    it('lists with basic credentials', async () => {
      const result = await clientFor(registry.host, {
        type: 'basic',
        ...TEST_USER,
      }).listImages(NAME);
      expect(result.images).toEqual([{ tag: '3.1.0', digest }]);
    });

    it('says wrong credentials were refused', async () => {
      const error = await clientFor(registry.host, {
        type: 'basic',
        username: TEST_USER.username,
        password: 'wrong',
      })
        .listImages(NAME)
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        `Image registry ${registry.host} refused the configured basic credentials for repository ${registry.host}/${NAME} (HTTP 401)`,
      );
    });

    it('says that anonymous access was refused', async () => {
      await expect(clientFor(registry.host).listImages(NAME)).rejects.toThrow(
        `Image registry ${registry.host} refused anonymous access to repository ${registry.host}/${NAME} (HTTP 401)`,
      );
    });
  },
);
