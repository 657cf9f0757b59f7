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
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import {
  InstallationAuthorizer,
  InstallationPermission,
} from '../permissions/InstallationAuthorizer';
import { TargetAuthorizer } from '../rollouts/RolloutService';
import { Actor } from '../service/ReleaseService';

function actorRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? `service:${principal.subject ?? 'unknown'}`;
}

/**
 * Reads the revision a change was based on from If-Match: `3`, `"3"` or
 * `W/"3"`; `*` means "whatever is current". Changes that replace what a
 * user edited require the header, so a client that never read the
 * revision cannot overwrite someone else's edit silently.
 */
export function readIfMatch(
  req: Request,
  options: { requiredFor?: string } = {},
): number | undefined {
  const header = req.header('if-match');
  if (header === undefined && options.requiredFor) {
    throw new InputError(
      `If-Match header is required to change ${options.requiredFor}: send the revision the change is based on (e.g. If-Match: "3"), or "*" to overwrite whatever is current`,
    );
  }
  if (header === undefined || header.trim() === '*') {
    return undefined;
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InputError(
      `If-Match "${header}" is not a revision (a number, e.g. "3")`,
    );
  }
  return Number(match[1]);
}

/**
 * The validated `limit` query parameter. The validator has made it a number
 * (or applied the default); anything else is refused here rather than
 * reaching the database as NaN, which knex would ignore.
 */
export function readLimit(req: Request): number | undefined {
  return readWholeNumber(req, 'limit');
}

/** A text query parameter; empty counts as absent. */
export function readText(req: Request, name: string): string | undefined {
  return (req.query[name] as string | undefined) || undefined;
}

/** A validated whole-number query parameter, as {@link readLimit}. */
export function readWholeNumber(
  req: Request,
  name: string,
): number | undefined {
  const raw: unknown = req.query[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value)) {
    throw new InputError(
      `Invalid request: query.${name} "${String(raw)}" is not a whole number`,
    );
  }
  return value;
}

/** What a mutation records in the audit log. */
export interface AuditOptions {
  eventId: string;
  meta?: JsonObject;
}

/**
 * Authentication, permission checks and auditing shared by the routes.
 */
export class RequestContext {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
    private readonly installations: InstallationAuthorizer,
  ) {}

  /** The caller of a read route; 401 without valid credentials. */
  async reader(req: Request): Promise<BackstageCredentials> {
    return this.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /**
   * Runs a mutation: checks the permission, then runs it under an audit
   * event that records its outcome.
   */
  async mutate<T>(
    req: Request,
    options: AuditOptions & {
      permission: BasicPermission;
      action: string;
      /** Adds to the audit event's meta once the mutation succeeded. */
      resultMeta?: (result: T) => JsonObject;
    },
    run: (actor: Actor) => Promise<T>,
  ): Promise<T> {
    return this.audited(
      req,
      options,
      async credentials => {
        const [decision] = await this.permissions.authorize(
          [{ permission: options.permission }],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `You are not allowed to ${options.action} (permission ${options.permission.name})`,
          );
        }
        return run({ ref: actorRef(credentials), credentials });
      },
      options.resultMeta,
    );
  }

  /**
   * Runs a mutation guarded by a permission on installations: refused at
   * once when the policy denies it outright; otherwise `run` gets a
   * {@link TargetAuthorizer} that says which installations it may not touch
   * (none when allowed, some under a conditional decision).
   */
  async mutateInstallations<T>(
    req: Request,
    options: AuditOptions & {
      permission: InstallationPermission;
      action: string;
      /** Adds to the audit event's meta once the mutation succeeded. */
      resultMeta?: (result: T) => JsonObject;
    },
    run: (actor: Actor, authorize: TargetAuthorizer) => Promise<T>,
  ): Promise<T> {
    return this.audited(
      req,
      options,
      async credentials => {
        const authorize = await this.installations.require(
          credentials,
          options.permission,
          options.action,
        );
        return run({ ref: actorRef(credentials), credentials }, authorize);
      },
      options.resultMeta,
    );
  }

  /** Authenticates, then runs `body` under an audit event. */
  private async audited<T>(
    req: Request,
    options: AuditOptions,
    body: (credentials: BackstageCredentials) => Promise<T>,
    resultMeta?: (result: T) => JsonObject,
  ): Promise<T> {
    const credentials = await this.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const event = await this.auditor.createEvent({
      eventId: options.eventId,
      severityLevel: 'medium',
      request: req,
      meta: options.meta,
    });
    try {
      const result = await body(credentials);
      await event.success(
        resultMeta
          ? { meta: { ...options.meta, ...resultMeta(result) } }
          : undefined,
      );
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
