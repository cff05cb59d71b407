/** Deterministic test accounts for the benchmarks: distinct secrets, issuers and names. */
export function benchAccount(i: number) {
  return {
    secret: Uint8Array.from({ length: 20 }, (_, j) => (i * 37 + j * 11 + 1) & 0xff),
    issuer: `Service ${i + 1}`,
    label: `user${i + 1}@example.com`,
    algorithm: 'SHA1' as const,
    digits: 6 as const,
    period: 30 as const,
  };
}
