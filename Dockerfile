# One image for the API, the worker and the migrations; the command picks which.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY scripts scripts
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# V8 sized for a service and two malloc arenas: SERVICE_NODE_FLAGS and
# SERVICE_MALLOC_ARENA_MAX in libs/runtime/src/service-process.ts, which say why
# (a unit test keeps the two the same). Set NODE_OPTIONS to override.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=8 --max-old-space-size=512" \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 8080
CMD ["node", "dist/apps/api/src/main.js"]
