/** The first few items of a list, for a message that must stay one readable line. */
export function preview(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} … and ${items.length - max} more`;
}
