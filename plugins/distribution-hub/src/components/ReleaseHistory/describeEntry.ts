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
  ReleaseHistoryEntry,
  ReleaseRequirements,
  ReleaseStatus,
} from '@sdh/plugin-distribution-hub-common';
import { RELEASE_STATUS_LABELS } from '../ReleaseStatusChip';

function plural(count: number, singular: string, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function isRequirements(value: unknown): value is ReleaseRequirements {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { stages?: unknown }).stages)
  );
}

function applications(requirements: ReleaseRequirements) {
  return requirements.stages.flatMap(stage =>
    Array.isArray(stage?.apps) ? stage.apps : [],
  );
}

/** E.g. "2 stages, 3 applications". */
export function summarizeRequirements(requirements: ReleaseRequirements) {
  return `${plural(requirements.stages.length, 'stage')}, ${plural(
    applications(requirements).length,
    'application',
  )}`;
}

function statusLabel(status: unknown): string {
  return (
    RELEASE_STATUS_LABELS[status as ReleaseStatus] ?? String(status ?? 'none')
  );
}

/** The history action as a reader would say it. */
export function describeAction(entry: ReleaseHistoryEntry): string {
  switch (entry.action) {
    case 'created':
      return 'Created';
    case 'updated':
      return 'Details changed';
    case 'requirements-updated':
      return 'Requirements changed';
    case 'locked':
      return 'Requirements locked';
    case 'unlocked':
      return 'Requirements unlocked';
    case 'status-changed': {
      const status = entry.changes.status;
      return status
        ? `Status: ${statusLabel(status.from)} → ${statusLabel(status.to)}`
        : 'Status changed';
    }
    default: {
      const action = String(entry.action).replace(/-/g, ' ');
      return action.charAt(0).toUpperCase() + action.slice(1);
    }
  }
}

/** One line of what a change did. */
export interface ChangeLine {
  field: string;
  /** The field's name as shown. */
  label: string;
  /** What happened to it, e.g. "Draft → Ready for release". */
  text: string;
  /** Details, e.g. the applications that were added. */
  details?: string[];
  /** The release the text names, to link to. */
  releaseId?: string;
}

const FIELD_LABELS: Record<string, string> = {
  version: 'Version',
  name: 'Name',
  description: 'Description',
  notes: 'Release notes',
  status: 'Status',
  locked: 'Requirements locked',
  requirements: 'Requirements',
  clonedFrom: 'Cloned from',
};

function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) {
    return FIELD_LABELS[field];
  }
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isEmpty(value: unknown) {
  return value === undefined || value === null || value === '';
}

function formatValue(field: string, value: unknown): string {
  if (isEmpty(value)) {
    return '(none)';
  }
  if (field === 'status') {
    return statusLabel(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function describeRequirements(from: unknown, to: unknown): ChangeLine {
  const line: ChangeLine = {
    field: 'requirements',
    label: 'Requirements',
    text: isRequirements(to) ? summarizeRequirements(to) : 'changed',
  };
  if (!isRequirements(from)) {
    return line;
  }
  line.text += ` (was ${summarizeRequirements(from)})`;
  if (!isRequirements(to)) {
    return line;
  }
  const before = new Map(applications(from).map(a => [a.entityRef, a]));
  const after = new Map(applications(to).map(a => [a.entityRef, a]));
  const added = [...after.keys()].filter(ref => !before.has(ref));
  const removed = [...before.keys()].filter(ref => !after.has(ref));
  const imageChanged = [...after.values()].filter(
    app =>
      before.has(app.entityRef) &&
      (before.get(app.entityRef)?.image ?? '') !== (app.image ?? ''),
  );
  const instructionsChanged = [...after.values()].filter(
    app =>
      before.has(app.entityRef) &&
      (before.get(app.entityRef)?.instructions ?? '') !==
        (app.instructions ?? ''),
  );
  const details: string[] = [];
  if (added.length > 0) {
    details.push(`Added ${added.join(', ')}`);
  }
  if (removed.length > 0) {
    details.push(`Removed ${removed.join(', ')}`);
  }
  for (const app of imageChanged) {
    details.push(
      `Image of ${app.entityRef}: ${formatValue(
        'image',
        before.get(app.entityRef)?.image,
      )} → ${formatValue('image', app.image)}`,
    );
  }
  if (instructionsChanged.length > 0) {
    details.push(
      `Instructions edited for ${instructionsChanged
        .map(app => app.entityRef)
        .join(', ')}`,
    );
  }
  if (details.length > 0) {
    line.details = details;
  }
  return line;
}

/**
 * What an entry changed, field by field, in words. The status of a status
 * change is left out: the action already says it.
 */
export function describeChanges(entry: ReleaseHistoryEntry): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const [field, change] of Object.entries(entry.changes ?? {})) {
    const { from, to } = change ?? {};
    if (field === 'status' && entry.action === 'status-changed') {
      continue;
    }
    if (
      field === 'locked' &&
      (entry.action === 'locked' || entry.action === 'unlocked')
    ) {
      continue;
    }
    if (field === 'requirements') {
      lines.push(describeRequirements(from, to));
      continue;
    }
    const label = fieldLabel(field);
    let text: string;
    if (field === 'notes') {
      // Notes are long; that they changed is what a reader of the history needs.
      text = 'release notes edited';
    } else if (!('from' in (change ?? {})) && entry.action === 'created') {
      text = formatValue(field, to);
    } else {
      text = `${formatValue(field, from)} → ${formatValue(field, to)}`;
    }
    lines.push({
      field,
      label,
      text,
      ...(field === 'clonedFrom' && typeof to === 'string'
        ? { releaseId: to }
        : {}),
    });
  }
  return lines;
}
