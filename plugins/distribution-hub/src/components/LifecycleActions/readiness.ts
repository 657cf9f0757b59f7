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
import { Release } from '@sdh/plugin-distribution-hub-common';

/** The applications of a release that have no image yet, as entity refs. */
export function applicationsWithoutImage(release: Release): string[] {
  return release.requirements.stages.flatMap(stage =>
    stage.apps.filter(app => !app.image?.trim()).map(app => app.entityRef),
  );
}

/**
 * Why a release cannot be Ready for release now, or undefined if it can:
 * the same rules the backend enforces, so the UI says so before a click.
 */
export function readyForReleaseBlocker(release: Release): string | undefined {
  if (release.status === 'rescinded') {
    return 'The release is rescinded';
  }
  if (!release.locked) {
    return 'Lock the requirements first';
  }
  const missing = applicationsWithoutImage(release);
  if (missing.length > 0) {
    return `No image for ${missing.join(', ')}`;
  }
  return undefined;
}
