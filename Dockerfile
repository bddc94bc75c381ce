# tekser: build the TypeScript once, run plain Node with production dependencies only.
# Node 24, the current LTS (Node 20 reached its end of life in April 2026; `engines` in package.json).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim AS runtime
ENV NODE_ENV=production PORT=8080
# Pictures of ads are read by tesseract with Kazakh, Russian and English data (docs/ocr.md).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-eng \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY flows ./flows
COPY locales ./locales
# The image's own unprivileged user: tekser needs no root and writes nothing to disk.
USER node
EXPOSE 8080
# The slim image has no curl: Node itself asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Stack traces point at the TypeScript (the build writes source maps next to the JavaScript). A young
# generation of up to 32 MB a half: fewer scavenges, so grammY's per-call AbortController and the other
# short-lived objects of an update die young instead of being copied (Telegram's p99, docs/benchmarks.md).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=32", "dist/main.js"]
