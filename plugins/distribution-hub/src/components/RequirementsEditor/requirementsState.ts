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
  ReleaseApplication,
  ReleaseRequirements,
} from '@sdh/plugin-distribution-hub-common';

/*
 * The requirements being edited. Every action keeps the objects it does not
 * touch, so memoised stage columns and application cards skip re-rendering
 * when something else changes (200 applications stay fast).
 */

/** A stage being edited; `id` is a stable React key. */
export interface DraftStage {
  id: number;
  name: string;
  apps: ReleaseApplication[];
}

export interface DraftState {
  stages: DraftStage[];
  nextId: number;
}

/** Where a moved application goes: a stage index or a new last stage. */
export type StageTarget = number | 'new';

export type DraftAction =
  | { type: 'reset'; requirements: ReleaseRequirements }
  | { type: 'addStage' }
  | { type: 'renameStage'; index: number; name: string }
  /** Removes a stage; its applications go to `moveTo`, if any. */
  | { type: 'removeStage'; index: number; moveTo?: number }
  | { type: 'addApp'; entityRef: string; stage: StageTarget }
  | { type: 'moveApp'; entityRef: string; to: StageTarget }
  | { type: 'removeApp'; entityRef: string }
  | {
      type: 'updateApp';
      entityRef: string;
      change: Partial<Pick<ReleaseApplication, 'image' | 'instructions'>>;
    };

export function initialDraft(requirements: ReleaseRequirements): DraftState {
  return {
    stages: requirements.stages.map((stage, index) => ({
      id: index,
      name: stage.name ?? '',
      apps: stage.apps,
    })),
    nextId: requirements.stages.length,
  };
}

function findApp(
  stages: DraftStage[],
  entityRef: string,
): { stage: number; app: number } | undefined {
  for (let stage = 0; stage < stages.length; stage++) {
    const app = stages[stage].apps.findIndex(a => a.entityRef === entityRef);
    if (app >= 0) {
      return { stage, app };
    }
  }
  return undefined;
}

function replaceAt<T>(items: T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

/** The stages with a new empty one at the end when the target is 'new'. */
function withTarget(
  state: DraftState,
  target: StageTarget,
): { state: DraftState; index: number } {
  if (target !== 'new' && target >= 0 && target < state.stages.length) {
    return { state, index: target };
  }
  const stage: DraftStage = { id: state.nextId, name: '', apps: [] };
  return {
    state: { stages: [...state.stages, stage], nextId: state.nextId + 1 },
    index: state.stages.length,
  };
}

export function draftReducer(state: DraftState, action: DraftAction) {
  switch (action.type) {
    case 'reset':
      return initialDraft(action.requirements);
    case 'addStage':
      return withTarget(state, 'new').state;
    case 'renameStage': {
      const stage = state.stages[action.index];
      if (!stage || stage.name === action.name) {
        return state;
      }
      return {
        ...state,
        stages: replaceAt(state.stages, action.index, {
          ...stage,
          name: action.name,
        }),
      };
    }
    case 'removeStage': {
      const removed = state.stages[action.index];
      if (!removed) {
        return state;
      }
      const { moveTo } = action;
      if (removed.apps.length > 0) {
        const target = moveTo === undefined ? undefined : state.stages[moveTo];
        if (!target || moveTo === action.index) {
          // Applications are never dropped along with a stage.
          return state;
        }
        const stages = replaceAt(state.stages, moveTo!, {
          ...target,
          apps: [...target.apps, ...removed.apps],
        });
        stages.splice(action.index, 1);
        return { ...state, stages };
      }
      return {
        ...state,
        stages: state.stages.filter((_, index) => index !== action.index),
      };
    }
    case 'addApp': {
      if (findApp(state.stages, action.entityRef)) {
        return state;
      }
      const { state: next, index } = withTarget(state, action.stage);
      const stage = next.stages[index];
      return {
        ...next,
        stages: replaceAt(next.stages, index, {
          ...stage,
          apps: [...stage.apps, { entityRef: action.entityRef }],
        }),
      };
    }
    case 'moveApp': {
      const found = findApp(state.stages, action.entityRef);
      if (!found || found.stage === action.to) {
        return state;
      }
      const { state: next, index } = withTarget(state, action.to);
      const from = next.stages[found.stage];
      const app = from.apps[found.app];
      const stages = next.stages.slice();
      stages[found.stage] = {
        ...from,
        apps: from.apps.filter((_, i) => i !== found.app),
      };
      stages[index] = { ...stages[index], apps: [...stages[index].apps, app] };
      return { ...next, stages };
    }
    case 'removeApp': {
      const found = findApp(state.stages, action.entityRef);
      if (!found) {
        return state;
      }
      const stage = state.stages[found.stage];
      return {
        ...state,
        stages: replaceAt(state.stages, found.stage, {
          ...stage,
          apps: stage.apps.filter((_, i) => i !== found.app),
        }),
      };
    }
    case 'updateApp': {
      const found = findApp(state.stages, action.entityRef);
      if (!found) {
        return state;
      }
      const stage = state.stages[found.stage];
      const app = stage.apps[found.app];
      const updated = { ...app, ...action.change };
      if (
        updated.image === app.image &&
        updated.instructions === app.instructions
      ) {
        return state;
      }
      return {
        ...state,
        stages: replaceAt(state.stages, found.stage, {
          ...stage,
          apps: replaceAt(stage.apps, found.app, updated),
        }),
      };
    }
    default:
      return state;
  }
}

/**
 * Requirements as the server stores them: trimmed stage names, no empty
 * images or instructions. Used both to save and to tell unsaved changes.
 */
export function toRequirements(
  stages: ReadonlyArray<{ name?: string; apps: ReleaseApplication[] }>,
): ReleaseRequirements {
  return {
    stages: stages.map(stage => {
      const name = stage.name?.trim();
      return {
        ...(name ? { name } : {}),
        apps: stage.apps.map(app => ({
          entityRef: app.entityRef,
          ...(app.image ? { image: app.image } : {}),
          ...(app.instructions?.trim()
            ? { instructions: app.instructions }
            : {}),
        })),
      };
    }),
  };
}

export function sameRequirements(
  a: ReleaseRequirements,
  b: ReleaseRequirements,
): boolean {
  return (
    JSON.stringify(toRequirements(a.stages)) ===
    JSON.stringify(toRequirements(b.stages))
  );
}

/** How a stage reads in labels: "Stage 2: Search", or "Stage 2". */
export function stageLabel(index: number, name: string | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? `Stage ${index + 1}: ${trimmed}` : `Stage ${index + 1}`;
}
