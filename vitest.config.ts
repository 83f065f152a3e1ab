import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    pool: "forks", // each file gets its own process and its own WebGPU device
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
