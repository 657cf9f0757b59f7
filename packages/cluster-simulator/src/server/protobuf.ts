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
import { ApiError, badRequest } from '../api/errors';
import { JsonObject } from '../util/json';

/**
 * Just enough of Kubernetes' protobuf encoding to read the Namespaces that
 * kubectl's typed commands (`kubectl create namespace`) send: the `k8s\0`
 * envelope (runtime.Unknown) and ObjectMeta's names, labels, annotations and
 * finalizers. Other kinds in protobuf are answered 415.
 */

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  number: number;
  wireType: number;
  /** Varint value, or the bytes of a length-delimited field. */
  value: number | Buffer;
}

function readVarint(buffer: Buffer, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    if (position >= buffer.length)
      throw badRequest('truncated protobuf varint');
    const byte = buffer[position++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, position];
    shift += 7;
  }
}

function fields(buffer: Buffer): Field[] {
  const out: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    offset = afterKey;
    if (wireType === 0) {
      const [value, next] = readVarint(buffer, offset);
      out.push({ number, wireType, value });
      offset = next;
    } else if (wireType === 2) {
      const [length, start] = readVarint(buffer, offset);
      out.push({
        number,
        wireType,
        value: buffer.subarray(start, start + length),
      });
      offset = start + length;
    } else if (wireType === 1) {
      offset += 8;
    } else if (wireType === 5) {
      offset += 4;
    } else {
      throw badRequest(`unsupported protobuf wire type ${wireType}`);
    }
  }
  return out;
}

const text = (field: Field) => (field.value as Buffer).toString('utf8');

function stringMap(entries: Field[]): Record<string, string> | undefined {
  if (entries.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const parts = fields(entry.value as Buffer);
    const key = parts.find(p => p.number === 1);
    const value = parts.find(p => p.number === 2);
    map[key ? text(key) : ''] = value ? text(value) : '';
  }
  return map;
}

function objectMeta(buffer: Buffer): JsonObject {
  const parts = fields(buffer);
  const meta: JsonObject = {};
  const one = (n: number) =>
    parts.find(p => p.number === n && p.wireType === 2);
  const name = one(1);
  const generateName = one(2);
  const namespace = one(3);
  if (name) meta.name = text(name);
  if (generateName) meta.generateName = text(generateName);
  if (namespace) meta.namespace = text(namespace);
  const labels = stringMap(parts.filter(p => p.number === 11));
  const annotations = stringMap(parts.filter(p => p.number === 12));
  if (labels) meta.labels = labels;
  if (annotations) meta.annotations = annotations;
  const finalizers = parts.filter(p => p.number === 14).map(text);
  if (finalizers.length) meta.finalizers = finalizers;
  return meta;
}

/** Decodes a protobuf-encoded Namespace into its JSON form. */
export function decodeProtobufObject(
  body: Buffer,
  contentType: string,
): JsonObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw badRequest('protobuf body without the k8s envelope');
  }
  const unknown = fields(body.subarray(4));
  const typeMeta = unknown.find(f => f.number === 1);
  const raw = unknown.find(f => f.number === 2);
  const typeParts = typeMeta ? fields(typeMeta.value as Buffer) : [];
  const apiVersion = typeParts.find(f => f.number === 1);
  const kind = typeParts.find(f => f.number === 2);
  if (!kind || text(kind) !== 'Namespace' || !raw) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, and ${contentType} for Namespaces only (got ${contentType} with ${
        kind ? `a ${text(kind)}` : 'no kind'
      }: the cluster simulator reads protobuf only for Namespaces; send JSON or YAML, e.g. with kubectl create -f or kubectl apply)`,
    );
  }
  const object: JsonObject = {
    apiVersion: apiVersion ? text(apiVersion) : 'v1',
    kind: 'Namespace',
  };
  const metadata = fields(raw.value as Buffer).find(f => f.number === 1);
  object.metadata = metadata ? objectMeta(metadata.value as Buffer) : {};
  return object;
}
