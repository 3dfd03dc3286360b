import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD011 package manager caches left in the layer', () => {
  it.each([
    ['npm ci', ['FROM node:20', 'RUN npm ci'], 'npm leaves its cache (/root/.npm) in the layer: use RUN --mount=type=cache,target=/root/.npm'],
    ['npm install -g', ['FROM node:20', 'RUN npm install -g pnpm@9'], 'target=/root/.npm'],
    ['npm as a named user', ['FROM node:20', 'USER node', 'RUN npm ci --omit=dev'], 'target=/home/node/.npm'],
    ['yarn', ['FROM node:20', 'RUN yarn install --frozen-lockfile'], 'Yarn leaves its cache (/usr/local/share/.cache/yarn)'],
    ['bare yarn', ['FROM node:20', 'RUN yarn'], 'Yarn'],
    ['pnpm', ['FROM node:20', 'RUN pnpm install --frozen-lockfile'], 'target=/root/.local/share/pnpm/store'],
    ['Maven', ['FROM maven:3.9', 'RUN mvn -B package'], 'Maven leaves its cache (/root/.m2/repository)'],
    ['the Maven wrapper', ['FROM eclipse-temurin:21', 'RUN ./mvnw -q dependency:go-offline'], 'Maven'],
    ['Gradle', ['FROM gradle:8', 'RUN gradle build --no-daemon'], 'target=/root/.gradle/caches'],
    ['go build', ['FROM golang:1.22', 'RUN go mod download && go build -o /app .'], 'Go leaves its cache (/root/.cache/go-build)'],
    ['cargo', ['FROM rust:1.79', 'RUN cargo build --release'], 'Cargo leaves its cache (/usr/local/cargo/registry)'],
    ['composer', ['FROM php:8.3', 'RUN composer install --no-dev'], 'Composer'],
    ['gem install', ['FROM ruby:3.3', 'RUN gem install rails'], 'RubyGems leaves its cache (/usr/local/bundle/cache)'],
    ['bundle install', ['FROM ruby:3.3', 'RUN bundle install'], 'Bundler'],
    ['a cache mount for another manager', ['FROM node:20', 'RUN --mount=type=cache,target=/root/.m2 npm ci'], 'npm'],
    ['in the parent stage of the final stage', ['FROM node:20 AS deps', 'RUN npm ci', 'FROM deps', 'CMD ["node", "server.js"]'], 'npm'],
  ])('catches %s', async (_name, lines, message) => {
    const f = await findingsOf('DD011', dockerfile(...lines));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('info');
    expect(f[0]?.message).toContain(message);
  });

  it('points at the package manager, once per manager and RUN', async () => {
    const text = dockerfile('FROM node:20', 'RUN npm ci && npm install -g serve && \\', '    sudo yarn add left-pad');
    const f = await findingsOf('DD011', text);
    expect(positions(f)).toEqual([
      [2, 5],
      [3, 10],
    ]);
  });

  it.each([
    ['a cache mount', ['FROM node:20', 'RUN --mount=type=cache,target=/root/.npm npm ci']],
    ['a cache mount with a home prefix', ['FROM node:20', 'USER node', 'RUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci']],
    ['a cache mount of a parent directory', ['FROM golang:1.22', 'RUN --mount=type=cache,target=/root/.cache --mount=type=cache,target=/go/pkg/mod go build ./...']],
    ['a custom pnpm store mount', ['FROM node:20', 'ENV PNPM_HOME=/pnpm', 'RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install']],
    ['a tmpfs mount', ['FROM maven:3.9', 'RUN --mount=type=tmpfs,target=/root/.m2 mvn package']],
    ['npm cache clean', ['FROM node:20', 'RUN npm ci && npm cache clean --force']],
    ['rm of the cache', ['FROM maven:3.9', 'RUN mvn -B package && rm -rf ~/.m2/repository']],
    ['rm of a parent', ['FROM golang:1.22', 'RUN go build -o /app . && rm -rf /root/.cache /go/pkg/mod']],
    ['go clean', ['FROM golang:1.22', 'RUN go build -o /app . && go clean -cache -modcache']],
    ['yarn cache clean', ['FROM node:20', 'RUN yarn install && yarn cache clean']],
    ['composer --no-cache', ['FROM php:8.3', 'RUN composer install --no-cache']],
    ['a builder stage', ['FROM node:20 AS build', 'RUN npm ci && npm run build', 'FROM nginx:1.27', 'COPY --from=build /app/dist /usr/share/nginx/html']],
    ['commands that do not fill a cache', ['FROM node:20', 'RUN npm run build && npm test && go version && mvn -v']],
    ['the managers of DL3009/DL3019/DL3042', ['FROM python:3.12', 'RUN apt-get update && apt-get install -y curl && pip install flask && apk add curl']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD011', dockerfile(...lines))).toEqual([]);
  });
});
