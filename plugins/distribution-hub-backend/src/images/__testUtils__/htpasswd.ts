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

/** The user docker-registry's htpasswd mode accepts in the tests. */
export const TEST_USER = {
  username: 'hub-test',
  password: 'hub-test-password',
};

/**
 * TEST_USER's htpasswd line. docker-registry accepts only bcrypt hashes and
 * no bcrypt implementation is among the dependencies, so it was made once
 * (cost 4, to keep the registry's check of every request fast) with
 *   htpasswd -nbB -C 4 hub-test hub-test-password
 * or equally
 *   python3 -c "import crypt; print(crypt.crypt('hub-test-password', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))"
 * A wrong hash shows as the basic-auth tests being refused.
 */
export const TEST_HTPASSWD =
  'hub-test:$2b$04$NsE579NfmPImbvkj5CjOLOr/EIsdt.9i.xGNQDCgaAN4vxyk3hXFe';

/** An Authorization: Basic header value. */
export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
