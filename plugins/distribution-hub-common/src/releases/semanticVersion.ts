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

/**
 * Whether a version is written exactly as semver.org defines it:
 * MAJOR.MINOR.PATCH, optionally -prerelease and +build; no leading "v" or
 * "=", no surrounding spaces.
 *
 * @public
 */
export function isSemanticVersion(version: string): boolean {
  const parsed = semver.parse(version);
  if (!parsed) {
    return false;
  }
  const build = parsed.build.length > 0 ? `+${parsed.build.join('.')}` : '';
  return `${parsed.version}${build}` === version;
}

/**
 * Orders versions newest first by semver precedence; equal precedence (only
 * build metadata differs) falls back to the text.
 *
 * @public
 */
export function compareVersionsDescending(a: string, b: string): number {
  return semver.rcompare(a, b) || b.localeCompare(a);
}
