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
import { parseRepository } from './repositoryName';

describe('parseRepository', () => {
  it.each([
    ['shopfront/orders-api', { name: 'shopfront/orders-api' }],
    ['orders-api', { name: 'orders-api' }],
    [
      'registry.example.com/shop/orders-api',
      { host: 'registry.example.com', name: 'shop/orders-api' },
    ],
    ['127.0.0.1:5000/orders', { host: '127.0.0.1:5000', name: 'orders' }],
    ['localhost/a/b/c', { host: 'localhost', name: 'a/b/c' }],
    ['Registry.Example.com/app', { host: 'registry.example.com', name: 'app' }],
    ['registry:5000/app_x.y__z', { host: 'registry:5000', name: 'app_x.y__z' }],
    ['localhost', { name: 'localhost' }],
  ])('splits %s', (value, expected) => {
    expect(parseRepository(value)).toEqual(expected);
  });

  it.each([
    'registry.example.com/shop/orders-api:1.0.0',
    'shop/orders-api@sha256:abc',
    'Shop/orders-api',
    'shop//orders-api',
    'shop/orders-api/',
    '',
    'https://registry.example.com/shop',
    'bad_host.example.com/shop',
  ])('rejects %p', value => {
    expect(parseRepository(value)).toHaveProperty('error');
  });
});
