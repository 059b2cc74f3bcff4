// A form's fields as a browser posts them to a server action (FormData): one value per field, or several under one
// name (a hand-crafted post). No vitest here.
export function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}
