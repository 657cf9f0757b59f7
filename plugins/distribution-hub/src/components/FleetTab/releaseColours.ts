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

/**
 * Colours told apart by most viewers, colour-blind ones included (Tableau
 * 10); releases beyond ten reuse them, and every coloured cell also names
 * its version.
 */
export const RELEASE_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** A colour per release ID, in the order given (newest first). */
export function releaseColours(releaseIds: string[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const id of releaseIds) {
    if (!colours.has(id)) {
      colours.set(id, RELEASE_PALETTE[colours.size % RELEASE_PALETTE.length]);
    }
  }
  return colours;
}

/** A light background of a colour, for a cell whose text stays readable. */
export function tint(colour: string): string {
  return `${colour}47`;
}
