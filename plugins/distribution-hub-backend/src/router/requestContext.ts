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
 * `W/"3"`; absent means "whatever is current".
 */
export function readIfMatch(req: Request): number | undefined {
  const header = req.header('if-match');
  if (header === undefined || header.trim() === '*') {
    return undefined;
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InputError(
      `If-Match "${header}" is not a release revision (a number, e.g. "3")`,
    );
  }
  return Number(match[1]);
}

/**
 * Authentication, permission checks and auditing shared by the routes.
 */
export class RequestContext {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
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
    options: {
      permission: BasicPermission;
      eventId: string;
      action: string;
      meta?: JsonObject;
    },
    run: (actor: Actor) => Promise<T>,
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
      const [decision] = await this.permissions.authorize(
        [{ permission: options.permission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You are not allowed to ${options.action} (permission ${options.permission.name})`,
        );
      }
      const result = await run({ ref: actorRef(credentials), credentials });
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
