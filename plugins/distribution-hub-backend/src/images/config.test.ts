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
import { mockServices } from '@backstage/backend-test-utils';
import { readImageRegistriesConfig } from './config';

function read(distributionHub: object) {
  return readImageRegistriesConfig(
    mockServices.rootConfig({ data: { distributionHub } }),
  );
}

describe('readImageRegistriesConfig', () => {
  it('reads registries of every auth type and the default', () => {
    expect(
      read({
        imageRegistries: [
          { host: 'Registry.Example.com' },
          {
            host: '127.0.0.1:5000',
            insecure: true,
            auth: { type: 'basic', username: 'ci', password: 'pw' },
          },
          { host: 'ghcr.io', auth: { type: 'bearer', token: 't0ken' } },
          { host: 'quay.io', auth: { type: 'anonymous' } },
        ],
        defaultImageRegistry: 'registry.example.com',
      }),
    ).toEqual({
      registries: [
        {
          host: 'registry.example.com',
          insecure: false,
          auth: { type: 'anonymous' },
        },
        {
          host: '127.0.0.1:5000',
          insecure: true,
          auth: { type: 'basic', username: 'ci', password: 'pw' },
        },
        {
          host: 'ghcr.io',
          insecure: false,
          auth: { type: 'bearer', token: 't0ken' },
        },
        { host: 'quay.io', insecure: false, auth: { type: 'anonymous' } },
      ],
      defaultRegistry: 'registry.example.com',
    });
  });

  it('reads nothing configured as no registries', () => {
    expect(read({})).toEqual({ registries: [], defaultRegistry: undefined });
  });

  it.each([
    [
      { imageRegistries: [{ host: 'https://registry.example.com' }] },
      'distributionHub.imageRegistries[0].host "https://registry.example.com" is not a registry host',
    ],
    [
      { imageRegistries: [{ host: 'a.example.com/path' }] },
      'is not a registry host',
    ],
    [
      {
        imageRegistries: [{ host: 'a.example.com' }, { host: 'A.example.com' }],
      },
      'distributionHub.imageRegistries[1].host a.example.com is configured twice',
    ],
    [
      { imageRegistries: [{ host: 'a.example.com', auth: { type: 'oauth' } }] },
      'distributionHub.imageRegistries[0].auth.type "oauth" is not one of anonymous, basic, bearer',
    ],
    [
      {
        imageRegistries: [
          { host: 'a.example.com', auth: { type: 'basic', username: 'u' } },
        ],
      },
      "Missing required config value at 'distributionHub.imageRegistries[0].auth.password'",
    ],
    [
      {
        imageRegistries: [{ host: 'a.example.com', auth: { type: 'bearer' } }],
      },
      "Missing required config value at 'distributionHub.imageRegistries[0].auth.token'",
    ],
    [
      {
        imageRegistries: [{ host: 'a.example.com' }],
        defaultImageRegistry: 'b.example.com',
      },
      'distributionHub.defaultImageRegistry b.example.com is not one of the hosts in distributionHub.imageRegistries',
    ],
  ])('rejects %j', (config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
