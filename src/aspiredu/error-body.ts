// AspirEDU (Django REST framework) error bodies, made into one readable sentence:
//   {"detail": "Not found."}
//   {"non_field_errors": ["Must supply either a file or data."]}
//   {"data_type": ["This field may not be blank."]}
//   {"data": [{}, {"dashboard_name": ["This field is required."]}]}   (row 2 of `data`)

export function describeAspirEduError(_status: number, body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 200) : undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const parts = collectMessages(body, []);
  return parts.length > 0 ? parts.slice(0, 10).join('; ') : undefined;
}

function collectMessages(node: unknown, path: string[]): string[] {
  if (typeof node === 'string') return [path.length > 0 ? `${path.join('.')}: ${node}` : node];
  if (Array.isArray(node)) {
    // A list of strings is a field's messages; a list of objects is per-row errors.
    return node.flatMap((item, index) =>
      typeof item === 'string' ? collectMessages(item, path) : collectMessages(item, [...path, `row ${index + 1}`]),
    );
  }
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => {
      const keyPath = key === 'detail' || key === 'non_field_errors' ? path : [...path, key];
      return collectMessages(value, keyPath);
    });
  }
  return node === undefined || node === null ? [] : [String(node)];
}
