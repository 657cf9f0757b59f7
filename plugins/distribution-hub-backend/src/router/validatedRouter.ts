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
import { CustomErrorBase, InputError, NotFoundError } from '@backstage/errors';
import express, { NextFunction, Request, Response, Router } from 'express';
import Router_ from 'express-promise-router';
import {
  error as validatorErrors,
  middleware as openApiValidator,
} from 'express-openapi-validator';

/**
 * A documented path asked with a method it does not have; Backstage's error
 * handler answers with the statusCode.
 */
class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError' as const;
  statusCode = 405;
}

interface ValidationItem {
  path?: string;
  message?: string;
  errorCode?: string;
}

/** "/body/stages/0/apps" → "body.stages[0].apps" */
function fieldOf(path: string | undefined): string {
  let field = '';
  for (const part of (path ?? '').split('/').filter(Boolean)) {
    if (/^\d+$/.test(part)) {
      field += `[${part}]`;
    } else {
      field += field ? `.${part}` : part;
    }
  }
  return field;
}

function describe(item: ValidationItem): string {
  const field = fieldOf(item.path);
  if (item.errorCode?.startsWith('additionalProperties')) {
    return `${field} is not a known field`;
  }
  return `${field} ${item.message}`.trim();
}

/**
 * A value failing a `oneOf` is reported against every branch: "count is
 * required", "percent is not a known field", "percent must be <= 100".
 * When a branch's real constraint failed, keep that and drop the branches'
 * shape mismatches and the summary.
 */
function withoutOneOfNoise(items: ValidationItem[]): ValidationItem[] {
  const shapeOnly = (item: ValidationItem) =>
    item.errorCode?.startsWith('required') ||
    item.errorCode?.startsWith('additionalProperties') ||
    item.errorCode?.startsWith('oneOf');
  const noisy = new Set<ValidationItem>();
  for (const oneOf of items.filter(i => i.errorCode?.startsWith('oneOf'))) {
    const base = oneOf.path ?? '';
    const under = items.filter(
      i => i.path === base || (i.path ?? '').startsWith(`${base}/`),
    );
    if (under.some(i => !shapeOnly(i))) {
      under.filter(shapeOnly).forEach(i => noisy.add(i));
    }
  }
  return items.filter(i => !noisy.has(i));
}

/**
 * Where a request holds a NUL character ("body.title", "query.search"), if
 * anywhere: PostgreSQL text cannot store one, so it is refused up front.
 */
function nulCharacterIn(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path : undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulCharacterIn(item, path ? `${path}.${key}` : key);
      if (found) {
        return found;
      }
      if (key.includes('\u0000')) {
        return path ? `${path}.${key}` : key;
      }
    }
  }
  return undefined;
}

/**
 * A router that validates every request against `spec` with
 * express-openapi-validator before any handler sees it. Every 400 names the
 * offending field (e.g. "body.id is not a known field"), which the
 * validator's own summary leaves out. Routes the spec does not document
 * answer 404 (or 405 for an undocumented method), so no handler can serve
 * requests that skipped validation.
 */
export function createValidatedRouter(spec: object): Router {
  const router = Router_();
  router.use(express.json({ limit: '5mb' }));
  router.use((req, _res, next) => {
    const where = nulCharacterIn({ query: req.query, body: req.body });
    next(
      where
        ? new InputError(
            `Invalid request: ${where} contains a NUL character, which text cannot hold`,
          )
        : undefined,
    );
  });
  router.use(
    openApiValidator({
      apiSpec: spec as any,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      } as any,
      // Paths relative to where the router is mounted.
      useRequestUrl: true,
      ignoreUndocumented: false,
      // Responses are checked against the spec in router/spec.test.ts
      // instead: here a mismatch would turn a good answer into a 500.
      validateResponses: false,
    }),
  );
  router.use(
    (
      error: Error & {
        errors?: ValidationItem[];
        status?: number;
        headers?: Record<string, string>;
      },
      req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (error instanceof InputError) {
        next(error);
        return;
      }
      const route = `${req.method} ${req.baseUrl}${req.path}`;
      if (error instanceof validatorErrors.NotFound) {
        next(new NotFoundError(`No such route: ${route}`));
        return;
      }
      if (error instanceof validatorErrors.MethodNotAllowed) {
        const allowed = (error.headers?.Allow ?? '')
          .split(/,\s*/)
          .filter(Boolean)
          .sort()
          .join(', ');
        if (allowed) res.setHeader('Allow', allowed);
        next(
          new MethodNotAllowedError(
            `No such route: ${route}; ${req.baseUrl}${req.path} allows ${
              allowed || 'no method'
            }`,
          ),
        );
        return;
      }
      const items = withoutOneOfNoise(error.errors ?? []);
      const message =
        items.length > 0 ? items.map(describe).join('; ') : error.message;
      next(new InputError(`Invalid request: ${message}`));
    },
  );
  router.get('/openapi.json', (req, res) => {
    res.json({ ...spec, servers: [{ url: req.baseUrl }] });
  });
  return router;
}
