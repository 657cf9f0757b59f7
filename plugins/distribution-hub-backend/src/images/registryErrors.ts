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
import { ServiceUnavailableError } from '@backstage/errors';
import { ImageRegistryConfig } from './config';

/** What a registry said about a failed request, read from its error body. */
export async function readRegistryError(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const { errors } = JSON.parse(text);
    const described = errors
      .map((e: { code?: string; message?: string }) =>
        [e.code, e.message].filter(Boolean).join(': '),
      )
      .filter(Boolean)
      .join('; ');
    if (described) {
      return described.slice(0, 300);
    }
  } catch {
    // not the distribution API's error document
  }
  return text.trim().slice(0, 300);
}

/** The registry (or its token service) could not be reached in time. */
export function registryUnreachable(
  host: string,
  error: unknown,
  timeoutMs: number,
): ServiceUnavailableError {
  const err = error as Error & { cause?: { message?: string } };
  const reason =
    err?.name === 'TimeoutError' || err?.name === 'AbortError'
      ? `no answer within ${timeoutMs} ms`
      : err?.cause?.message ?? err?.message ?? String(error);
  return new ServiceUnavailableError(
    `Image registry ${host} is unreachable: ${reason}`,
  );
}

/** The registry answered with an error that retrying later may fix. */
export function registryFailed(
  host: string,
  status: number,
  detail: string,
): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `Image registry ${host} answered HTTP ${status}${
      detail ? `: ${detail}` : ''
    }`,
  );
}

/** The registry still says 401/403 after the hub authenticated. */
export function credentialsRefused(
  registry: ImageRegistryConfig,
  status: number,
  what: string,
): ServiceUnavailableError {
  if (registry.auth.type === 'anonymous') {
    return new ServiceUnavailableError(
      `Image registry ${registry.host} refused anonymous access to ${what} (HTTP ${status}); configure credentials for it under distributionHub.imageRegistries`,
    );
  }
  return new ServiceUnavailableError(
    `Image registry ${registry.host} refused the configured ${registry.auth.type} credentials for ${what} (HTTP ${status})`,
  );
}
