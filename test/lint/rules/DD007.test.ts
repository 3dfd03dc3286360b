import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD007 compiled app on a toolchain image without multi-stage', () => {
  it.each([
    ['Go', ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app ./cmd/app', 'CMD ["/app"]'], '(Go toolchain) and builds the app in place (go build on line 4)'],
    ['Rust', ['FROM rust:1.79', 'COPY . .', 'RUN cargo build --release'], 'cargo build'],
    ['C with make', ['FROM gcc:14', 'COPY . /src', 'RUN cd /src && ./configure && make'], 'C/C++ toolchain) and builds the app in place (make on line 3)'],
    ['Maven', ['FROM maven:3.9-eclipse-temurin-21', 'COPY . .', 'RUN mvn -B -DskipTests package'], 'mvn package'],
    ['the Maven wrapper on a JDK', ['FROM eclipse-temurin:21-jdk', 'COPY . .', 'RUN ./mvnw -q clean package'], '(JDK) and builds the app in place (mvnw package on line 3)'],
    ['Gradle', ['FROM gradle:8-jdk21', 'COPY . .', 'RUN gradle --no-daemon bootJar'], 'gradle bootJar'],
    ['the .NET SDK', ['FROM mcr.microsoft.com/dotnet/sdk:8.0', 'COPY . .', 'RUN dotnet publish -c Release -o /out'], '(.NET SDK)'],
    ['a Node build script', ['FROM node:20', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["node", "dist/server.js"]'], 'npm run build'],
    ['yarn build', ['FROM node:20-bookworm', 'COPY . .', 'RUN yarn install --frozen-lockfile && yarn build'], 'yarn build'],
    ['a final stage built FROM an earlier toolchain stage', ['FROM golang:1.22 AS base', 'WORKDIR /src', 'FROM base', 'COPY . .', 'RUN go build -o /app .'], 'go build on line 5'],
    ['a build step in the parent stage', ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM build', 'CMD ["/app"]'], 'go build on line 2'],
  ])('catches %s', async (_name, lines, message) => {
    const f = await findingsOf('DD007', dockerfile(...lines));
    expect(f).toHaveLength(1);
    expect(f[0]?.level).toBe('info');
    expect(f[0]?.message).toContain(message);
    expect(f[0]?.message).toContain('distroless, Chainguard or Alpine');
  });

  it('points at the toolchain image of the final stage chain', async () => {
    const text = dockerfile('FROM alpine:3.20 AS tools', 'FROM --platform=linux/amd64 golang:1.22 AS base', 'FROM base', 'RUN go build ./...');
    expect(positions(await findingsOf('DD007', text))).toEqual([[2, 29]]);
  });

  it.each([
    ['a multi-stage build ending in distroless', ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app']],
    ['a multi-stage build ending in alpine', ['FROM node:20 AS build', 'RUN npm ci && npm run build', 'FROM nginx:alpine', 'COPY --from=build /app/dist /usr/share/nginx/html']],
    ['a toolchain image without a build step', ['FROM node:20', 'COPY . .', 'RUN npm ci --omit=dev', 'CMD ["node", "server.js"]']],
    ['a JRE runtime', ['FROM eclipse-temurin:21-jre', 'COPY app.jar /app.jar', 'RUN javac -version || true']],
    ['a full distro without a toolchain image', ['FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y make']],
    ['go run / go test', ['FROM golang:1.22', 'RUN go test ./... && go vet ./...']],
    ['npm run with another script', ['FROM node:20', 'RUN npm run lint']],
    ['a final stage FROM a builder-free stage', ['FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM build AS unused', 'FROM alpine:3.20', 'COPY --from=build /app /app']],
    ['an unresolved base', ['ARG BASE', 'FROM ${BASE}', 'RUN go build .']],
  ])('does not flag %s', async (_name, lines) => {
    expect(await findingsOf('DD007', dockerfile(...lines))).toEqual([]);
  });
});
