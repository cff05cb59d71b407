/**
 * Japanese input methods often type full-width characters (１２３４…, ＭＡＭＯ…) and the
 * ideographic space. The bank folds them to ASCII wherever a customer types an ID, so an ID
 * typed either way is the same ID. NFKC is applied only to the full-width forms block and the
 * ideographic space, where it maps each character to its ASCII twin and touches nothing else.
 * Codes need no folding here: core's normalizeCode takes full-width digits itself.
 */
export function foldFullWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => c.normalize('NFKC'));
}
