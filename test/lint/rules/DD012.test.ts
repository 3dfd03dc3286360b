import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD012 service image without HEALTHCHECK', () => {
  it.each([
    ['an EXPOSEd port', ['FROM alpine:3.20', 'COPY app /app', 'EXPOSE 8080/tcp 9090', 'CMD ["/app"]'], [3, 8], 'EXPOSE 8080/tcp 9090'],
    ['nginx in exec form', ['FROM debian:12', 'CMD ["nginx", "-g", "daemon off;"]'], [2, 5], 'CMD runs nginx'],
    ['gunicorn in shell form', ['FROM python:3.12-slim', 'CMD exec gunicorn -b :8000 app:app'], [2, 5], 'CMD runs gunicorn'],
    ['java -jar behind tini', ['FROM eclipse-temurin:21-jre', 'ENTRYPOINT ["/sbin/tini", "--", "java", "-jar", "/app.jar"]'], [2, 12], 'ENTRYPOINT runs java -jar'],
    ['node server.js under gosu', ['FROM node:20', 'CMD ["gosu", "node", "node", "dist/server.js"]'], [2, 5], 'CMD runs node dist/server.js'],
    ['uvicorn via python -m', ['FROM python:3.12', 'CMD python -m uvicorn main:app --host 0.0.0.0'], [2, 5], 'python -m uvicorn'],
    ['npm start', ['FROM node:20', 'CMD ["npm", "start"]'], [2, 5], 'npm start'],
    ['postgres after an entrypoint script', ['FROM debian:12', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["postgres"]'], [3, 5], 'CMD runs postgres'],
    ['a server base image', ['FROM nginx:1.27-alpine', 'COPY dist/ /usr/share/nginx/html/'], [1, 6], 'the nginx base image runs a server'],
    ['php-fpm base', ['FROM php:8.3-fpm', 'COPY . /var/www/html'], [1, 6], 'php:8.3-fpm'],
    ['a multi-stage service', ['FROM golang:1.22 AS build', 'HEALTHCHECK CMD true', 'FROM gcr.io/distroless/static', 'EXPOSE 8080'], [4, 8], 'EXPOSE 8080'],
  ])('catches %s', async (_name, lines, at, what) => {
    const f = await findingsOf('DD012', dockerfile(...lines));
    expect(positions(f)).toEqual([at]);
    expect(f[0]?.level).toBe('info');
    expect(f[0]?.message).toContain(what);
    expect(f[0]?.message).toContain('has no HEALTHCHECK');
  });

  it.each([
    ['a HEALTHCHECK', ['FROM nginx:1.27', 'EXPOSE 80', 'HEALTHCHECK --interval=30s CMD wget -qO- http://localhost/ || exit 1']],
    ['HEALTHCHECK NONE', ['FROM alpine:3.20', 'EXPOSE 8080', 'HEALTHCHECK NONE']],
    ['a HEALTHCHECK inherited from an earlier stage', ['FROM node:20 AS base', 'HEALTHCHECK CMD node healthcheck.js', 'FROM base', 'EXPOSE 3000', 'CMD ["node", "server.js"]']],
    ['a batch job', ['FROM python:3.12', 'CMD ["python", "etl.py"]']],
    ['a CLI tool', ['FROM alpine:3.20', 'ENTRYPOINT ["/usr/bin/jq"]']],
    ['a server base image with its command replaced', ['FROM nginx:1.27', 'ENTRYPOINT ["/usr/bin/envsubst"]', 'CMD ["--help"]']],
    ['a server CMD that is only an argument of the ENTRYPOINT', ['FROM alpine:3.20', 'ENTRYPOINT ["/usr/bin/echo"]', 'CMD ["nginx"]']],
    ['a shell-form ENTRYPOINT ignores CMD', ['FROM alpine:3.20', 'ENTRYPOINT /app/run-once', 'CMD ["nginx"]']],
    ['a service only in a builder stage', ['FROM node:20 AS build', 'EXPOSE 3000', 'CMD ["npm", "start"]', 'FROM alpine:3.20', 'CMD ["/bin/sh"]']],
    ['node running a tool script', ['FROM node:20', 'CMD ["node", "scripts/migrate.js"]']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD012', dockerfile(...lines))).toEqual([]);
  });
});
