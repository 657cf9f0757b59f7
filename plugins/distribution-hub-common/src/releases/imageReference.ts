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
// The grammar of github.com/distribution/reference, written out so that a
// typed reference is checked the way a registry and a kubelet will parse it.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`;
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest =
  '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const reference = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);

/**
 * The parts of an OCI image reference.
 *
 * @public
 */
export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Parses an OCI image reference, or explains why it is not one. A release
 * pins images, so a reference must carry a tag, a digest or both.
 *
 * @public
 */
export function parseImageReference(
  value: string,
): { reference: ImageReference } | { error: string } {
  if (value.trim() !== value || value === '') {
    return { error: 'is empty or has surrounding spaces' };
  }
  const match = reference.exec(value);
  if (!match) {
    return {
      error:
        'is not an OCI image reference (repository[:tag][@digest], e.g. registry.example.com/shop/orders-api:1.4.2)',
    };
  }
  const [, repository, imageTag, imageDigest] = match;
  if (repository.length > 255) {
    return { error: 'has a repository name longer than 255 characters' };
  }
  if (!imageTag && !imageDigest) {
    return { error: 'has neither a tag nor a digest; pin the image with one' };
  }
  return {
    reference: { repository, tag: imageTag, digest: imageDigest },
  };
}
