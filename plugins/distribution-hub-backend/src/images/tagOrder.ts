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
import semver from 'semver';

function descending(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? 1 : -1;
}

/**
 * Orders tags newest first as far as names tell (registries give no dates):
 * semantic versions (with or without a leading "v") descending, then the
 * other tags descending by code point.
 */
export function sortTags(tags: readonly string[]): string[] {
  const versions: Array<{ tag: string; version: semver.SemVer }> = [];
  const others: string[] = [];
  for (const tag of new Set(tags)) {
    const version = semver.parse(tag);
    if (version) {
      versions.push({ tag, version });
    } else {
      others.push(tag);
    }
  }
  versions.sort(
    (a, b) => semver.rcompare(a.version, b.version) || descending(a.tag, b.tag),
  );
  return [...versions.map(v => v.tag), ...others.sort(descending)];
}

/**
 * Maps items with at most `limit` calls of `fn` in flight, keeping order.
 * After a call fails no further calls start, and the first failure is thrown.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker),
  );
  return results;
}
