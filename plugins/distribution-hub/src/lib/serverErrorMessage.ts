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
 * What went wrong with a request, in the server's words when it sent some: a
 * ResponseError carries them in body.error.message (a 400 names the field, a
 * 409 says the release is locked or changed meanwhile); anything else falls
 * back to its own message.
 */
export function serverErrorMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  const message = body?.error?.message;
  if (typeof message === 'string' && message.trim() !== '') {
    return message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
