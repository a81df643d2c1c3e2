# syntax=docker/dockerfile:1
# sis-sync: build stage compiles TypeScript and the native SQLite binding; the runtime stage
# holds production dependencies only and runs as the unprivileged "node" user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm rebuild better-sqlite3 \
 && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    SIS_SYNC_STATE_DIR=/var/lib/sis-sync
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
# The PowerQuery SQL the PowerSchool sources run, and the plugin built from it.
COPY powerschool-plugin/queries ./powerschool-plugin/queries
COPY powerschool-plugin/plugin ./powerschool-plugin/plugin
RUN mkdir -p /var/lib/sis-sync && chown node:node /var/lib/sis-sync && chmod 700 /var/lib/sis-sync
USER node
VOLUME ["/var/lib/sis-sync"]
ENTRYPOINT ["node", "/app/bin/sis-sync.js"]
CMD ["--help"]
