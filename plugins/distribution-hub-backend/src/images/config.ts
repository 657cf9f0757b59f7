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
import { RootConfigService } from '@backstage/backend-plugin-api';

/** How the hub authenticates to an image registry. */
export type RegistryAuth =
  | { type: 'anonymous' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

/** One registry the hub may list images from. */
export interface ImageRegistryConfig {
  /** Host name and optional port, lower case, e.g. registry.example.com. */
  host: string;
  /** Whether to speak plain http instead of https. */
  insecure: boolean;
  auth: RegistryAuth;
}

/** The registries of `distributionHub.imageRegistries`. */
export interface ImageRegistriesConfig {
  registries: ImageRegistryConfig[];
  /** Host for repositories that name none, e.g. shopfront/orders-api. */
  defaultRegistry?: string;
}

const KEY = 'distributionHub.imageRegistries';
const HOST =
  /^(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])(?:\.(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9]))*(?::[0-9]{1,5})?$/;

function readHost(value: string, key: string): string {
  const host = value.trim().toLocaleLowerCase('en-US');
  if (!HOST.test(host)) {
    throw new Error(
      `${key} "${value}" is not a registry host; give a host name with an optional port and no scheme or path, e.g. registry.example.com or 127.0.0.1:5000`,
    );
  }
  return host;
}

function readAuth(
  config: ReturnType<RootConfigService['getConfig']>,
  key: string,
): RegistryAuth {
  const auth = config.getOptionalConfig('auth');
  const type = auth?.getOptionalString('type') ?? 'anonymous';
  switch (type) {
    case 'anonymous':
      return { type };
    case 'basic':
      return {
        type,
        username: auth!.getString('username'),
        password: auth!.getString('password'),
      };
    case 'bearer':
      return { type, token: auth!.getString('token') };
    default:
      throw new Error(
        `${key}.auth.type "${type}" is not one of anonymous, basic, bearer`,
      );
  }
}

/**
 * Reads the image registries from config and checks them, so that a mistake
 * stops the backend at start-up rather than failing requests later.
 */
export function readImageRegistriesConfig(
  config: RootConfigService,
): ImageRegistriesConfig {
  const registries: ImageRegistryConfig[] = [];
  (config.getOptionalConfigArray(KEY) ?? []).forEach((entry, index) => {
    const key = `${KEY}[${index}]`;
    const host = readHost(entry.getString('host'), `${key}.host`);
    if (registries.some(r => r.host === host)) {
      throw new Error(`${key}.host ${host} is configured twice`);
    }
    registries.push({
      host,
      insecure: entry.getOptionalBoolean('insecure') ?? false,
      auth: readAuth(entry, key),
    });
  });
  const defaultKey = 'distributionHub.defaultImageRegistry';
  const configuredDefault = config.getOptionalString(defaultKey);
  const defaultRegistry =
    configuredDefault === undefined
      ? undefined
      : readHost(configuredDefault, defaultKey);
  if (defaultRegistry && !registries.some(r => r.host === defaultRegistry)) {
    throw new Error(
      `${defaultKey} ${defaultRegistry} is not one of the hosts in ${KEY}`,
    );
  }
  return { registries, defaultRegistry };
}
